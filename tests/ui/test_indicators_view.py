"""The "Chỉ tiêu" tab: model, inline entry of actual values, the add/edit dialog, undo."""

import unicodedata
from datetime import date

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

from cchc_desktop import repo
from cchc_desktop.edits.indicators import list_indicator_values, set_actual
from cchc_desktop.edits.progress import add_progress
from cchc_desktop.undo import UndoStack
from ui.indicator_dialog import IndicatorDialog
from ui.indicators_model import (
    ACHIEVED_COLUMN,
    COLUMNS,
    FIRST_PERIOD_COLUMN,
    MET_COLOUR,
    NOT_MET_COLOUR,
    TARGET_COLUMN,
    IndicatorsModel,
    latest_actual,
    parse_number,
)
from ui.indicators_view import IndicatorsWidget
from ui.operations import Operations
from tests.ui.typing_helpers import open_cell_editor, type_text

Q1, H1, Q3, M9, YEAR = (FIRST_PERIOD_COLUMN + n for n in range(5))
SATISFACTION_ROW = 7  # "Mức độ hài lòng … đạt tối thiểu 95%"
NEW_TEXT = "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn đạt từ 99% trở lên"


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def widget(qtbot, operations, demo_plan_id):
    shown = IndicatorsWidget(operations)
    qtbot.addWidget(shown)
    shown.resize(1150, 650)
    shown.show_plan(demo_plan_id, 2024)
    return shown


def cell(widget, row: int, column: int):
    return widget.proxy.index(row, column)


def satisfaction_id(db, plan_id) -> int:
    return repo.list_indicators(db, plan_id)[SATISFACTION_ROW].id


# Parsing -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("95", 95.0), ("95,5", 95.5), ("95.5", 95.5), ("95%", 95.0), (" 95 % ", 95.0), ("0", 0.0),
    ("", None), ("   ", None),
    # a dot grouping digits in threes is the Vietnamese thousands separator
    ("1.000", 1000.0), ("12.500.000", 12_500_000.0), ("1.000,5", 1000.5), ("99.99", 99.99), ("1.0000", 1.0),
])
def test_parse_number_accepts_what_people_type(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "9,5,5", "95%%", "nan", "inf", "đạt"])
def test_parse_number_rejects_text(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_latest_actual_takes_the_latest_period_entered():
    assert latest_actual({(1, "q1"): 90.0, (1, "h1"): 96.0, (2, "year"): 5.0}, 1) == ("h1", 96.0)
    assert latest_actual({(1, "q1"): 90.0, (1, "year"): 99.0}, 1) == ("year", 99.0)
    assert latest_actual({}, 1) is None


# Model ---------------------------------------------------------------------

def test_model_passes_qtmodeltester(qtmodeltester, db, demo_plan_id, operations):
    indicator_id = satisfaction_id(db, demo_plan_id)
    values = {(indicator_id, "q1"): 96.0, (indicator_id, "h1"): 94.5}
    for model in (IndicatorsModel(), IndicatorsModel(operations)):
        model.set_rows(repo.list_indicators(db, demo_plan_id), values, 2024)
        qtmodeltester.check(model, force_py=True)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy, force_py=True)
    empty = IndicatorsModel()
    empty.set_rows((), {}, 2024)
    qtmodeltester.check(empty, force_py=True)


