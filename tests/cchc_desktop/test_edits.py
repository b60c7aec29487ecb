"""Every kind of edit, undone and redone on a real database."""

from datetime import date

import pytest

from cchc_desktop import repo
from cchc_desktop.edits import areas, directory, indicators, plans, progress, tasks
from cchc_desktop.errors import UserInputError
from cchc_desktop.undo import UndoStack

TABLES = ("plan", "unit", "area", "task", "party", "task_party", "indicator", "indicator_value", "progress")


def dump(db) -> dict:
    return {table: db.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall() for table in TABLES}


def by_stt(db, plan_id, stt):
    return next(t for t in repo.list_tasks(db, plan_id) if t.stt == stt)


def first_area(db, plan_id):
    return repo.list_areas(db, plan_id)[0]


EDITS = {
    "add task": lambda db, p: tasks.add_task(db, p, first_area(db, p).id, after_task_id=by_stt(db, p, 2).id,
                                             content="Nhiệm vụ mới", lead="Công chức Văn hóa - Xã hội"),
    "edit task": lambda db, p: tasks.edit_task(db, by_stt(db, p, 5).id, content="Nội dung\nhai dòng", lead="Bộ phận Một cửa"),
    "delete tasks": lambda db, p: tasks.delete_tasks(db, [by_stt(db, p, 1).id, by_stt(db, p, 44).id]),
    "move task up": lambda db, p: tasks.move_task(db, by_stt(db, p, 9).id, -1),
    "move task down": lambda db, p: tasks.move_task(db, by_stt(db, p, 8).id, +1),
    "task to area": lambda db, p: tasks.move_task_to_area(db, by_stt(db, p, 1).id, repo.list_areas(db, p)[6].id),
    "add area": lambda db, p: areas.add_area(db, p, "Công tác khác"),
    "rename area": lambda db, p: areas.rename_area(db, first_area(db, p).id, "CÔNG TÁC CHỈ ĐẠO"),
    "move area": lambda db, p: areas.move_area(db, first_area(db, p).id, +1),
    "delete area": lambda db, p: areas.delete_area(db, repo.list_areas(db, p)[1].id),
    "edit plan": lambda db, p: plans.edit_plan(db, p, number="55/KH-UBND", recipients=["UBND tỉnh;", "Lưu: VT."]),
    "edit unit": lambda db, p: plans.edit_unit(db, repo.get_plan(db, p).unit_id, report_recipient="Sở Nội vụ tỉnh Tây Ninh"),
    "delete plan": lambda db, p: plans.delete_plan(db, p),
    "create plan": lambda db, p: plans.create_plan(db, repo.get_plan(db, p).unit_id, 2025),
    "copy plan": lambda db, p: plans.copy_plan_to_year(db, p, 2025),
    "add indicator": lambda db, p: indicators.add_indicator(db, p, "Tỷ lệ hồ sơ đúng hạn", 99, ">=", "%"),
    "set actual": lambda db, p: indicators.set_actual(db, repo.list_indicators(db, p)[0].id, "q1", 97.5),
    "delete indicator": lambda db, p: indicators.delete_indicator(db, repo.list_indicators(db, p)[0].id),
    "add progress": lambda db, p: progress.add_progress(db, by_stt(db, p, 3).id, date(2024, 2, 20), "done"),
    "rename party": lambda db, p: directory.rename_party(
        db, db.execute("SELECT id FROM party WHERE name = 'Công chức Văn phòng-Thống kê'").fetchone()[0], "Văn phòng HĐND-UBND"),
    "merge party": lambda db, p: directory.merge_parties(
        db, db.execute("SELECT id FROM party WHERE name = 'CBCC liên quan'").fetchone()[0],
        db.execute("SELECT id FROM party WHERE name = 'Công chức chuyên môn'").fetchone()[0]),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_each_edit_is_written_at_once_and_undoes_and_redoes_exactly(db, demo_plan_id, kind):
    stack = UndoStack(db)
    before = dump(db)
    change = stack.do(EDITS[kind](db, demo_plan_id))
    assert not change.is_empty()
    after = dump(db)
    assert after != before
    assert stack.undo() is change
    assert dump(db) == before
    stack.redo()
    assert dump(db) == after
    stt = [row[3] for row in db.execute("SELECT * FROM task WHERE plan_id = ? ORDER BY stt", [demo_plan_id])]
    assert stt == list(range(1, len(stt) + 1))


def test_new_task_takes_its_place_and_stt_renumbers(db, demo_plan_id):
    UndoStack(db).do(EDITS["add task"](db, demo_plan_id))
    assert by_stt(db, demo_plan_id, 3).content == "Nhiệm vụ mới"
    assert by_stt(db, demo_plan_id, 4).content == "Xây dựng kế hoạch tuyên truyền CCHC năm 2024"
    assert len(repo.list_tasks(db, demo_plan_id)) == 45
    names = [n for (n,) in db.execute("SELECT name FROM party")]
    assert "Công chức Văn hóa - Xã hội" in names


def test_moving_across_an_area_edge_changes_area_not_order(db, demo_plan_id):
    last_of_first = by_stt(db, demo_plan_id, 8)
    UndoStack(db).do(tasks.move_task(db, last_of_first.id, +1))
    moved = repo.get_task(db, last_of_first.id)
    assert moved.stt == 8 and moved.area_id == repo.list_areas(db, demo_plan_id)[1].id


def test_edit_history_is_kept_per_task(db, demo_plan_id):
    stack = UndoStack(db)
    task = by_stt(db, demo_plan_id, 5)
    stack.do(tasks.edit_task(db, task.id, content="Nội dung mới"))
    stack.undo()
    rows = db.execute("SELECT action, field, old, new FROM task_history WHERE task_id = ? ORDER BY id", [task.id]).fetchall()
    assert rows[-2] == ("sửa", "content", task.content, "Nội dung mới")
    assert rows[-1] == ("hoàn tác", "content", "Nội dung mới", task.content)


def test_copy_to_new_year_moves_deadline_years_but_not_references(db, demo_plan_id):
    change = plans.copy_plan_to_year(db, demo_plan_id, 2025)
    UndoStack(db).do(change)
    new_id = next(row.key["id"] for row in change.rows if row.table == "plan")
    copied = {t.stt: t for t in repo.list_tasks(db, new_id)}
    assert len(copied) == 44
    assert copied[1].deadline_text == "Tháng 02/2025"
    assert copied[10].deadline_text == "Tháng 01 năm 2025"
    assert copied[32].deadline_text == "Năm 2025 -2026"
    assert copied[20].deadline_text == "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh"
    assert copied[19].deadline_text == "Quý I, II, III và cả năm 2025"
    plan = repo.get_plan(db, new_id)
    assert plan.year == 2025 and plan.appendix_title == "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2025"
    assert plan.number == "" and plan.decision_number == ""
    assert len(repo.list_indicators(db, new_id)) == len(repo.list_indicators(db, demo_plan_id))
    assert db.execute("SELECT count(*) FROM progress JOIN task ON task.id = progress.task_id WHERE task.plan_id = ?", [new_id]).fetchone()[0] == 0


def _rename_unit(db, plan_id: int, name: str) -> None:
    """The unit renamed after the merger; its plan keeps the names it was issued under."""
    unit_id = repo.get_plan(db, plan_id).unit_id
    UndoStack(db).do(plans.edit_unit(db, unit_id, name=name, issuing_body=f"ỦY BAN NHÂN DÂN {name.upper()}",
                                     place_name=name))


def test_a_copy_takes_the_units_name_now_and_its_approver_follows(db, demo_plan_id):
    _rename_unit(db, demo_plan_id, "Phường Tân Ninh")
    change = plans.copy_plan_to_year(db, demo_plan_id, 2025)
    UndoStack(db).do(change)
    copy = repo.get_plan(db, next(row.key["id"] for row in change.rows if row.table == "plan"))
    assert (copy.unit_name, copy.issuing_body) == ("Phường Tân Ninh", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH")
    assert copy.decision_issuer == "Chủ tịch Ủy ban nhân dân phường Tân Ninh"
    original = repo.get_plan(db, demo_plan_id)
    assert (original.unit_name, original.decision_issuer) == ("Phường 1", "Chủ tịch Ủy ban nhân dân Phường 1")


@pytest.mark.parametrize("approver, renamed", [
    ("Chủ tịch Ủy ban nhân dân phường 1", "Chủ tịch Ủy ban nhân dân phường Tân Ninh"),  # capitals aside
    ("Chủ tịch Ủy ban nhân dân Phường 12", "Chủ tịch Ủy ban nhân dân Phường 12"),  # another ward
])
def test_a_copy_renames_the_approver_by_whole_name(db, demo_plan_id, approver, renamed):
    UndoStack(db).do(plans.edit_plan(db, demo_plan_id, decision_issuer=approver))
    _rename_unit(db, demo_plan_id, "Phường Tân Ninh")
    change = plans.copy_plan_to_year(db, demo_plan_id, 2025)
    assert next(row.after for row in change.rows if row.table == "plan")["decision_issuer"] == renamed


def test_a_copy_keeps_an_approver_of_another_level(db, demo_plan_id):
    UndoStack(db).do(plans.edit_plan(db, demo_plan_id, decision_issuer="Chủ tịch Ủy ban nhân dân thành phố Tây Ninh"))
    _rename_unit(db, demo_plan_id, "Phường Tân Ninh")
    change = plans.copy_plan_to_year(db, demo_plan_id, 2025)
    copied_plan = next(row.after for row in change.rows if row.table == "plan")
    assert copied_plan["decision_issuer"] == "Chủ tịch Ủy ban nhân dân thành phố Tây Ninh"


@pytest.mark.parametrize("text, expected", [
    ("Tháng 02/2024", "Tháng 02/2025"),
    ("Trước ngày 15/12/2024", "Trước ngày 15/12/2025"),
    ("Thường xuyên", "Thường xuyên"),
    ("Theo quy định của cấp trên", "Theo quy định của cấp trên"),
    ("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh"),
])
def test_shift_deadline_years(text, expected):
    assert plans.shift_deadline_years(text, 2024, 2025) == expected


def test_renaming_a_directory_entry_updates_every_task(db, demo_plan_id):
    UndoStack(db).do(EDITS["rename party"](db, demo_plan_id))
    assert by_stt(db, demo_plan_id, 44).lead == "Văn phòng HĐND-UBND"
    assert by_stt(db, demo_plan_id, 40).lead == "Văn phòng HĐND-UBND; Bộ phận Một cửa; Tổ CNSCĐ phường, khu phố"
    assert by_stt(db, demo_plan_id, 1).lead == "Công chức Văn phòng – Thống kê"  # a different entry


def test_merging_directory_entries(db, demo_plan_id):
    UndoStack(db).do(EDITS["merge party"](db, demo_plan_id))
    assert by_stt(db, demo_plan_id, 5).supporting == "Công chức chuyên môn"
    assert db.execute("SELECT count(*) FROM party WHERE name = 'CBCC liên quan'").fetchone()[0] == 0


def test_deleted_plan_is_recoverable(db, demo_plan_id):
    stack = UndoStack(db)
    stack.do(plans.delete_plan(db, demo_plan_id))
    assert repo.list_plans(db) == []
    assert [p["id"] for p in plans.deleted_plans(db)] == [demo_plan_id]
    stack.do(plans.restore_plan(db, demo_plan_id))
    assert [p.id for p in repo.list_plans(db)] == [demo_plan_id]


@pytest.mark.parametrize("make, message", [
    (lambda db, p: areas.add_area(db, p, "   "), "Tên nhóm nhiệm vụ không được để trống."),
    (lambda db, p: indicators.add_indicator(db, p, "Tỷ lệ", 30, "range", "%", 20), "Chỉ tiêu dạng khoảng cần giá trị từ … đến … (từ nhỏ hơn đến)."),
    (lambda db, p: progress.add_progress(db, by_stt(db, p, 1).id, date(2024, 1, 1), "in_progress", 150), "Tỷ lệ hoàn thành phải từ 0 đến 100%."),
    (lambda db, p: plans.copy_plan_to_year(db, p, 2024), "Năm của bản sao phải khác năm của kế hoạch gốc."),
])
def test_bad_edits_are_refused_with_a_vietnamese_message(db, demo_plan_id, make, message):
    before = dump(db)
    with pytest.raises(UserInputError) as raised:
        make(db, demo_plan_id)
    assert raised.value.message == message
    assert dump(db) == before


@pytest.mark.parametrize("today, latest", [
    (date(2026, 12, 7), date(2027, 12, 7)),
    (date(2028, 2, 29), date(2029, 2, 28)),  # a leap day: next year has no 29 February
    (date(2027, 2, 28), date(2028, 2, 28)),
])
def test_progress_may_be_dated_up_to_a_year_ahead(today, latest):
    assert progress.latest_progress_date(today) == latest


def test_indicator_achievement():
    assert indicators.achieved(">=", 95, None, 96) is True
    assert indicators.achieved(">=", 95, None, 94.5) is False
    assert indicators.achieved("range", 30, 40, 35) is True
    assert indicators.achieved("<=", 5, None, None) is None
    assert indicators.target_text(">=", 95, None, "%") == "≥ 95%"
    assert indicators.target_text("range", 30, 40, "%") == "30–40%"
    assert indicators.target_text(">=", 99.5, None, "%") == "≥ 99,5%"


def test_clearing_the_history_hands_back_every_step(db, demo_plan_id):
    """A window frees a large history a slice at a time: it needs the steps forgotten."""
    stack = UndoStack(db)
    first = stack.do(EDITS["add task"](db, demo_plan_id))
    second = stack.do(tasks.edit_task(db, by_stt(db, demo_plan_id, 5).id, content="Sửa lần hai"))
    stack.undo()
    assert stack.clear() == [first, second]
    assert not stack.can_undo() and not stack.can_redo() and stack.clear() == []


def test_undo_over_rows_changed_elsewhere_is_refused_and_forgets_history(db, demo_plan_id, workspace):
    from cchc_desktop.changes import StaleChange
    from cchc_desktop.db import open_database

    stack = UndoStack(db)
    task = by_stt(db, demo_plan_id, 5)
    stack.do(tasks.edit_task(db, task.id, content="Sửa trong cửa sổ"))
    other = open_database(workspace.db_path)  # the command line, say, writing the same task
    with other.atomic():
        other.execute("UPDATE task SET content = 'Sửa ở nơi khác' WHERE id = ?", [task.id])
    other.close()
    before = dump(db)
    with pytest.raises(StaleChange) as raised:
        stack.undo()
    assert raised.value.message.startswith("Dữ liệu này vừa được sửa ở nơi khác")
    assert dump(db) == before
    assert not stack.can_undo() and not stack.can_redo()


def test_a_plan_keeps_the_names_it_was_issued_under(db, demo_plan_id):
    from cchc_desktop.changes import apply
    from cchc_desktop.export import build_appendix
    from cchc_desktop.export.appendix_export import appendix_target_name
    from cchc_desktop.report import report_target_name

    unit_id = repo.get_plan(db, demo_plan_id).unit_id
    # 1 July 2025: the ward is merged and renamed
    apply(db, plans.edit_unit(db, unit_id, name="Phường Tân Ninh", issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH",
                              place_name="Tân Ninh"))
    old = repo.document_unit(db, repo.get_plan(db, demo_plan_id))
    assert (old.name, old.issuing_body, old.place_name) == ("Phường 1", "ỦY BAN NHÂN DÂN PHƯỜNG 1", "Phường 1")
    assert "Phường 1" in build_appendix(db, demo_plan_id).attachment
    assert appendix_target_name(db, demo_plan_id, "pdf") == "PL_KH_CCHC_2024_Phuong_1.pdf"
    assert report_target_name(db, demo_plan_id, "q1", "pdf") == "BC_CCHC_Quy_I_2024_Phuong_1_du_thao.pdf"
    change = plans.create_plan(db, unit_id, 2026)
    apply(db, change)
    new_plan_id = change.rows[0].key["id"]
    new = repo.document_unit(db, repo.get_plan(db, new_plan_id))
    assert (new.name, new.issuing_body, new.place_name) == ("Phường Tân Ninh", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH", "Tân Ninh")
    assert appendix_target_name(db, new_plan_id, "pdf") == "PL_KH_CCHC_2026_Phuong_Tan_Ninh_du_thao.pdf"


def test_progress_entries_added_and_deleted_are_in_the_tasks_history(db, demo_plan_id):
    from cchc_desktop.history import task_history

    stack = UndoStack(db)
    task = by_stt(db, demo_plan_id, 5)
    added = stack.do(progress.add_progress(db, task.id, date(2024, 3, 20), "in_progress", 50, "Đã dự thảo kế hoạch"))
    stack.do(progress.delete_progress(db, added.rows[0].key["id"]))
    stack.undo()
    lines = [(e.action, e.field, e.old, e.new) for e in task_history(db, task.id)[:3]]
    entry = "20/03/2024: Đang thực hiện 50% — Đã dự thảo kế hoạch"
    assert lines == [
        ("Hoàn tác: thêm cập nhật tiến độ", "Tiến độ", "", entry),  # what the undo did: brought it back
        ("Xóa cập nhật tiến độ", "Tiến độ", entry, ""),
        ("Thêm cập nhật tiến độ", "Tiến độ", "", entry),
    ]
