"""Editing the plan in the window: in place, by keyboard, with undo and redo."""

import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop import repo
from cchc_desktop.demo import load_demo
from tests.ui.typing_helpers import open_cell_editor, type_text
from ui import actions
from ui.appendix_model import KIND_ROLE
from ui.main_window import MainWindow


def task_row(window, stt):
    proxy = window.appendix_proxy
    return next(r for r in range(proxy.rowCount())
                if proxy.index(r, 0).data(KIND_ROLE) == "task" and proxy.index(r, 0).data() == str(stt))


def stt_contents(window):
    return {t.stt: t.content for t in repo.list_tasks(window.workspace.db, window.current_plan_id)}


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.appendix_view, key, modifier)


def test_inline_edit_writes_at_once_and_undo_redo_by_keyboard(qtbot, window):
    proxy = window.appendix_proxy
    index = proxy.index(task_row(window, 5), 1)
    assert proxy.setData(index, "Theo dõi chỉ số CCHC", Qt.ItemDataRole.EditRole)
    assert stt_contents(window)[5] == "Theo dõi chỉ số CCHC"
    qtbot.waitUntil(lambda: proxy.index(task_row(window, 5), 1).data() == "Theo dõi chỉ số CCHC")
    assert proxy.index(task_row(window, 5), 1).data() == "Theo dõi chỉ số CCHC"
    assert window.undo_action.text() == "Hoàn tác: Sửa nhiệm vụ số 5"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stt_contents(window)[5].startswith("Theo dõi việc thực hiện Bộ tiêu chí")
    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stt_contents(window)[5] == "Theo dõi chỉ số CCHC"


def test_typing_vietnamese_into_a_cell_editor(qtbot, window):
    view = window.appendix_view
    view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 6), 4))
    press(qtbot, window, Qt.Key.Key_F2)
    editor = open_cell_editor(view)
    editor.selectAll()
    type_text(editor, "Báo cáo đánh giá")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the line editor commits on the next turn of the event loop
    qtbot.waitUntil(lambda: repo.list_tasks(window.workspace.db, window.current_plan_id)[5].output == "Báo cáo đánh giá")


def test_ctrl_n_adds_a_task_after_the_current_one(qtbot, window):
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 2), 1))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    contents = stt_contents(window)
    assert len(contents) == 45 and contents[3] == ""
    assert contents[4] == "Xây dựng kế hoạch tuyên truyền CCHC năm 2024"
    editor = open_cell_editor(window.appendix_view)
    type_text(editor, "Rà soát quy chế làm việc")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "và nội quy cơ quan")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stt_contents(window)[3] == "Rà soát quy chế làm việc\nvà nội quy cơ quan"


def test_esc_on_a_new_task_left_empty_takes_it_back(qtbot, window):
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 2), 1))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(stt_contents(window)) == 45
    editor = open_cell_editor(window.appendix_view)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(stt_contents(window)) == 44)
    assert stt_contents(window)[3] == "Xây dựng kế hoạch tuyên truyền CCHC năm 2024"  # numbering as before
    assert window.undo_action.text() != "Hoàn tác: Thêm nhiệm vụ số 3"


def test_a_new_task_is_kept_when_the_user_moves_on_to_another_cell(qtbot, window):
    """Tab to Chủ trì, Enter, a click elsewhere: the row stays, to be filled in."""
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 2), 1))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = open_cell_editor(window.appendix_view)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert len(stt_contents(window)) == 45
    press(qtbot, window, Qt.Key.Key_F2)  # the next edit of the same cell, then Esc, keeps it too
    qtbot.keyClick(open_cell_editor(window.appendix_view), Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert len(stt_contents(window)) == 45


def test_f2_on_a_task_puts_the_cursor_at_the_end_of_its_text(qtbot, window):
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 3), 1))
    before = stt_contents(window)[3]
    press(qtbot, window, Qt.Key.Key_F2)
    editor = open_cell_editor(window.appendix_view)
    assert not editor.textCursor().hasSelection()
    type_text(editor, " (bổ sung)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stt_contents(window)[3] == before + " (bổ sung)")


def test_delete_asks_first_and_can_be_undone(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(actions, "confirm", lambda parent, text, yes="": asked.append(text) or True)
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 44), 1))
    press(qtbot, window, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith("Xóa nhiệm vụ số 44?")
    assert len(stt_contents(window)) == 43
    window.operations.undo()
    assert stt_contents(window)[44] == "Xử lý phản ánh, kiến nghị đúng hạn"


def test_declining_the_confirmation_deletes_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(actions, "confirm", lambda *a, **k: False)
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 44), 1))
    press(qtbot, window, Qt.Key.Key_Delete)
    assert len(stt_contents(window)) == 44