def test_model_columns_and_cells(db, demo_plan_id):
    model = IndicatorsModel()
    indicator_id = satisfaction_id(db, demo_plan_id)
    model.set_rows(repo.list_indicators(db, demo_plan_id), {(indicator_id, "q1"): 96.5}, 2024)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == list(COLUMNS) == ["Stt", "Chỉ tiêu", "Mục tiêu", "Quý I", "6 tháng", "Quý III", "9 tháng", "Năm", "Đạt?"]
    assert model.headerData(H1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Kết quả 6 tháng đầu năm 2024"
    row = [model.index(SATISFACTION_ROW, c).data() for c in range(model.columnCount())]
    assert row[0] == "8" and row[1].startswith("Mức độ hài lòng")
    assert row[2:] == ["≥ 95%", "96,5%", "", "", "", "", "✓ Đạt"]
    assert model.index(SATISFACTION_ROW, Q1).data(Qt.ItemDataRole.EditRole) == "96,5"
    assert "quý I năm 2024: 96,5%" in model.index(SATISFACTION_ROW, ACHIEVED_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, ACHIEVED_COLUMN).data() == ""
    assert model.index(0, ACHIEVED_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == "Chưa nhập kết quả"


def test_model_without_operations_is_read_only(db, demo_plan_id):
    model = IndicatorsModel()
    model.set_rows(repo.list_indicators(db, demo_plan_id), {}, 2024)
    assert not model.flags(model.index(0, Q1)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, Q1), "90") is False


# Inline entry --------------------------------------------------------------

def test_only_actual_cells_are_editable(widget):
    editable = [bool(widget.proxy.flags(cell(widget, 0, c)) & Qt.ItemFlag.ItemIsEditable) for c in range(len(COLUMNS))]
    assert editable == [False, False, False, True, True, True, True, True, False]


def test_typing_an_actual_value_updates_db_and_achieved_column(qtbot, widget, db, demo_plan_id):
    widget.show()
    qtbot.waitExposed(widget)
    index = cell(widget, SATISFACTION_ROW, Q1)
    widget.view.setCurrentIndex(index)
    widget.view.edit(index)
    editor = widget.view.indexWidget(index)
    type_text(editor, "96,5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: widget.view.state() != widget.view.State.EditingState)
    indicator_id = satisfaction_id(db, demo_plan_id)
    assert list_indicator_values(db, demo_plan_id) == {(indicator_id, "q1"): 96.5}
    assert index.data() == "96,5%"
    achieved = cell(widget, SATISFACTION_ROW, ACHIEVED_COLUMN)
    assert achieved.data() == "✓ Đạt"
    assert achieved.data(Qt.ItemDataRole.ForegroundRole).color() == MET_COLOUR


def dialogs_opened(widget, monkeypatch) -> list:
    opened = []
    monkeypatch.setattr(widget, "exec_dialog", lambda dialog: opened.append(dialog.windowTitle()) and False)
    return opened


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_result_cell_edits_it_in_place(qtbot, widget, db, demo_plan_id, monkeypatch, key):
    opened = dialogs_opened(widget, monkeypatch)
    widget.show()
    qtbot.waitExposed(widget)
    index = cell(widget, SATISFACTION_ROW, Q1)
    widget.view.setCurrentIndex(index)
    qtbot.keyClick(widget.view, key)
    assert opened == []
    assert widget.view.state() == widget.view.State.EditingState
    editor = open_cell_editor(widget.view)
    type_text(editor, "97")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: widget.view.state() != widget.view.State.EditingState)
    assert list_indicator_values(db, demo_plan_id) == {(satisfaction_id(db, demo_plan_id), "q1"): 97.0}
    assert opened == []  # the Enter that saved the value opens nothing either


@pytest.mark.parametrize("column", [0, 1, TARGET_COLUMN, ACHIEVED_COLUMN])
def test_enter_on_the_indicator_itself_opens_the_dialog(qtbot, widget, monkeypatch, column):
    opened = dialogs_opened(widget, monkeypatch)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.setCurrentIndex(cell(widget, SATISFACTION_ROW, column))
    qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened == ["Sửa chỉ tiêu"]
    assert widget.view.state() != widget.view.State.EditingState


@pytest.mark.parametrize(("column", "edits", "dialogs"), [(Q1, True, []), (YEAR, True, []),
                                                         (1, False, ["Sửa chỉ tiêu"]),
                                                         (TARGET_COLUMN, False, ["Sửa chỉ tiêu"])])
def test_double_click_follows_the_same_rule(qtbot, widget, monkeypatch, column, edits, dialogs):
    """The heading says "nhấp đúp vào ô kết quả … để nhập số"."""
    assert "nhấp đúp vào ô kết quả" in widget.heading.text()
    opened = dialogs_opened(widget, monkeypatch)
    widget.show()
    qtbot.waitExposed(widget)
    centre = widget.view.visualRect(cell(widget, SATISFACTION_ROW, column)).center()
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a real double-click
    qtbot.mouseDClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # starts with a click
    assert (widget.view.state() == widget.view.State.EditingState) is edits
    assert opened == dialogs


def test_later_period_decides_achieved(widget, db, demo_plan_id):
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), "96")
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, H1), "94.5%")
    achieved = cell(widget, SATISFACTION_ROW, ACHIEVED_COLUMN)
    assert achieved.data() == "✗ Chưa đạt"
    assert achieved.data(Qt.ItemDataRole.ForegroundRole).color() == NOT_MET_COLOUR
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, H1), "")  # empty clears
    assert achieved.data() == "✓ Đạt"
    assert list_indicator_values(db, demo_plan_id) == {(satisfaction_id(db, demo_plan_id), "q1"): 96.0}


