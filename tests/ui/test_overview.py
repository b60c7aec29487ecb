"""The "Tổng quan" tab: the widget that draws the core numbers."""

from datetime import date

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from cchc_desktop import repo, status
from cchc_desktop.changes import apply
from cchc_desktop.edits.indicators import set_actual
from cchc_desktop.edits.progress import add_progress
from cchc_desktop.overview import build_overview
from cchc_desktop.undo import UndoStack
from tests.cchc_desktop.test_overview import record, stts, task_ids, with_progress  # noqa: F401 (fixture)
from ui.operations import Operations
from ui.overview import TASK_ID_ROLE, DueListModel, OverviewWidget, share_text
from ui.upcoming_model import OVERDUE_COLOUR, SOON_COLOUR

AT = date(2024, 3, 20)
AREA_TOTALS = [8, 4, 10, 4, 3, 4, 11]


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def overview_widget(qtbot, operations, demo_plan_id):
    widget = OverviewWidget(operations)
    qtbot.addWidget(widget)
    widget.resize(1150, 650)
    widget.show_plan(demo_plan_id, AT)
    return widget


@pytest.mark.parametrize(("percent", "text"), [(0, "0%"), (100, "100%"), (100 * 6 / 44, "13,6%"), (2.25, "2,2%")])
def test_share_text_uses_a_decimal_comma(percent, text):
    assert share_text(percent) == text


# Models --------------------------------------------------------------------

def test_due_list_model_passes_qtmodeltester(qtmodeltester, db, demo_plan_id):
    overview = build_overview(db, demo_plan_id, AT)
    for items in (overview.overdue, overview.due_soon, ()):
        model = DueListModel()
        model.set_items(items, AT)
        qtmodeltester.check(model, force_py=True)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy, force_py=True)


def test_due_list_rows(db, demo_plan_id):
    overview = build_overview(db, demo_plan_id, AT)
    model = DueListModel()
    model.set_items(overview.overdue, AT)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Stt", "Nhiệm vụ", "Hạn", "Tình trạng"]
    first = [model.index(0, c).data() for c in range(4)]
    assert first[0] == "10" and first[2:] == ["31/01/2024", "Quá hạn 49 ngày"]
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert model.index(0, 0).data(TASK_ID_ROLE) == task_ids(db, demo_plan_id)[10]
    model.set_items(overview.due_soon, AT)
    assert model.index(0, 3).data() == "Còn 11 ngày"
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole).color() == SOON_COLOUR


# Widget --------------------------------------------------------------------

def test_widget_shows_tiles_lists_and_bars(overview_widget):
    widget = overview_widget
    assert "20/03/2024" in widget.heading.text() and "44 nhiệm vụ" in widget.heading.text()
    tile = widget.tiles[status.OPEN_OVERDUE]
    assert (tile.count.text(), tile.name.text(), tile.share.text()) == ("6", "Chưa hoàn thành quá hạn", "13,6%")
    assert widget.tiles[status.OPEN_ON_TIME].count.text() == "32"
    assert widget.tiles[status.CONTINUOUS].name.text() == "Thường xuyên"
    assert widget.overdue_model.rowCount() == 6
    assert widget.due_soon_model.rowCount() == 4
    assert "Quá hạn" in widget.overdue_title.text() and "(6 nhiệm vụ)" in widget.overdue_title.text()
    assert "14 ngày" in widget.due_soon_title.text()
    assert [bar.maximum() for bar in widget.area_panel.bars] == AREA_TOTALS
    assert widget.area_panel.labels[6].text().endswith("CHÍNH QUYỀN SỐ: 0/11")
    assert "Stt 21, 22, 27" in widget.stale_note.text()


def test_widget_refreshes_when_progress_is_recorded_and_undone(overview_widget, operations, db, demo_plan_id):
    widget = overview_widget
    task_1 = task_ids(db, demo_plan_id)[1]
    operations.run(lambda: add_progress(db, task_1, date(2024, 2, 20), "done"))
    assert widget.tiles[status.DONE_ON_TIME].count.text() == "1"
    assert widget.tiles[status.OPEN_OVERDUE].count.text() == "5"
    assert widget.area_panel.labels[0].text() == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH: 1/8"
    assert widget.area_panel.bars[0].value() == 1
    change = operations.undo_stack.undo()
    operations.changed.emit(change)
    assert widget.tiles[status.DONE_ON_TIME].count.text() == "0"
    assert widget.overdue_model.rowCount() == 6
    operations.redo()
    assert widget.tiles[status.DONE_ON_TIME].count.text() == "1"