def test_alt_arrows_reorder_and_stt_renumbers(qtbot, window):
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 3), 1))
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    contents = stt_contents(window)
    assert contents[2] == "Xây dựng kế hoạch tuyên truyền CCHC năm 2024"
    assert contents[3].startswith("Xây dựng Quyết định ban hành")
    current = window.appendix.current_source_row()
    assert current.task.stt == 2  # the cursor follows the moved task


def test_search_box_filters_with_vietnamese_or_plain_typing(qtbot, window):
    search = window.appendix.filter_bar.search
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is search
    type_text(search, "tuyên truyền")
    proxy = window.appendix_proxy
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown == ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "3", "II. CẢI CÁCH THỂ CHẾ", "11",
                     "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "40"]
    assert all(window.appendix_view.columnSpan(r, 0) == 8 for r in (0, 2, 4))
    assert window.appendix.filter_bar.count.text() == "3/44 nhiệm vụ"
    search.clear()
    type_text(search, "tuyen truyen")
    assert proxy.rowCount() == 6
    window.appendix.filter_bar.clear()
    assert proxy.rowCount() == 51


def test_status_filter(qtbot, window):
    bar = window.appendix.filter_bar
    bar.status.setCurrentIndex(bar.status.findText("Chưa hoàn thành quá hạn"))
    proxy = window.appendix_proxy
    tasks = [proxy.index(r, 0).data() for r in range(proxy.rowCount()) if proxy.index(r, 0).data(KIND_ROLE) == "task"]
    assert tasks == ["1", "3", "10", "17", "18", "34"]


def test_rename_area_in_place(qtbot, window):
    proxy = window.appendix_proxy
    assert proxy.setData(proxy.index(0, 0), "Công tác chỉ đạo", Qt.ItemDataRole.EditRole)
    assert repo.list_areas(window.workspace.db, window.current_plan_id)[0].title == "Công tác chỉ đạo"
    qtbot.waitUntil(lambda: proxy.index(0, 0).data() == "I. Công tác chỉ đạo")


def test_copy_plan_to_new_year_from_the_menu(qtbot, window, monkeypatch):
    monkeypatch.setattr(actions, "ask_int", lambda *a, **k: 2025)
    window.copy_plan_action.trigger()
    plans = repo.list_plans(window.workspace.db)
    assert [p.year for p in plans] == [2025, 2024]
    assert window.current_plan_id == plans[0].id
    assert window.appendix_proxy.index(1, 5).data() == "Tháng 02/2025"


def test_layout_is_remembered(qtbot, workspace):
    load_demo(workspace.db)
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    first.splitter.setSizes([300, 1000])
    first.tabs.setCurrentIndex(1)
    first.close()
    second = MainWindow(workspace)
    qtbot.addWidget(second)
    second.restore_layout()
    assert second.tabs.currentIndex() == 1
    assert (workspace.data_dir / "giao-dien.ini").exists()


def test_a_new_plans_first_task_goes_to_the_first_area(qtbot, window):
    """Nothing selected (a plan just made, its seven areas empty): area I, not the last."""
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(-1, -1))
    actions.add_task(window)
    added = next(task for task in repo.list_tasks(window.workspace.db, window.current_plan_id) if not task.content)
    first_area = repo.list_areas(window.workspace.db, window.current_plan_id)[0]
    assert added.area_id == first_area.id


