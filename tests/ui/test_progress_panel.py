"""The task-level panels: progress log and change history."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from cchc_desktop import repo
from cchc_desktop.edits.progress import add_progress
from cchc_desktop.edits.tasks import edit_task
from cchc_desktop.history import task_history
from cchc_desktop.models import ProgressUpdate
from cchc_desktop.undo import UndoStack
from tests.ui.typing_helpers import type_text
from ui import progress_panel
from ui.history_panel import COLUMNS as HISTORY_COLUMNS
from ui.history_panel import HistoryModel, HistoryPanel
from ui.operations import Operations
from ui.progress_panel import COLUMNS, ProgressModel, ProgressPanel, status_summary

OLD_CONTENT = "Xử lý phản ánh, kiến nghị đúng hạn"
NEW_CONTENT = "Xử lý phản ánh, kiến nghị của người dân, doanh nghiệp đúng hạn"


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def panel(qtbot, operations, demo_plan_id):
    shown = ProgressPanel(operations)
    qtbot.addWidget(shown)
    shown.set_task(1)
    return shown


def table_text(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def record(on: date, status: str, percent: int = 0) -> ProgressUpdate:
    return ProgressUpdate(None, 1, on, status, percent)


# Progress ---------------------------------------------------------------------

def test_progress_model_passes_qtmodeltester(qtmodeltester, operations, db, demo_plan_id):
    operations.run(lambda: add_progress(db, 1, date(2024, 2, 10), "in_progress", 40, "Dự thảo", ""))
    operations.run(lambda: add_progress(db, 1, date(2024, 2, 28), "done", 100, "Ban hành", "55/KH-UBND"))
    model = ProgressModel()
    model.set_updates(repo.list_progress(db, 1))
    qtmodeltester.check(model, force_py=True)
    empty = ProgressModel()
    qtmodeltester.check(empty, force_py=True)


def test_summary_follows_the_log():
    assert status_summary([]) == "Trạng thái hiện tại: Chưa có cập nhật tiến độ"
    assert status_summary([record(date(2024, 2, 10), "in_progress", 40)]) == \
        "Trạng thái hiện tại: Đang thực hiện (40%), cập nhật ngày 10/02/2024"
    done = [record(date(2024, 2, 10), "in_progress", 40), record(date(2024, 2, 28), "done", 100)]
    assert status_summary(done) == "Trạng thái hiện tại: Hoàn thành ngày 28/02/2024"
    reopened = [*done, record(date(2024, 3, 5), "in_progress", 80)]
    assert status_summary(reopened).startswith("Trạng thái hiện tại: Đang thực hiện (80%)")


def test_adding_a_done_record_shows_the_completion_date(panel, db):
    assert panel.summary.text() == "Trạng thái hiện tại: Chưa có cập nhật tiến độ"
    assert [panel.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(COLUMNS)
    panel.date_edit.setDate(date(2024, 2, 28))
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("done"))
    assert panel.percent.value() == 100 and not panel.percent.isEnabled()
    type_text(panel.result_edit, "Đã ban hành Kế hoạch CCHC năm 2024")
    type_text(panel.evidence_edit, "Kế hoạch số 55/KH-UBND ngày 29/02/2024")
    panel.add_button.click()
    assert panel.summary.text() == "Trạng thái hiện tại: Hoàn thành ngày 28/02/2024"
    assert table_text(panel.proxy) == [["28/02/2024", "Hoàn thành", "100%", "Đã ban hành Kế hoạch CCHC năm 2024",
                                        "Kế hoạch số 55/KH-UBND ngày 29/02/2024"]]
    assert panel.result_edit.text() == "" and panel.evidence_edit.text() == ""
    assert repo.list_progress(db, 1)[0].status == "done"


def test_date_defaults_to_today_and_not_started_means_zero(panel):
    assert panel.date_edit.date().toPython() == date.today()
    panel.percent.setValue(30)
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("not_started"))
    assert panel.percent.value() == 0 and panel.percent.isEnabled()


def test_choose_file_puts_the_path_in_the_evidence(panel, monkeypatch):
    monkeypatch.setattr(progress_panel, "choose_evidence_file", lambda _parent: "D:/Minh chứng/KH 55.pdf")
    panel.file_button.click()
    assert panel.evidence_edit.text() == "D:/Minh chứng/KH 55.pdf"


def test_delete_asks_first(panel, operations, db, monkeypatch):
    operations.run(lambda: add_progress(db, 1, date(2024, 2, 28), "done", 100, "", ""))
    assert panel.model.rowCount() == 1
    assert not panel.delete_button.isEnabled()
    panel.view.selectRow(0)
    assert panel.delete_button.isEnabled()
    questions = []
    monkeypatch.setattr(progress_panel, "ask_confirmation", lambda _p, text: questions.append(text) or False)
    panel.delete_button.click()
    assert panel.model.rowCount() == 1
    assert "ngày 28/02/2024 (Hoàn thành)" in questions[0]
    monkeypatch.setattr(progress_panel, "ask_confirmation", lambda _p, _text: True)
    panel.delete_button.click()
    assert panel.model.rowCount() == 0
    assert repo.list_progress(db, 1) == []
    operations.undo()
    assert panel.model.rowCount() == 1


def test_without_a_task_the_form_is_off(panel):
    panel.set_task(None)
    assert not panel.form_box.isEnabled()
    assert panel.summary.text() == "Chọn một nhiệm vụ để xem tiến độ."


def test_a_future_date_too_far_is_refused_with_a_message(panel, db, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.operations.show_error", lambda _parent, error: shown.append(error.message))
    panel.date_edit.setDate(date(date.today().year + 2, 1, 1))
    panel.add_button.click()
    assert shown == ["Ngày cập nhật quá xa trong tương lai."]
    assert repo.list_progress(db, 1) == []


# History ----------------------------------------------------------------------

def test_history_of_a_content_edit_lists_old_and_new(operations, db, demo_plan_id):
    operations.run(lambda: edit_task(db, 44, content=NEW_CONTENT))
    entries = task_history(db, 44)
    assert [(e.action, e.field, e.old, e.new) for e in entries] == [("Sửa", "Nhiệm vụ", OLD_CONTENT, NEW_CONTENT)]
    operations.undo()
    newest = task_history(db, 44)[0]
    assert (newest.action, newest.field, newest.old, newest.new) == ("Hoàn tác", "Nhiệm vụ", NEW_CONTENT, OLD_CONTENT)


def test_history_labels_and_values_in_vietnamese(operations, db, demo_plan_id):
    operations.run(lambda: edit_task(db, 44, lead="Văn phòng HĐND-UBND", manual_due=date(2024, 12, 15)))
    fields = {e.field: (e.old, e.new) for e in task_history(db, 44)}
    assert fields["Chủ trì"] == ("Công chức Văn phòng-Thống kê", "Văn phòng HĐND-UBND")
    assert fields["Ngày hạn đặt tay"] == ("", "15/12/2024")


def test_history_panel_shows_it(qtbot, qtmodeltester, operations, db, demo_plan_id):
    panel = HistoryPanel(db)
    qtbot.addWidget(panel)
    panel.set_task(44)
    assert panel.model.rowCount() == 0
    operations.run(lambda: edit_task(db, 44, content=NEW_CONTENT))
    panel.refresh()
    assert [panel.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(HISTORY_COLUMNS)
    assert table_text(panel.proxy)[0][1:] == ["Sửa", "Nhiệm vụ", OLD_CONTENT, NEW_CONTENT]
    qtmodeltester.check(panel.model, force_py=True)
    qtmodeltester.check(HistoryModel(), force_py=True)


def test_history_of_an_added_task_and_of_renumbered_ones(operations, db, demo_plan_id):
    from cchc_desktop.edits.tasks import add_task

    change = operations.run(lambda: add_task(db, demo_plan_id, 7, after_task_id=43, content="Nhiệm vụ mới"))
    new_id = next(row.key["id"] for row in change.rows if row.table == "task" and row.before is None)
    added = task_history(db, new_id)[0]
    assert (added.action, added.field, added.old, added.new) == ("Thêm nhiệm vụ", "Cả nhiệm vụ", "", "Stt 44: Nhiệm vụ mới")
    moved = task_history(db, 44)[0]
    assert (moved.field, moved.old, moved.new) == ("Stt", "44", "45")


def test_the_task_form_says_progress_is_saved_at_once_and_its_history_shows_it(qtbot, operations, db, demo_plan_id):
    from ui.task_dialog import TaskDialog

    dialog = TaskDialog(repo.get_task(db, 44), 2024, operations=operations)
    qtbot.addWidget(dialog)
    assert "“Hủy” của hộp thoại không bỏ nó" in dialog.progress_panel.saved_at_once.text()
    dialog.progress_panel.date_edit.setDate(date(2024, 3, 20))
    dialog.progress_panel.add_button.click()
    history = table_text(dialog.history_panel.proxy)
    assert history[0][1:] == ["Thêm cập nhật tiến độ", "Tiến độ", "", "20/03/2024: Đang thực hiện 0%"]
    dialog.reject()
    assert len(repo.list_progress(db, 44)) == 1  # kept, as the form said
