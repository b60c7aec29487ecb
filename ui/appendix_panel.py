"""The appendix tab: a filter bar over the grouped, editable table of tasks."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.models import Area
from cchc_desktop.search import TaskFilter
from cchc_desktop.status import CLASSES, LABELS
from ui.appendix_model import AppendixModel

APPENDIX_COLUMN_WIDTHS = (40, None, 130, 115, 125, 105, 100, 165)
DUE_WINDOWS = (
    ("", "Mọi thời hạn"),
    ("7", "Đến hạn trong 7 ngày"),
    ("30", "Đến hạn trong 30 ngày"),
    ("month", "Đến hạn trong tháng"),
    ("quarter", "Đến hạn trong quý"),
)


def due_window(choice: str, at: date) -> tuple[date | None, date | None]:
    """The (from, to) dates of a due-window choice, counted from ``at``."""
    if choice.isdigit():
        return at, at + timedelta(days=int(choice))
    if choice == "month":
        return date(at.year, at.month, 1), date(at.year, at.month, calendar.monthrange(at.year, at.month)[1])
    if choice == "quarter":
        first_month = (at.month - 1) // 3 * 3 + 1
        last_month = first_month + 2
        return date(at.year, first_month, 1), date(at.year, last_month, calendar.monthrange(at.year, last_month)[1])
    return None, None


class AppendixFilterProxy(QSortFilterProxyModel):
    """The view's side of the appendix model.

    The rows are filtered in the model (``AppendixModel.set_filter``: one pass in
    Python over the plan's lists, one ``layoutChanged``), not here: a Python
    ``filterAcceptsRow`` is called back from C++ once per row of the plan at every
    keystroke, which for 10,000 tasks costs more than the filtering itself.
    """

    def set_filter(self, task_filter: TaskFilter) -> bool:
        return self.sourceModel().set_filter(task_filter)

    @property
    def task_filter(self) -> TaskFilter:
        return self.sourceModel().task_filter

    @property
    def shown_tasks(self) -> int:
        return self.sourceModel().shown_task_count()

    def row_key(self, row: int):
        """What the row shows: the same object while it is unchanged (for row heights)."""
        source = self.mapToSource(self.index(row, 0))
        return self.sourceModel().row_at(source.row()) if source.isValid() else None


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm nhiệm vụ, chủ trì, phối hợp, sản phẩm (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.area = QComboBox()
        self.lead = QLineEdit()
        self.lead.setPlaceholderText("Chủ trì")
        self.lead.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem("Mọi trạng thái", "")
        for cls in CLASSES:
            self.status.addItem(LABELS[cls], cls)
        self.due = QComboBox()
        for key, label in DUE_WINDOWS:
            self.due.addItem(label, key)
        self.clear_button = QPushButton("Bỏ lọc")
        self.count = QLabel()
        self._layout()
        for signal in (self.search.textChanged, self.lead.textChanged, self.area.currentIndexChanged,
                       self.status.currentIndexChanged, self.due.currentIndexChanged):
            signal.connect(lambda *_: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def _layout(self) -> None:
        self._let_shrink()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        row.addWidget(self.area, 2)
        row.addWidget(self.lead, 2)
        row.addWidget(self.status, 2)
        row.addWidget(self.due, 2)
        row.addWidget(self.clear_button)
        row.addWidget(self.count)

    def _let_shrink(self) -> None:
        """In a narrow window (1024 px, or 1366 at 125 %) the lists give up width before
        the search box does: it is the tool used most (Ctrl+F). A list shows the start of
        its choice; its drop-down still shows every choice whole."""
        em = self.fontMetrics().horizontalAdvance("M")
        self.search.setMinimumWidth(14 * em)
        self.lead.setMinimumWidth(6 * em)
        for combo in (self.area, self.status, self.due):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)

    def set_areas(self, areas: list[Area]) -> None:
        chosen = self.area.currentData()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem("Tất cả các nhóm", None)
        for area in areas:
            self.area.addItem(f"{area.numeral}. {area.title}", area.id)
        index = self.area.findData(chosen)
        self.area.setCurrentIndex(max(index, 0))
        self.area.blockSignals(False)

    def task_filter(self, at: date) -> TaskFilter:
        due_from, due_to = due_window(self.due.currentData() or "", at)
        return TaskFilter(
            text=self.search.text(), area_id=self.area.currentData(), lead=self.lead.text(),
            status_class=self.status.currentData() or "", due_from=due_from, due_to=due_to,
        )

    def show_count(self, shown: int, total: int) -> None:
        # A fixed size, that of the widest count of the plan: a new count then changes
        # only the label. (A label that may change size asks its layout, and every layout
        # up to the window, to lay out again, and the tab widget repaints the whole tab.)
        widest = self.count.fontMetrics().horizontalAdvance(f"{total}/{total} nhiệm vụ")
        if self.count.maximumWidth() != widest:
            self.count.setFixedSize(widest, self.count.fontMetrics().height())
        self.count.setText(f"{shown}/{total} nhiệm vụ" if shown != total else f"{total} nhiệm vụ")

    def clear(self) -> None:
        for widget in (self.search, self.lead):
            widget.clear()
        for combo in (self.area, self.status, self.due):
            combo.setCurrentIndex(0)


class AppendixPanel(QWidget):
    """Filter bar + table; the window owns the model's data and the edits."""

    def __init__(self, model: AppendixModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.proxy = AppendixFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.filter_bar = FilterBar()
        self.view = QTableView()
        self.view.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        self.proxy.modelReset.connect(self.apply_area_spans)
        self.proxy.layoutChanged.connect(self.apply_area_spans)

    def apply_filter(self, at: date) -> None:
        """Show what the filter bar asks for (the spans follow the proxy's signals)."""
        self.proxy.set_filter(self.filter_bar.task_filter(at))
        self.filter_bar.show_count(self.proxy.shown_tasks, self.model.task_count())

    def apply_area_spans(self) -> None:
        """Area rows span the table; found from the (few) areas, not by visiting every row."""
        self.view.clearSpans()
        columns = self.proxy.columnCount()
        for source_row in self.model.area_rows():
            row = self.proxy.mapFromSource(self.model.index(source_row, 0)).row()
            if row >= 0:
                self.view.setSpan(row, 0, 1, columns)

    def current_source_row(self):
        index = self.view.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def select_task(self, task_id: int) -> bool:
        """Put the cursor on the task (its Nhiệm vụ cell); False when it is not in the table."""
        row = self.model.task_row(task_id)
        if row is None:
            return False
        self._put_cursor(self.proxy.mapFromSource(self.model.index(row, 1)))
        return True

    def select_row(self, row: int) -> None:
        """Put the cursor on the ``row``-th row shown, or the last one when fewer are shown."""
        last = self.proxy.rowCount() - 1
        if last >= 0:
            self._put_cursor(self.proxy.index(min(max(row, 0), last), 1))

    def _put_cursor(self, index) -> None:
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