def test_bad_text_is_rejected_with_a_vietnamese_message(widget, db, demo_plan_id):
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), "chín lăm") is False
    assert "không phải là số" in widget.message.text()
    assert list_indicator_values(db, demo_plan_id) == {}
    widget.show_plan(demo_plan_id, 2024)
    assert widget.message.text() == ""


@pytest.mark.parametrize(("typed", "message"), [
    ("-5", "Kết quả không thể là số âm."),
    ("1.000", "Tỷ lệ không thể quá 100% (đã nhập 1000%)."),
    ("100,5", "Tỷ lệ không thể quá 100% (đã nhập 100,5%)."),
])
def test_a_value_no_rate_can_have_is_refused(widget, db, demo_plan_id, typed, message):
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), typed) is False
    assert widget.message.text() == message
    assert list_indicator_values(db, demo_plan_id) == {}
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), "100")  # the top of the range is fine
    assert widget.message.text() == ""  # the refusal is not left standing beside the value accepted


def test_undo_and_redo_refresh_the_view(widget, operations):
    assert widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), "96")
    change = operations.undo_stack.undo()
    operations.changed.emit(change)
    assert cell(widget, SATISFACTION_ROW, Q1).data() == ""
    assert cell(widget, SATISFACTION_ROW, ACHIEVED_COLUMN).data() == ""
    operations.redo()
    assert cell(widget, SATISFACTION_ROW, Q1).data() == "96%"
    assert cell(widget, SATISFACTION_ROW, ACHIEVED_COLUMN).data() == "✓ Đạt"


def test_changes_made_elsewhere_show_up(qtbot, widget, operations, db, demo_plan_id):
    indicator_id = satisfaction_id(db, demo_plan_id)
    operations.run(lambda: set_actual(db, indicator_id, "year", 90))
    assert cell(widget, SATISFACTION_ROW, YEAR).data() == "90%"
    task = repo.list_tasks(db, demo_plan_id)[0]
    with qtbot.assertNotEmitted(widget.model.modelReset), qtbot.assertNotEmitted(widget.model.dataChanged):
        operations.run(lambda: add_progress(db, task.id, date(2024, 3, 1), "in_progress", 10))


def test_sorting_by_a_period_column(widget):
    widget.proxy.setData(cell(widget, 0, Q1), "70")
    widget.proxy.setData(cell(widget, SATISFACTION_ROW, Q1), "96")
    widget.view.sortByColumn(Q1, Qt.SortOrder.DescendingOrder)
    assert [cell(widget, r, Q1).data() for r in range(3)] == ["96%", "70%", ""]
    widget.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [cell(widget, r, 0).data() for r in range(3)] == ["1", "2", "3"]


def test_rows_start_in_the_plans_order(widget):
    assert [cell(widget, r, 0).data() for r in range(widget.proxy.rowCount())] == [str(n) for n in range(1, 16)]
    assert "15 chỉ tiêu" in widget.heading.text()


# Buttons and the dialog -------------------------------------------------------

def test_add_edit_delete_buttons_follow_the_selection(widget):
    assert widget.add_button.text() == "Thêm chỉ tiêu"
    assert (widget.edit_button.isEnabled(), widget.delete_button.isEnabled()) == (False, False)
    widget.view.selectRow(2)
    assert (widget.edit_button.isEnabled(), widget.delete_button.isEnabled()) == (True, True)
    assert widget.selected_indicator().position == 3


def test_adding_an_indicator_typed_in_vietnamese(widget, db, demo_plan_id, monkeypatch):
    def fill(dialog):
        type_text(dialog.text, NEW_TEXT)
        type_text(dialog.target, "99,5")
        return True

    monkeypatch.setattr(widget, "exec_dialog", fill)
    widget.add_button.click()
    added = repo.list_indicators(db, demo_plan_id)[-1]
    assert (added.text, added.target, added.comparison, added.unit) == (NEW_TEXT, 99.5, ">=", "%")
    assert widget.proxy.rowCount() == 16
    assert widget.selected_indicator().id == added.id
    assert cell(widget, 15, TARGET_COLUMN).data() == "≥ 99,5%"