def test_widget_ignores_changes_to_other_tables(overview_widget, operations, db, demo_plan_id):
    before = overview_widget.overview
    indicator = repo.list_indicators(db, demo_plan_id)[0]
    operations.run(lambda: set_actual(db, indicator.id, "q1", 99))
    assert overview_widget.overview is before


def test_widget_without_plan(qtbot, operations):
    widget = OverviewWidget(operations)
    qtbot.addWidget(widget)
    assert widget.heading.text() == "Chưa chọn kế hoạch."
    assert widget.overdue_model.rowCount() == 0
    assert widget.area_panel.bars == []
    assert all(tile.count.text() == "0" for tile in widget.tiles.values())


def test_activating_a_listed_task_emits_its_id(qtbot, overview_widget, db, demo_plan_id):
    index = overview_widget.overdue_model.index(2, 1)
    with qtbot.waitSignal(overview_widget.task_activated) as signal:
        overview_widget.overdue_view.activated.emit(index)
    assert signal.args == [task_ids(db, demo_plan_id)[1]]


def test_screenshot_has_no_clipped_tiles(qtbot, overview_widget, tmp_path):
    overview_widget.show()
    qtbot.waitExposed(overview_widget)
    for tile in overview_widget.tiles.values():
        assert tile.name.height() >= tile.name.heightForWidth(tile.name.width())
    assert overview_widget.grab().save(str(tmp_path / "overview.png"))


# A large plan -------------------------------------------------------------------

def test_a_large_plans_overview_is_worked_out_in_a_worker_and_drawn_as_a_small_ones(
        qtbot, operations, db, demo_plan_id, monkeypatch):
    """Above LARGE_PLAN_TASKS (lowered here for the demo plan) tracking every task runs
    in a worker: the tab then shows exactly what it shows at once; a refresh asked for
    while one runs replaces it; a plan deleted meanwhile leaves the tab empty."""
    import ui.background
    from cchc_desktop.edits.plans import delete_plan

    at_once = OverviewWidget(operations)
    qtbot.addWidget(at_once)
    at_once.show_plan(demo_plan_id, AT)
    monkeypatch.setattr(ui.background, "LARGE_PLAN_TASKS", -1)
    waited = OverviewWidget(operations)
    qtbot.addWidget(waited)
    waited.show_plan(demo_plan_id, date(2024, 12, 31))
    superseded = waited.working.job
    waited.show_plan(demo_plan_id, AT)
    assert superseded.cancel.is_set() and waited.overview is None  # nothing shown before its figures
    job = waited.working.job
    job.wait()
    superseded.wait()
    assert job.outcome == "success" and superseded.outcome == "cancelled"
    assert waited.overview == at_once.overview
    assert waited.heading.text() == at_once.heading.text()
    assert [(tile.count.text(), tile.share.text()) for tile in waited.tiles.values()] == [
        (tile.count.text(), tile.share.text()) for tile in at_once.tiles.values()]

    UndoStack(db).do(delete_plan(db, demo_plan_id))
    waited.refresh()
    waited.working.job.wait()
    assert waited.plan_id is None and waited.overview is None
    assert waited.heading.text() == "Chưa chọn kế hoạch."


def test_cancelling_a_large_plans_overview_shows_no_old_figures_and_tinh_lai_works_them_out(
        qtbot, operations, demo_plan_id, monkeypatch):
    import ui.background
    from PySide6.QtWidgets import QPushButton

    widget = OverviewWidget(operations)
    qtbot.addWidget(widget)
    widget.show_plan(demo_plan_id, AT)  # figures of 20/03 on show
    monkeypatch.setattr(ui.background, "LARGE_PLAN_TASKS", -1)
    widget.show_plan(demo_plan_id, date(2024, 12, 31))
    job = widget.working.job
    next(button for button in job.dialog.findChildren(QPushButton) if button.text() == "Hủy").click()
    job.wait()
    assert job.outcome == "cancelled" and widget.overview is None
    assert widget.heading.text().startswith("Đã dừng tính tổng quan.")
    assert widget.tiles[status.OPEN_ON_TIME].count.text() == "0"  # not 20/03's figures under 31/12
    assert widget.due_soon_title.text() == "<b>Đến hạn trong 14 ngày tới</b> (0 nhiệm vụ)"  # not "0 ngày"
    widget.heading.linkActivated.emit("tinh-lai")
    widget.working.job.wait()
    assert widget.overview is not None and widget.overview.at == date(2024, 12, 31)
    assert "31/12/2024" in widget.heading.text()
