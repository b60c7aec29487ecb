"""Deadlines in the window: interpretation beside the text, live in the editor, due list."""

from datetime import date

import pytest

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from cchc_desktop import repo
from cchc_desktop.demo import load_demo
from tests.ui.typing_helpers import type_text
from ui.appendix_model import DUE_COLUMN, STATUS_COLUMN
from ui.main_window import UPCOMING_TAB, MainWindow
from ui.task_dialog import TaskDialog
from ui.upcoming_model import UpcomingModel


def demo_window(qtbot, workspace, at):
    load_demo(workspace.db)
    window = MainWindow(workspace, at=at)
    qtbot.addWidget(window)
    return window


def row_of_stt(window, stt):
    proxy = window.appendix_proxy
    return next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == str(stt))


def test_interpreted_due_date_and_status_beside_the_text(qtbot, workspace):
    window = demo_window(qtbot, workspace, date(2024, 3, 20))
    proxy = window.appendix_proxy
    row = row_of_stt(window, 19)
    assert proxy.index(row, 5).data() == "Quý I, II, III và cả năm 2024"
    assert proxy.index(row, DUE_COLUMN).data() == "31/03, 30/06, 30/09, 31/12/2024"
    assert proxy.index(row, STATUS_COLUMN).data() == "Chưa hoàn thành trong hạn"
    unclear = row_of_stt(window, 20)
    assert proxy.index(unclear, DUE_COLUMN).data() == "Chưa xác định thời hạn"
    assert "đặt ngày hạn bằng tay" in proxy.index(unclear, DUE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert proxy.index(row_of_stt(window, 1), STATUS_COLUMN).data() == "Chưa hoàn thành quá hạn"


def test_editor_shows_the_interpretation_live_while_typing(qtbot, db, demo_plan_id):
    task = next(t for t in repo.list_tasks(db, demo_plan_id) if t.stt == 5)
    dialog = TaskDialog(task, 2024)
    qtbot.addWidget(dialog)
    assert dialog.interpretation.text() == "Hiểu là: 31/03/2024"
    dialog.deadline.clear()
    type_text(dialog.deadline, "Trước ngày 15/12")
    assert dialog.interpretation.text() == "Hiểu là: 14/12/2024"
    dialog.deadline.clear()
    type_text(dialog.deadline, "Theo tiến độ của tỉnh")
    assert dialog.interpretation.text().startswith("Chưa hiểu hết")
    assert "b35c00" in dialog.interpretation.styleSheet()


def test_setting_a_date_by_hand_from_the_window(qtbot, workspace, monkeypatch):
    window = demo_window(qtbot, workspace, date(2024, 3, 20))
    task = next(t for t in repo.list_tasks(workspace.db, window.current_plan_id) if t.stt == 20)

    def fill_and_accept(dialog):
        dialog.manual.setChecked(True)
        dialog.manual_date.setDate(QDate(2024, 4, 1))
        return True

    monkeypatch.setattr(TaskDialog, "exec", lambda self: fill_and_accept(self))
    window.open_task(task.id)
    assert repo.get_task(workspace.db, task.id).manual_due == date(2024, 4, 1)
    row = row_of_stt(window, 20)
    assert window.appendix_proxy.index(row, DUE_COLUMN).data() == "01/04/2024 (đặt tay)"
    upcoming_stts = {window.upcoming_model.index(r, 0).data() for r in range(window.upcoming_model.rowCount())}
    assert "20" in upcoming_stts


def test_due_list_follows_the_date_and_the_number_of_days(qtbot, workspace):
    window = demo_window(qtbot, workspace, date(2024, 3, 20))
    model: UpcomingModel = window.upcoming_model
    texts = [model.index(r, 5).data() for r in range(model.rowCount())]
    assert "Quá hạn 20 ngày" in texts  # Tháng 02/2024 -> 29/02
    assert "Còn 11 ngày" in texts  # Quý I năm 2024 -> 31/03
    assert "(6 quá hạn, 4 sắp đến hạn)" in window.tabs.tabText(UPCOMING_TAB)
    window.due_days.setValue(1)
    assert all(model.index(r, 5).data().startswith("Quá hạn") for r in range(model.rowCount()))
    window.at_date.setDate(QDate(2024, 1, 2))
    assert model.rowCount() == 0


@pytest.mark.parametrize("keep, expected", [(False, None), (True, date(2024, 4, 1))])
def test_the_form_follows_the_keep_date_rule(qtbot, workspace, monkeypatch, keep, expected):
    window = demo_window(qtbot, workspace, date(2024, 3, 20))
    task = next(t for t in repo.list_tasks(workspace.db, window.current_plan_id) if t.stt == 20)

    def set_date(dialog):
        dialog.manual.setChecked(True)
        dialog.manual_date.setDate(QDate(2024, 4, 1))
        dialog.keep_manual.setChecked(keep)
        return True

    def change_text_only(dialog):
        dialog.deadline.setText("Theo tiến độ của tỉnh")
        return True

    monkeypatch.setattr(TaskDialog, "exec", set_date)
    window.open_task(task.id)
    monkeypatch.setattr(TaskDialog, "exec", change_text_only)
    window.open_task(task.id)
    saved = repo.get_task(workspace.db, task.id)
    assert saved.deadline_text == "Theo tiến độ của tỉnh" and saved.manual_due == expected


def test_the_task_form_asks_before_esc_drops_an_edit(qtbot, db, demo_plan_id, monkeypatch):
    from ui import dialogs

    task = next(t for t in repo.list_tasks(db, demo_plan_id) if t.stt == 5)
    dialog = TaskDialog(task, 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.has_changes()
    type_text(dialog.output, " quý")
    answers = iter(["stay", "save"])
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent: next(answers))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # "Tiếp tục sửa"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted  # "Lưu": the caller saves