def test_deleting_the_last_plan_clears_every_figure(qtbot, window, monkeypatch):
    monkeypatch.setattr(actions, "confirm", lambda *a, **k: True)
    assert "quá hạn" in window.tabs.tabText(2) and window.appendix.filter_bar.count.text() == "44 nhiệm vụ"
    actions.delete_plan(window)
    assert window.plan_heading.text().startswith("Chưa có kế hoạch nào.")
    assert window.tabs.tabText(2) == "Sắp đến hạn / Quá hạn (0 quá hạn, 0 sắp đến hạn)"
    assert window.appendix.filter_bar.count.text() == "0 nhiệm vụ"


def test_new_plan_without_a_unit_sets_the_unit_up_first(qtbot, workspace, monkeypatch):
    """The first start was put off ("Để sau"): "Kế hoạch mới…" leads to the unit's setup."""
    from ui import first_run

    def fill_and_accept(dialog):
        type_text(dialog.name, "Xã Hoằng Đông")
        dialog.year.setValue(2025)
        return 1

    monkeypatch.setattr(first_run.UnitDialog, "exec", fill_and_accept)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.new_plan_action.trigger()
    (plan,) = repo.list_plans(workspace.db)
    assert (plan.unit, plan.year) == ("Xã Hoằng Đông", 2025)
    assert window.current_plan_id == plan.id
    assert window.appendix_model.task_count() == 0 and len(repo.list_areas(workspace.db, plan.id)) == 7


def test_deleted_plans_are_listed_with_the_time_as_written_elsewhere(qtbot, window, monkeypatch):
    told, offered = [], []
    monkeypatch.setattr(actions, "inform", lambda parent, text: told.append(text))
    monkeypatch.setattr(actions, "ask_item", lambda parent, title, label, items: offered.extend(items))
    actions.restore_deleted_plan(window)
    assert told == ["Không có kế hoạch nào đã xóa."]
    monkeypatch.setattr(actions, "confirm", lambda *a, **k: True)
    actions.delete_plan(window)
    actions.restore_deleted_plan(window)
    (label,) = offered
    assert re.fullmatch(r"Năm 2024 — .+ \(xóa lúc \d\d/\d\d/\d{4} \d\d:\d\d:\d\d\)", label), label


def test_keys_on_the_indicators_tab_act_on_indicators_not_on_hidden_tasks(qtbot, window, monkeypatch):
    window.appendix_view.setCurrentIndex(window.appendix_proxy.index(task_row(window, 44), 1))
    window.tabs.setCurrentWidget(window.indicators_tab)
    indicators = window.indicators
    dialogs = []
    monkeypatch.setattr(indicators, "exec_dialog", lambda dialog: dialogs.append(type(dialog).__name__) or False)
    monkeypatch.setattr(actions, "confirm", lambda *a, **k: pytest.fail("asked to delete a task"))
    qtbot.waitUntil(indicators.isVisible)  # the tab's content is made, then shown on the next turn of the loop
    indicators.view.selectRow(0)
    indicators.view.setFocus()
    qtbot.waitUntil(indicators.view.hasFocus)
    for key, modifier in ((Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(indicators.view, key, modifier)
    assert dialogs == ["IndicatorDialog", "IndicatorDialog", "QMessageBox"]  # add, edit, confirm deletion
    assert len(stt_contents(window)) == 44  # no task added or deleted behind the user's back
    assert not window.new_task_action.isEnabled() and not window.delete_task_action.isEnabled()
    window.tabs.setCurrentWidget(window.overview_tab)
    assert window.new_task_action.isEnabled()  # adds to the appendix and shows it
    assert not window.delete_task_action.isEnabled() and not window.task_up_action.isEnabled()
    window.tabs.setCurrentWidget(window.appendix)
    assert window.delete_task_action.isEnabled() and window.task_up_action.isEnabled()