def test_editing_the_selected_indicator(widget, db, demo_plan_id, monkeypatch):
    def change_target(dialog):
        assert dialog.windowTitle() == "Sửa chỉ tiêu"
        dialog.comparison.setCurrentIndex(dialog.comparison.findData("range"))
        dialog.target.setText("90")
        dialog.target_max.setText("100")
        return True

    monkeypatch.setattr(widget, "exec_dialog", change_target)
    widget.view.selectRow(SATISFACTION_ROW)
    widget.edit_button.click()
    edited = repo.list_indicators(db, demo_plan_id)[SATISFACTION_ROW]
    assert (edited.comparison, edited.target, edited.target_max) == ("range", 90, 100)
    assert cell(widget, SATISFACTION_ROW, TARGET_COLUMN).data() == "90–100%"


def test_deleting_asks_first(widget, db, demo_plan_id, monkeypatch):
    widget.proxy.setData(cell(widget, 0, Q1), "100")
    widget.view.selectRow(0)
    monkeypatch.setattr(widget, "confirm_delete", lambda _indicator: False)
    widget.delete_button.click()
    assert len(repo.list_indicators(db, demo_plan_id)) == 15
    monkeypatch.setattr(widget, "confirm_delete", lambda _indicator: True)
    widget.delete_button.click()
    assert len(repo.list_indicators(db, demo_plan_id)) == 14
    assert list_indicator_values(db, demo_plan_id) == {}
    assert widget.proxy.rowCount() == 14 and cell(widget, 0, 0).data() == "1"


def test_confirmation_is_in_vietnamese(widget, db, demo_plan_id):
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        seen["buttons"] = sorted(button.text() for button in box.buttons())
        next(b for b in box.buttons() if b.text() == "Xóa").click()

    QTimer.singleShot(0, answer)
    assert widget.confirm_delete(repo.list_indicators(db, demo_plan_id)[0]) is True
    assert seen == {"text": "Xóa chỉ tiêu số 1?", "buttons": ["Hủy", "Xóa"]}


def test_dialog_takes_vietnamese_text_as_typed(qtbot):
    dialog = IndicatorDialog()
    qtbot.addWidget(dialog)
    type_text(dialog.text, unicodedata.normalize("NFD", NEW_TEXT))  # as pasted from a PDF
    type_text(dialog.unit, "")
    assert dialog.problem() == ""
    values = dialog.values()
    assert values["text"] == NEW_TEXT  # stored composed (NFC)
    assert values | {"text": ""} == {"text": "", "comparison": ">=", "target": None, "target_max": None, "unit": "%"}


def test_dialog_range_needs_both_ends(qtbot):
    dialog = IndicatorDialog()
    qtbot.addWidget(dialog)
    assert [dialog.comparison.itemText(i) for i in range(4)] == [
        "≥ (tối thiểu)", "≤ (tối đa)", "= (bằng)", "Khoảng (từ … đến …)"]
    assert not dialog.target_max.isEnabled()
    dialog.comparison.setCurrentIndex(3)
    assert dialog.target_max.isEnabled()
    assert dialog.target_label.text() == "Mục tiêu (từ):"
    type_text(dialog.text, "Tỷ lệ giải quyết trực tuyến")
    type_text(dialog.target, "30")
    dialog.accept()
    assert "khoảng" in dialog.error.text() and dialog.result() == 0
    type_text(dialog.target_max, "40")
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.values() | {"text": ""} == {"text": "", "comparison": "range", "target": 30, "target_max": 40, "unit": "%"}


def test_dialog_refuses_empty_text_and_bad_target(qtbot):
    dialog = IndicatorDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.error.text() == "Hãy nhập nội dung chỉ tiêu."
    type_text(dialog.text, "Mức độ hài lòng")
    type_text(dialog.target, "chín lăm")
    assert dialog.problem() == "Mục tiêu phải là một số, ví dụ 95 hoặc 99,5."


def test_widget_without_plan(qtbot, operations):
    shown = IndicatorsWidget(operations)
    qtbot.addWidget(shown)
    assert shown.proxy.rowCount() == 0
    assert shown.heading.text() == "Chưa chọn kế hoạch."
    assert not shown.add_button.isEnabled()
