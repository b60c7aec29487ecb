"""The indicators table: target, actual value per report period, and whether it is met.

Actual cells are edited in place; each edit goes through ``Operations`` (undoable).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from cchc_desktop.edits.indicators import achieved, set_actual, target_text, with_unit
from cchc_desktop.models import Indicator
from cchc_desktop.periods import title

REPORT_PERIODS = ("q1", "h1", "q3", "m9", "year")  # the reports the export dialog offers
PERIOD_HEADERS = ("Quý I", "6 tháng", "Quý III", "9 tháng", "Năm")
COLUMNS = ("Stt", "Chỉ tiêu", "Mục tiêu", *PERIOD_HEADERS, "Đạt?")
STT_COLUMN, TEXT_COLUMN, TARGET_COLUMN = 0, 1, 2
FIRST_PERIOD_COLUMN = 3
ACHIEVED_COLUMN = FIRST_PERIOD_COLUMN + len(REPORT_PERIODS)
MET_COLOUR, NOT_MET_COLOUR = QColor("#1b6e20"), QColor("#b00020")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
BAD_NUMBER = "“{text}” không phải là số. Hãy nhập ví dụ 95 hoặc 95,5 (để trống để xóa)."

Values = dict[tuple[int, str], float]


def _tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorsModel", text)


# "1.000", "12.500.000", "1.000,5": a dot that groups digits in threes is the Vietnamese
# thousands separator. A dot with one, two or four digits after it ("95.5") is a decimal
# point, as people used to English keyboards type it.
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")


def parse_number(text: str) -> float | None:
    """ "95", "95,5", "95.5", "95%", "1.000" (one thousand) -> a number; empty -> None;
    anything else ValueError."""
    cleaned = re.sub(r"\s+", "", str(text)).removesuffix("%")
    if not cleaned:
        return None
    if THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    number = float(cleaned.replace(",", "."))  # raises ValueError for text that is no number
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def value_problem(indicator: Indicator, number: float | None) -> str:
    """Why ``number`` cannot be an actual value of ``indicator`` (Vietnamese), or ""."""
    if number is None:
        return ""
    if number < 0:
        return "Kết quả không thể là số âm."
    if indicator.unit.strip() == "%" and number > 100:
        return f"Tỷ lệ không thể quá 100% (đã nhập {number_text(number)}%)."
    return ""


def number_text(value: float) -> str:
    """Vietnamese decimal comma, no trailing zeros: 95 -> "95", 95.5 -> "95,5"."""
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def latest_actual(values: Values, indicator_id: int) -> tuple[str, float] | None:
    """The value of the latest report period that has one, with its period code."""
    for period in reversed(REPORT_PERIODS):
        if (indicator_id, period) in values:
            return period, values[(indicator_id, period)]
    return None


class IndicatorsModel(QAbstractTableModel):
    """One row per indicator. With ``operations`` the actual cells are editable."""

    input_rejected = Signal(str)  # a Vietnamese message: the typed value was not a number

    def __init__(self, operations=None, parent=None):
        super().__init__(parent)
        self.operations = operations
        self._indicators: tuple[Indicator, ...] = ()
        self._values: Values = {}
        self._year = 0

    # Loading --------------------------------------------------------------

    def set_rows(self, indicators, values: Values, year: int) -> None:
        """Show these rows; the same indicators as before only repaint what changed."""
        indicators, values = tuple(indicators), dict(values)
        if (indicators, values, year) == (self._indicators, self._values, self._year):
            return
        same_rows = [i.id for i in indicators] == [i.id for i in self._indicators]
        if not same_rows:
            self.beginResetModel()
        self._indicators, self._values, self._year = indicators, values, year
        if not same_rows:
            self.endResetModel()
        elif indicators:
            self._repaint(0, len(indicators) - 1, 0, len(COLUMNS) - 1)

    def indicator_at(self, row: int) -> Indicator:
        return self._indicators[row]

    def row_of(self, indicator_id: int) -> int | None:
        return next((n for n, i in enumerate(self._indicators) if i.id == indicator_id), None)

    def _repaint(self, first_row: int, last_row: int, first_column: int, last_column: int) -> None:
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
                 Qt.ItemDataRole.ForegroundRole, SORT_ROLE]
        self.dataChanged.emit(self.index(first_row, first_column), self.index(last_row, last_column), roles)

    # Qt model interface ----------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._indicators)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and self._period_of(section):
            return _tr("Kết quả {period}").format(period=title(self._period_of(section), self._year))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.operations is not None and self._period_of(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._indicators):
            return None
        indicator, column = self._indicators[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(indicator, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(indicator, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(indicator, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == ACHIEVED_COLUMN:
            return self._achieved_colour(indicator)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == SORT_ROLE:
            return self._sort_key(indicator, column)
        if role == ID_ROLE:
            return indicator.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        period = self._period_of(index.column()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or period is None or self.operations is None:
            return False
        try:
            number = parse_number(value)
        except ValueError:
            self.input_rejected.emit(_tr(BAD_NUMBER).format(text=str(value).strip()))
            return False
        problem = value_problem(self._indicators[index.row()], number)
        if problem:
            self.input_rejected.emit(problem)
            return False
        return self._store_actual(index.row(), period, number)

    # Cells ----------------------------------------------------------------

    @staticmethod
    def _period_of(column: int) -> str | None:
        offset = column - FIRST_PERIOD_COLUMN
        return REPORT_PERIODS[offset] if 0 <= offset < len(REPORT_PERIODS) else None

    def _actual(self, indicator: Indicator, column: int) -> float | None:
        return self._values.get((indicator.id, self._period_of(column)))

    def _met(self, indicator: Indicator) -> bool | None:
        latest = latest_actual(self._values, indicator.id)
        if latest is None:
            return None
        return achieved(indicator.comparison, indicator.target, indicator.target_max, latest[1])

    def _text(self, indicator: Indicator, column: int) -> str:
        if column == STT_COLUMN:
            return str(indicator.position)
        if column == TEXT_COLUMN:
            return indicator.text
        if column == TARGET_COLUMN:
            return target_text(indicator.comparison, indicator.target, indicator.target_max, indicator.unit)
        if column == ACHIEVED_COLUMN:
            return {True: _tr("✓ Đạt"), False: _tr("✗ Chưa đạt"), None: ""}[self._met(indicator)]
        actual = self._actual(indicator, column)
        return "" if actual is None else with_unit(number_text(actual), indicator.unit)

    def _edit_text(self, indicator: Indicator, column: int) -> str:
        actual = self._actual(indicator, column) if self._period_of(column) else None
        return number_text(actual) if actual is not None else self._text(indicator, column)

    def _tooltip(self, indicator: Indicator, column: int) -> str:
        if column == ACHIEVED_COLUMN:
            return self._achieved_tip(indicator)
        period = self._period_of(column)
        if period:
            return _tr("Kết quả {period}: nhấp đúp để nhập, để trống để xóa").format(
                period=title(period, self._year))
        return self._text(indicator, column)

    def _achieved_tip(self, indicator: Indicator) -> str:
        latest = latest_actual(self._values, indicator.id)
        if latest is None:
            return _tr("Chưa nhập kết quả")
        period, value = latest
        target = target_text(indicator.comparison, indicator.target, indicator.target_max, indicator.unit)
        return _tr("Theo kết quả {period}: {value} (mục tiêu {target})").format(
            period=title(period, self._year), value=with_unit(number_text(value), indicator.unit), target=target)

    def _achieved_colour(self, indicator: Indicator) -> QBrush | None:
        met = self._met(indicator)
        return None if met is None else QBrush(MET_COLOUR if met else NOT_MET_COLOUR)

    @staticmethod
    def _alignment(column: int) -> int:
        if column == TEXT_COLUMN:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def _sort_key(self, indicator: Indicator, column: int):
        if column == TEXT_COLUMN:
            return indicator.text.casefold()
        if column == TARGET_COLUMN:
            return indicator.target if indicator.target is not None else -math.inf
        if column == ACHIEVED_COLUMN:
            return {True: 2, False: 1, None: 0}[self._met(indicator)]
        if self._period_of(column):
            actual = self._actual(indicator, column)
            return actual if actual is not None else -math.inf
        return indicator.position

    # Editing --------------------------------------------------------------

    def _store_actual(self, row: int, period: str, number: float | None) -> bool:
        indicator = self._indicators[row]
        key = (indicator.id, period)
        if self._values.get(key) == number:
            return True
        db = self.operations.db
        if self.operations.run(lambda: set_actual(db, indicator.id, period, number)) is None:
            return False
        if number is None:
            self._values.pop(key, None)
        else:
            self._values[key] = number
        column = FIRST_PERIOD_COLUMN + REPORT_PERIODS.index(period)
        self._repaint(row, row, column, column)
        self._repaint(row, row, ACHIEVED_COLUMN, ACHIEVED_COLUMN)
        return True
