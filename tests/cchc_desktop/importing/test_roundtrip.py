"""The demo appendix written to a file and read back is the same appendix."""

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.edits.plans import create_plan
from cchc_desktop.importing import commit, import_change, read_appendix
from cchc_desktop.setup_unit import create_unit_with_plan
from cchc_desktop.models import Unit

from .builders import HEADERS, PREAMBLE, demo_body, expected_areas, imported_areas, shifted, write_docx, write_xlsx


def test_exported_xlsx_imports_back_identical(db, demo_xlsx):
    preview = read_appendix(demo_xlsx)
    assert [c.field for c in preview.columns] == ["stt", "content", "lead", "supporting", "output", "deadline_text"]
    plan_id = commit(db, preview)
    assert imported_areas(db, plan_id) == expected_areas()
    assert len(repo.list_tasks(db, plan_id)) == 44


def test_exported_xlsx_fills_the_plan_from_its_heading(db, demo_xlsx):
    plan = repo.get_plan(db, commit(db, read_appendix(demo_xlsx)))
    assert plan.year == 2024
    assert plan.appendix_title == "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"
    assert plan.decision_number == "55/QĐ-UBND"
    assert plan.decision_date.isoformat() == "2024-02-29"
    assert plan.decision_issuer == "Chủ tịch Ủy ban nhân dân Phường 1"
    assert plan.title == "Cải cách hành chính năm 2024"


def test_plain_docx_imports_identical(db, tmp_path):
    body, merges = demo_body()
    path = write_docx(tmp_path / "a.docx", [HEADERS] + body, shifted(merges, 1), PREAMBLE)
    plan_id = commit(db, read_appendix(path))
    assert imported_areas(db, plan_id) == expected_areas()


def test_xlsx_built_by_hand_imports_identical(db, tmp_path):
    body, merges = demo_body()
    rows = [["Phụ lục"], ["CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"], [], HEADERS] + body
    path = write_xlsx(tmp_path / "a.xlsx", rows, shifted(merges, 4))
    plan_id = commit(db, read_appendix(path))
    assert imported_areas(db, plan_id) == expected_areas()


def test_a_fresh_database_gets_a_unit_named_from_the_file(db, demo_xlsx, tmp_path):
    from cchc_desktop.workspace import Workspace

    fresh = Workspace.open(tmp_path / "fresh")
    try:
        plan_id = commit(fresh.db, read_appendix(demo_xlsx))
        unit = repo.get_unit(fresh.db, repo.get_plan(fresh.db, plan_id).unit_id)
        assert (unit.name, unit.unit_type, unit.issuing_body) == ("Phường 1", "phường", "ỦY BAN NHÂN DÂN PHƯỜNG 1")
    finally:
        fresh.close()


def test_a_unit_named_in_a_letterhead_s_capitals_is_named_as_documents_write_it(tmp_path):
    from cchc_desktop.workspace import Workspace

    body, merges = demo_body()
    rows = [["UBND XÃ HOẰNG ĐÔNG"], ["Phụ lục"], ["CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"],
            ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND xã Hoằng Đông)"], [], HEADERS] + body
    path = write_xlsx(tmp_path / "a.xlsx", rows, shifted(merges, 6))
    fresh = Workspace.open(tmp_path / "fresh")
    try:
        plan_id = commit(fresh.db, read_appendix(path))
        unit = repo.get_unit(fresh.db, repo.get_plan(fresh.db, plan_id).unit_id)
        assert (unit.name, unit.unit_type, unit.place_name) == ("Xã Hoằng Đông", "xã", "Xã Hoằng Đông")
        assert unit.issuing_body == "ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"
    finally:
        fresh.close()


def test_appending_to_a_plan_with_the_standard_areas_matches_them_by_title(db, demo_xlsx):
    unit_id = repo.list_units(db)[0].id
    change = create_plan(db, unit_id, 2024)
    apply(db, change)
    plan_id = next(row.key["id"] for row in change.rows if row.table == "plan")
    commit(db, read_appendix(demo_xlsx), plan_id=plan_id)
    groups = repo.appendix(db, plan_id)
    assert len(groups) == 7  # "CẢI CÁCH THỂ CHẾ" went into "Cải cách thể chế"
    assert [len(g.tasks) for g in groups] == [8, 4, 10, 4, 3, 4, 11]
    assert [t.stt for t in repo.list_tasks(db, plan_id)] == list(range(1, 45))


def test_appending_renumbers_the_whole_plan_and_adds_unknown_areas(db, tmp_path):
    plan_id = create_unit_with_plan(db, Unit(None, "Xã Hoằng Đông", "xã"), 2024)
    first_import = write_xlsx(tmp_path / "a.xlsx", [HEADERS, ["II. Cải cách thể chế"], [1, "Cũ A", "X"], ["III. Khác hẳn"], [2, "Cũ B", "Y"]],
                              [(1, 0, 1, 5), (3, 0, 3, 5)])
    commit(db, read_appendix(first_import), plan_id=plan_id)
    second = write_xlsx(tmp_path / "b.xlsx", [HEADERS, ["I. CẢI CÁCH THỂ CHẾ"], [1, "Mới", "Z"], ["II. Nhóm mới"], [2, "Mới nữa", "Z"]],
                        [(1, 0, 1, 5), (3, 0, 3, 5)])
    commit(db, read_appendix(second), plan_id=plan_id)
    groups = repo.appendix(db, plan_id)
    titles = [(g.area.numeral, g.area.title, [(t.stt, t.content) for t in g.tasks]) for g in groups]
    assert titles[1] == ("II", "Cải cách thể chế", [(1, "Cũ A"), (2, "Mới")])
    assert titles[-2] == ("VIII", "Khác hẳn", [(3, "Cũ B")])
    assert titles[-1] == ("IX", "Nhóm mới", [(4, "Mới nữa")])


def test_an_import_is_one_change_that_undoes_completely(db, demo_xlsx):
    from cchc_desktop.undo import UndoStack

    plans_before = [p.id for p in repo.list_plans(db)]
    parties_before = db.execute("SELECT count(*) FROM party").fetchone()[0]
    stack = UndoStack(db)
    planned = import_change(db, read_appendix(demo_xlsx), year=2025)
    stack.do(planned.change)
    assert repo.get_plan(db, planned.plan_id).year == 2025
    assert stack.undo_text == "Hoàn tác: Nhập 44 nhiệm vụ từ tệp phu_luc.xlsx"
    stack.undo()
    assert [p.id for p in repo.list_plans(db)] == plans_before
    assert db.execute("SELECT count(*) FROM party").fetchone()[0] == parties_before
    stack.redo()
    assert imported_areas(db, planned.plan_id) == expected_areas()


def test_imported_tasks_are_linked_to_the_directory(db, demo_xlsx):
    plan_id = commit(db, read_appendix(demo_xlsx))
    task = next(t for t in repo.list_tasks(db, plan_id) if t.stt == 40)
    names = [row[0] for row in db.execute(
        "SELECT party.name FROM task_party JOIN party ON party.id = task_party.party_id "
        "WHERE task_id = ? AND role = 'lead' ORDER BY position", [task.id])]
    assert names == ["Công chức Văn phòng-Thống kê", "Bộ phận Một cửa", "Tổ CNSCĐ phường, khu phố"]
