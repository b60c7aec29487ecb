"""The "Tổng quan" tab: where the selected plan stands on a given day.

Numbers come from :func:`cchc_desktop.overview.build_overview`; this module only draws
them: one tile per status class, the overdue and due-soon lists, a bar per area.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import status
from cchc_desktop.changes import Change
from cchc_desktop.errors import NotFoundError
from cchc_desktop.overview import AreaProgress, Overview, build_overview
from cchc_desktop.sqlite_db import Database
from cchc_desktop.tracking import DEFAULT_DUE_SOON_DAYS, Upcoming
from ui.appendix_model import STATUS_COLOURS
from ui.background import LatestOnly, is_large_plan
from ui.operations import Operations
from ui.upcoming_model import OVERDUE_COLOUR, SOON_COLOUR, standing_text
from ui.tables import configure_table

OFFICIAL_CLASSES = (status.DONE_ON_TIME, status.DONE_LATE, status.OPEN_ON_TIME, status.OPEN_OVERDUE)
OWN_CLASSES = (status.CONTINUOUS, status.UNSPECIFIED)
REFRESH_TABLES = frozenset({"task", "progress", "area"})
DUE_COLUMNS = ("Stt", "Nhiệm vụ", "Hạn", "Tình trạng")
DUE_COLUMN_WIDTHS = (40, None, 90, 120)
STANDING_COLUMN = 3
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("OverviewWidget", text)


def share_text(percent: float) -> str:
    """Vietnamese style: "13,6%", "0%", "100%"."""
    text = f"{percent:.1f}".removesuffix(".0")
    return text.replace(".", ",") + "%"


class DueListModel(QAbstractTableModel):
    """A compact list of tasks with a due date: Stt, Nhiệm vụ, Hạn, còn/quá n ngày."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: tuple[Upcoming, ...] = ()
        self._at = date.today()

    def set_items(self, items: tuple[Upcoming, ...], at: date) -> None:
        self.beginResetModel()
        self._items, self._at = tuple(items), at
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(DUE_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(DUE_COLUMNS):
                return _tr(DUE_COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STANDING_COLUMN:
            return QBrush(OVERDUE_COLOUR if item.overdue else SOON_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TASK_ID_ROLE:
            return item.tracking.task.id
        return None

    def _text(self, item: Upcoming, column: int) -> str:
        task = item.tracking.task
        values = (str(task.stt), task.content, f"{item.due:%d/%m/%Y}", standing_text(item, self._at))
        return values[column]


class ClassTile(QFrame):
    """One status class: its count in large type, its name, its share of all tasks."""

    def __init__(self, cls: str, parent=None):
        super().__init__(parent)
        colour = STATUS_COLOURS[cls].name()
        self.setObjectName("tile")
        self.setStyleSheet(
            f"#tile {{ border: 1px solid #c8d0dc; border-left: 5px solid {colour};"
            " border-radius: 3px; background: #fbfcfe; }"
        )
        self.count = QLabel("0")
        self.count.setStyleSheet(f"color: {colour}; font-size: 22pt; font-weight: bold;")
        self.share = QLabel()
        self.share.setStyleSheet("color: #555555;")
        self.name = QLabel(_tr(status.LABELS[cls]))
        self.name.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 8, 6)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.share, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.name)

    def set_numbers(self, count: int, percent: float) -> None:
        self.count.setText(str(count))
        self.share.setText(share_text(percent))


class AreaProgressPanel(QWidget):
    """A bar per area: the share of its tasks that are done, on time or late."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[QLabel] = []
        self.bars: list[QProgressBar] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 6, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)

    def set_areas(self, areas: tuple[AreaProgress, ...]) -> None:
        self._clear()
        for number, area in enumerate(areas):
            label, bar = self._label(area), self._bar(area)
            self._layout.insertWidget(2 * number, label)
            self._layout.insertWidget(2 * number + 1, bar)
            self.labels.append(label)
            self.bars.append(bar)

    def _clear(self) -> None:
        for widget in (*self.labels, *self.bars):
            self._layout.removeWidget(widget)
            widget.hide()  # deleteLater waits for the event loop; hidden, it never shows stale
            widget.deleteLater()
        self.labels, self.bars = [], []

    @staticmethod
    def _label(area: AreaProgress) -> QLabel:
        label = QLabel(area.label)
        label.setWordWrap(True)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    @staticmethod
    def _bar(area: AreaProgress) -> QProgressBar:
        bar = QProgressBar()
        bar.setRange(0, max(area.total, 1))
        bar.setValue(area.done)
        bar.setFormat(f"{area.percent}%")
        bar.setMaximumHeight(16)
        bar.setToolTip(_tr("Đã hoàn thành {done} trên {total} nhiệm vụ").format(done=area.done, total=area.total))
        return bar


def overview_or_none(db: Database, plan_id: int | None, at: date) -> Overview | None:
    """The plan's overview; None when no plan is chosen or it was deleted meanwhile."""
    if plan_id is None:
        return None
    try:
        return build_overview(db, plan_id, at)
    except NotFoundError:
        return None


class OverviewWidget(QWidget):
    """The plan at a glance; refreshes itself when an edit touches tasks, progress or areas.

    ``task_activated(task_id)`` is emitted when the user opens a task from one of the lists.
    """

    task_activated = Signal(int)

    def __init__(self, operations: Operations, parent: QWidget | None = None, active: bool = True):
        """Not ``active`` (a tab out of sight): the widgets are built when first shown,
        which keeps them off the program's start."""
        super().__init__(parent)
        self.operations = operations
        self.plan_id: int | None = None
        self.at = date.today()
        self.overview: Overview | None = None
        self.active = active
        self._stale = True
        self._built = False
        self.working = LatestOnly(self, "Đang tính tổng quan kế hoạch…")
        operations.changed.connect(self._on_changed)
        if active:
            self.refresh()

    # Building -------------------------------------------------------------

    def _build_once(self) -> None:
        if self._built:
            return
        self._built = True
        self.heading = QLabel()
        self.heading.linkActivated.connect(lambda _link: self.refresh())  # "Tính lại" after a cancel
        self.tiles = {cls: ClassTile(cls) for cls in OFFICIAL_CLASSES + OWN_CLASSES}
        self.overdue_model = DueListModel(self)
        self.due_soon_model = DueListModel(self)
        self.overdue_title, self.due_soon_title = QLabel(), QLabel()
        self.overdue_view = self._due_view(self.overdue_model)
        self.due_soon_view = self._due_view(self.due_soon_model)
        self.area_panel = AreaProgressPanel()
        self.stale_note = QLabel()
        self.stale_note.setWordWrap(True)
        self.stale_note.setStyleSheet(f"color: {STATUS_COLOURS[status.UNSPECIFIED].name()}")
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addLayout(self._tile_row())
        columns = QHBoxLayout()
        columns.addLayout(self._lists_column(), 3)
        columns.addLayout(self._areas_column(), 2)
        layout.addLayout(columns, 1)

    def _tile_row(self) -> QGridLayout:
        """The four official classes, a gap, then continuous and unspecified."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        columns = (*range(len(OFFICIAL_CLASSES)), *range(len(OFFICIAL_CLASSES) + 1, len(self.tiles) + 1))
        for column, cls in zip(columns, OFFICIAL_CLASSES + OWN_CLASSES):
            grid.addWidget(self.tiles[cls], 0, column)
            grid.setColumnStretch(column, 1)
        grid.setColumnMinimumWidth(len(OFFICIAL_CLASSES), 8)
        return grid

    def _lists_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        for title, view in ((self.overdue_title, self.overdue_view), (self.due_soon_title, self.due_soon_view)):
            column.addWidget(title)
            column.addWidget(view, 1)
        return column

    def _areas_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(QLabel(_tr("<b>Tiến độ theo nhóm nhiệm vụ</b> (đã hoàn thành / tổng số)")))
        scroll = QScrollArea()
        scroll.setWidget(self.area_panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.addWidget(scroll, 1)
        column.addWidget(self.stale_note)
        return column

    def _due_view(self, model: DueListModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        configure_table(view, DUE_COLUMN_WIDTHS)
        view.setWordWrap(False)  # compact: one line per task, the full text in the tooltip
        view.activated.connect(lambda index: self.task_activated.emit(index.data(TASK_ID_ROLE)))
        return view

    # Behaviour ------------------------------------------------------------

    def show_plan(self, plan_id: int | None, at: date) -> None:
        self.plan_id, self.at = plan_id, at
        self.refresh()

    def set_active(self, active: bool) -> None:
        """A tab out of sight need not recompute at every edit: it catches up when shown."""
        self.active = active
        if active and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Work the overview out again: at once for a ward's plan, in a worker for a large
        one (``is_large_plan``: 0.1 s and more of tracking every task)."""
        if not self.active:
            self._stale = True
            return
        self._build_once()
        self._stale = False
        plan_id, at = self.plan_id, self.at
        self.working.run(lambda db: overview_or_none(db, plan_id, at), self.operations.db, self._show_refreshed,
                         is_large_plan(self.operations.db, plan_id), on_cancel=self._refresh_cancelled)

    def _show_refreshed(self, overview: Overview | None) -> None:
        self.overview = overview
        if overview is None:
            self.plan_id = None  # none chosen, or deleted meanwhile
            self._show_nothing()
        else:
            self._show(overview)

    def _refresh_cancelled(self) -> None:
        """On "Hủy": no figures of another day or plan stay on show; "Tính lại" (or the tab
        shown again) works them out again."""
        self.overview, self._stale = None, True
        self._show_nothing(_tr('Đã dừng tính tổng quan. <a href="tinh-lai">Tính lại</a>'))

    def _on_changed(self, change: Change) -> None:
        if self.plan_id is not None and change.touched & REFRESH_TABLES:
            self.refresh()

    def _show_nothing(self, heading: str | None = None) -> None:
        self.heading.setText(heading or _tr("Chưa chọn kế hoạch."))
        for tile in self.tiles.values():
            tile.set_numbers(0, 0.0)
        self.overdue_model.set_items((), self.at)
        self.due_soon_model.set_items((), self.at)
        self._set_list_titles(0, 0, DEFAULT_DUE_SOON_DAYS)  # "Đến hạn trong 14 ngày tới", not "0 ngày"
        self.area_panel.set_areas(())
        self.stale_note.setText("")

    def _show(self, overview: Overview) -> None:
        self.heading.setText(
            _tr("<b>Tình hình thực hiện đến ngày {day}</b>: {total} nhiệm vụ").format(
                day=f"{overview.at:%d/%m/%Y}", total=overview.total)
        )
        for cls, tile in self.tiles.items():
            tile.set_numbers(overview.counts[cls], overview.share(cls))
        self.overdue_model.set_items(overview.overdue, overview.at)
        self.due_soon_model.set_items(overview.due_soon, overview.at)
        self._set_list_titles(len(overview.overdue), len(overview.due_soon), overview.due_soon_days)
        self.area_panel.set_areas(overview.areas)
        self.stale_note.setText(self._stale_text(overview))

    def _set_list_titles(self, overdue: int, due_soon: int, days: int) -> None:
        self.overdue_title.setText(_tr("<b>Quá hạn</b> ({n} nhiệm vụ)").format(n=overdue))
        self.due_soon_title.setText(
            _tr("<b>Đến hạn trong {days} ngày tới</b> ({n} nhiệm vụ)").format(days=days, n=due_soon))

    @staticmethod
    def _stale_text(overview: Overview) -> str:
        stale = overview.stale_continuous
        if not stale:
            return ""
        numbers = ", ".join(str(t.task.stt) for t in stale)
        return _tr("Nhiệm vụ thường xuyên chưa có tiến độ trong {days} ngày qua: {n} (Stt {numbers}).").format(
            days=overview.no_progress_days, n=len(stale), numbers=numbers)
