"""Doubts only the database can raise: another unit's file, tasks already in the plan,
a year that already has a plan."""

from cchc_desktop import repo
from cchc_desktop.importing import commit, read_appendix, target_warnings

from .builders import HEADERS, demo_body, shifted, write_xlsx

YEAR_TAKEN = ("Phường 1 đã có kế hoạch năm 2024: nhập vào kế hoạch mới sẽ thành hai kế hoạch của năm này "
              "(để bổ sung kế hoạch đã có, hãy nhập vào chính kế hoạch đó).")
REPEATED = "44 trong 44 nhiệm vụ của tệp đã có trong kế hoạch này (cùng nội dung; dòng 7, 8, 9, 10, 11, …): "


def _demo_plan(db) -> int:
    [plan] = repo.list_plans(db)
    return plan.id


def _file_of(tmp_path, unit_line: str):
    body, merges = demo_body()
    rows = [[unit_line], ["Phụ lục"], ["CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"], [], HEADERS] + body
    return write_xlsx(tmp_path / "khac.xlsx", rows, shifted(merges, 5))


def test_the_plans_own_appendix_imported_into_it_again_is_warned_about(db, demo_xlsx):
    plan_id = _demo_plan(db)
    [warning] = target_warnings(db, read_appendix(demo_xlsx), plan_id=plan_id)
    assert warning == REPEATED + "nếu nhập, các nhiệm vụ đó sẽ có hai lần."


def test_texts_folded_once_are_kept_for_the_next_call(db, demo_xlsx):
    plan_id, preview, folded = _demo_plan(db), read_appendix(demo_xlsx), {}
    first = target_warnings(db, preview, plan_id=plan_id, folded=folded)
    assert len(folded) == 44 and folded["Xây dựng kế hoạch tuyên truyền CCHC năm 2024"] == "xay dung ke hoach tuyen truyen cchc nam 2024"
    assert target_warnings(db, preview, plan_id=plan_id, folded=folded) == first


def test_a_new_plan_of_a_year_the_unit_has_already_is_warned_about(db, demo_xlsx):
    preview = read_appendix(demo_xlsx)
    # The file's year, 2024, is the demo plan's.
    assert target_warnings(db, preview) == [YEAR_TAKEN]
    assert target_warnings(db, preview, year=2025) == []


def test_another_units_file_is_warned_about(db, demo_xlsx, tmp_path):
    preview = read_appendix(_file_of(tmp_path, "ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"))
    expected = ("Tệp ghi đơn vị “Xã Hoằng Đông”, khác đơn vị sẽ nhận các nhiệm vụ (“Phường 1”): "
                "nếu nhập, đây sẽ là nhiệm vụ của Phường 1.")
    assert target_warnings(db, preview, year=2025) == [expected]
    assert target_warnings(db, preview, plan_id=_demo_plan(db))[0] == expected


def test_the_name_a_plan_was_issued_under_is_not_another_unit(db, demo_xlsx):
    """The unit renamed since: its old plan's own appendix still names the old name."""
    plan_id = _demo_plan(db)
    db.execute("UPDATE plan SET unit_name = 'Phường 1' WHERE id = ?", [plan_id])
    db.execute("UPDATE unit SET name = 'Phường Tân Ninh'")
    warnings = target_warnings(db, read_appendix(demo_xlsx), plan_id=plan_id)
    assert warnings == [REPEATED + "nếu nhập, các nhiệm vụ đó sẽ có hai lần."]


def test_a_unit_stored_without_its_type_is_not_another_unit(db, demo_xlsx):
    """Units set up before names took their type ("1", type "phường") import their own files
    without a doubt; so does one whose header line alone names it."""
    plan_id = _demo_plan(db)
    db.execute("UPDATE plan SET unit_name = ''")
    db.execute("UPDATE unit SET name = '1'")
    assert not any("khác đơn vị" in w for w in target_warnings(db, read_appendix(demo_xlsx), plan_id=plan_id))
    db.execute("UPDATE unit SET name = 'Đơn vị chưa đặt tên'")  # the header line still says PHƯỜNG 1
    assert not any("khác đơn vị" in w for w in target_warnings(db, read_appendix(demo_xlsx), plan_id=plan_id))


def test_a_fresh_database_raises_no_doubt(tmp_path, demo_xlsx):
    from cchc_desktop.workspace import Workspace

    fresh = Workspace.open(tmp_path / "fresh")
    try:
        preview = read_appendix(_file_of(tmp_path, "UBND XÃ HOẰNG ĐÔNG"))
        assert target_warnings(fresh.db, preview) == []
        plan_id = commit(fresh.db, preview)  # the unit is made from the file: no other unit to confuse
        assert target_warnings(fresh.db, preview, plan_id=plan_id)[0].startswith("44 trong 44 nhiệm vụ")
    finally:
        fresh.close()
