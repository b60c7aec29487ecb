import re
import subprocess
import sys

from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QToolBar, QToolButton

from cchc_desktop import repo
from cchc_desktop.demo import load_demo
from ui.appendix_model import KIND_ROLE
from ui.main_window import MainWindow


def test_main_window_shows_demo_appendix_with_area_spans(qtbot, workspace):
    plan_id = load_demo(workspace.db)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.selected_plan_id() == plan_id
    view = window.appendix_view
    proxy = window.appendix_proxy
    assert proxy.rowCount() == 51
    area_rows = [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(KIND_ROLE) == "area"]
    assert len(area_rows) == 7
    assert all(view.columnSpan(r, 0) == proxy.columnCount() == 8 for r in area_rows)
    assert view.columnSpan(1, 0) == 1
    # wrapped multi-line cells: the long row 36 is taller than a one-line row
    assert view.rowHeight(proxy.rowCount() - 1) >= view.rowHeight(0)
    assert "44 nhiệm vụ" in window.plan_heading.text()


def test_window_uses_bundled_liberation_serif(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert QFontInfo(window.appendix_view.font()).family() == "Liberation Serif"


def test_empty_database_shows_no_plan(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert window.selected_plan_id() is None
    assert window.plan_heading.text().startswith("Chưa có kế hoạch nào.")
    plan_bound = [window.export_action, window.print_action, window.report_action, window.plan_info_action,
                  window.copy_plan_action, window.delete_plan_action, window.new_task_action,
                  window.delete_task_action, window.add_area_action, window.delete_area_action]
    assert not any(action.isEnabled() for action in plan_bound)  # greyed, not silently doing nothing
    assert window.new_plan_action.isEnabled() and window.import_action.isEnabled()


def test_screenshot_entry_point(tmp_path):
    shot = tmp_path / "shot.png"
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "ui.app", "--data-dir", str(data), "--demo", "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 20  # text and rules, not a blank window
    assert (data / "cchc.sqlite3").exists()


def test_the_window_comes_back_as_it_was_left(qtbot, data_dir):
    import argparse

    from cchc_desktop.workspace import Workspace
    from ui.app import start

    earlier = Workspace.open(data_dir)
    load_demo(earlier.db)
    first = MainWindow(earlier)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(2)
    first.close()  # saves the layout
    earlier.close()
    args = argparse.Namespace(data_dir=str(data_dir), demo=False, demo_if_empty=False, screenshot=None, at=None)
    second, session = start(args)
    qtbot.addWidget(second)
    try:
        assert second.tabs.currentIndex() == 2
    finally:
        session.close()


def test_upcoming_model_passes_qtmodeltester(qtmodeltester, workspace):
    from datetime import date

    from cchc_desktop.tracking import track_plan, upcoming
    from ui.upcoming_model import UpcomingModel

    plan_id = load_demo(workspace.db)
    at = date(2024, 3, 20)
    model = UpcomingModel()
    model.set_items(upcoming(track_plan(workspace.db, plan_id, at), at), at)
    assert model.rowCount() == 10
    qtmodeltester.check(model, force_py=True)


def test_tabs_out_of_sight_are_built_when_first_shown(qtbot, workspace):
    from datetime import date

    from ui.main_window import INDICATORS_TAB, OVERVIEW_TAB

    plan_id = load_demo(workspace.db)
    window = MainWindow(workspace, at=date(2024, 3, 20))
    qtbot.addWidget(window)
    window.show()
    assert not window.overview_tab.built and not window.indicators_tab.built  # not even made yet
    window.tabs.setCurrentIndex(OVERVIEW_TAB)
    assert window.overview_tab.built and window.overview._built  # caught up with the plan shown
    assert "44 nhiệm vụ" in window.overview.heading.text()
    assert not window.indicators_tab.built
    window.tabs.setCurrentIndex(INDICATORS_TAB)
    assert window.indicators_tab.built
    assert window.indicators.plan_id == plan_id
    assert window.indicators.model.rowCount() == len(repo.list_indicators(workspace.db, plan_id)) > 0
    window.tabs.setCurrentIndex(0)
    assert not window.overview.active  # out of sight again: stops following edits
    assert window.overview.overdue_model.rowCount() == 6  # the demo at 20/03/2024


def test_the_data_file_in_use_stays_in_the_status_bar(qtbot, workspace):
    from ui.main_window import INDICATORS_TAB

    load_demo(workspace.db)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    expected = f"Dữ liệu: {workspace.db_path}"
    assert window.data_location.text() == expected and window.data_location.isVisible()
    window.tabs.setCurrentIndex(INDICATORS_TAB)  # its tab sends an empty status tip
    window.statusBar().showMessage("Đã hoàn tác: sửa nhiệm vụ số 1", 2000)
    assert window.data_location.isVisible() and window.data_location.text() == expected


def test_every_menu_item_has_its_own_access_key(qtbot, workspace):
    """Alt+T, then a letter: each item of a menu has one, and no two share it. Undo and
    redo change their text with every edit; they have Ctrl+Z and Ctrl+Y."""
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    menus = [action.menu() for action in window.menuBar().actions()]
    assert [menu.title() for menu in menus] == ["&Tệp", "&Sửa", "&Kế hoạch", "&Nhiệm vụ", "Nhó&m", "Trợ &giúp"]
    for menu in menus:
        items = [a for a in menu.actions()
                 if not a.isSeparator() and a not in (window.undo_action, window.redo_action)]
        keys = [re.search(r"&([A-Za-z])", item.text()) for item in items]
        assert all(keys), [item.text() for item, key in zip(items, keys) if not key]
        letters = [key[1].lower() for key in keys]
        assert len(letters) == len(set(letters)), (menu.title(), [item.text() for item in items])
    toolbar = window.findChild(QToolBar, "main-toolbar")
    shown = [button.text() for button in toolbar.findChildren(QToolButton) if button.defaultAction()]
    assert "Thêm nhiệm vụ" in shown and "Chuyển xuống" in shown  # the toolbar shows no "&"


def test_toolbar_tooltips_name_the_keys_as_the_menus_do(qtbot, workspace):
    """The menu shows "Alt+Up" and "Del" (Qt's names, which the shortcut itself uses): a
    tooltip saying "Alt+↑" or "Delete" would name the same key another way."""
    from PySide6.QtGui import QKeySequence

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    tips = {}
    for action in toolbar.actions():
        if action.shortcut().isEmpty() or action in (window.undo_action, window.redo_action):
            continue
        shown_in_menu = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({shown_in_menu}" in action.toolTip(), (action.toolTip(), shown_in_menu)
        tips[shown_in_menu] = action.toolTip()
    assert tips == {
        "Ctrl+N": "Thêm nhiệm vụ (Ctrl+N)",
        "Ctrl+E": "Mở nhiệm vụ đầy đủ: tiến độ, lịch sử (Ctrl+E hoặc Enter)",
        "Del": "Xóa nhiệm vụ (Del)",
        "Alt+Up": "Chuyển lên (Alt+Up)",
        "Alt+Down": "Chuyển xuống (Alt+Down)",
    }
    indicators = window.indicators
    assert [button.toolTip() for button in (indicators.add_button, indicators.edit_button, indicators.delete_button)] \
        == ["Thêm chỉ tiêu (Ctrl+N)", "Sửa (Ctrl+E)", "Xóa (Del)"]


def test_a_large_plan_is_read_in_a_worker_and_shown_as_a_small_one(qtbot, workspace, monkeypatch):
    """Above LARGE_PLAN_TASKS the plan is read and tracked in a worker (lowered here so the
    demo plan takes that path): the window then shows exactly what it shows at once."""
    from datetime import date

    import ui.background

    plan_id = load_demo(workspace.db)
    at_once = MainWindow(workspace, at=date(2024, 3, 20))
    qtbot.addWidget(at_once)
    monkeypatch.setattr(ui.background, "LARGE_PLAN_TASKS", -1)
    waited = MainWindow(workspace, at=date(2024, 3, 20))
    qtbot.addWidget(waited)
    job = waited._load_job
    assert job.worker.db_path is not None
    job.wait()
    assert job.outcome == "success" and waited.current_plan_id == plan_id
    rows = [[waited.appendix_proxy.index(row, column).data() for column in range(8)]
            for row in range(waited.appendix_proxy.rowCount())]
    assert len(rows) == 51
    assert rows == [[at_once.appendix_proxy.index(row, column).data() for column in range(8)]
                    for row in range(at_once.appendix_proxy.rowCount())]
    assert waited.plan_heading.text() == at_once.plan_heading.text()
    assert waited.tabs.tabText(2) == at_once.tabs.tabText(2) == "Sắp đến hạn / Quá hạn (6 quá hạn, 4 sắp đến hạn)"


def test_a_due_horizon_changed_while_a_large_plan_is_read_is_the_one_shown(qtbot, workspace, monkeypatch):
    """The due list is made in the worker for the horizon asked when the reading began;
    changed meanwhile, the list follows the new one."""
    from datetime import date

    import ui.background
    from cchc_desktop.tracking import upcoming

    load_demo(workspace.db)
    monkeypatch.setattr(ui.background, "LARGE_PLAN_TASKS", -1)
    window = MainWindow(workspace, at=date(2024, 3, 20))
    qtbot.addWidget(window)
    window.due_days.setValue(365)
    window._load_job.wait()
    expected = upcoming(window.appendix_model.trackings(), date(2024, 3, 20), 365)
    assert window.upcoming_model.rowCount() == len(expected) > 6 + 4  # more than within 14 days


def test_cancelling_a_large_plans_opening_shows_none_of_another_and_a_click_opens_it_again(
        qtbot, workspace, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    import ui.background
    from cchc_desktop.models import Plan

    demo_id = load_demo(workspace.db)
    with workspace.db.atomic():
        other_id = repo.create_plan(workspace.db, Plan(None, repo.get_plan(workspace.db, demo_id).unit_id, 2025,
                                                       "năm 2025", "Kế hoạch năm 2025"))
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show_plan(other_id)  # an empty plan on show
    monkeypatch.setattr(ui.background, "LARGE_PLAN_TASKS", -1)
    window.show_plan(demo_id)
    job = window._load_job
    next(button for button in job.dialog.findChildren(QPushButton) if button.text() == "Hủy").click()
    job.wait()
    assert job.outcome == "cancelled"
    assert window.current_plan_id == demo_id and window.shown_plan_id is None
    assert window.plan_heading.text().startswith("Đã dừng mở kế hoạch này.")
    assert window.appendix_model.task_count() == 0  # not the other plan's rows under this one's name
    row = window.plan_model.row_of(demo_id)
    qtbot.mouseClick(window.plan_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.plan_view.visualRect(window.plan_model.index(row, 0)).center())
    window._load_job.wait()
    assert window.shown_plan_id == demo_id and window.appendix_model.task_count() == 44
