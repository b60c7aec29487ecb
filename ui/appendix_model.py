"""The appendix table: area rows as bold group rows, then their tasks."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cchc_desktop import repo, status
from cchc_desktop.models import Area, Plan, Task, Unit
from cchc_desktop.repo import AppendixGroup
from cchc_desktop.search import TaskFilter, TaskIndex, task_search_text
from cchc_desktop.tracking import DEFAULT_DUE_SOON_DAYS, TaskTracking, Upcoming, track_plan, upcoming
from ui.release import SlicedRelease

COLUMNS = ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành", "Hạn xử lý", "Trạng thái")
TASK_FIELDS = ("stt", "content", "lead", "supporting", "output", "deadline_text")
DUE_COLUMN, STATUS_COLUMN = 6, 7
HEADER_LINES = {5: "Thời gian\nhoàn thành"}  # two lines, so the narrow column shows it whole
AREA_BACKGROUND = QColor("#e8eef6")
REVIEW_COLOUR = QColor("#b35c00")
STATUS_COLOURS = {
    status.DONE_ON_TIME: QColor("#1b6e20"),
    status.DONE_LATE: QColor("#8a6d00"),
    status.OPEN_ON_TIME: QColor("#1f3f73"),
    status.OPEN_OVERDUE: QColor("#b00020"),
    status.CONTINUOUS: QColor("#444444"),
    status.UNSPECIFIED: REVIEW_COLOUR,
}
NO_PROGRESS_NOTE = "chưa có tiến độ trong kỳ"
DONE_NOTE = "đã hoàn thành"  # a task done with no due date: not one of the four classes
REVIEW_TIP = "Chưa hiểu hết thời hạn này. Mở nhiệm vụ (Enter) để đặt ngày hạn bằng tay."
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
AREA_ALIGNMENT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
TEXT_ALIGNMENT = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
NO_FLAGS = Qt.ItemFlag.NoItemFlags
READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE_FLAGS = READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class AppendixRow:
    area: Area
    task: Task | None = None
    tracking: TaskTracking | None = None
    search_text: str = ""  # folded once here, matched at every keystroke of the search box

    @property
    def is_area(self) -> bool:
        return self.task is None


def flatten(groups: list[AppendixGroup], trackings: dict[int, TaskTracking]) -> list[AppendixRow]:
    rows: list[AppendixRow] = []
    for group in groups:
        rows.append(AppendixRow(group.area))
        rows.extend(
            AppendixRow(group.area, task, trackings.get(task.id), task_search_text(task)) for task in group.tasks
        )
    return rows


@dataclass(frozen=True)
class PlanView:
    """Everything the window shows of a plan, read in one go (in a worker thread for a
    large plan: nothing here touches Qt)."""

    plan: Plan
    unit: Unit
    areas: list[Area]
    trackings: list[TaskTracking]
    rows: list[AppendixRow]
    due: list[Upcoming]  # the "Sắp đến hạn / Quá hạn" list (thousands in a large plan)
    due_days: int  # the "due soon" horizon it was made for


def load_plan_view(db, plan_id: int, at: date, due_days: int = DEFAULT_DUE_SOON_DAYS) -> PlanView:
    plan = repo.get_plan(db, plan_id)
    trackings = track_plan(db, plan_id, at)
    areas = repo.list_areas(db, plan_id)
    groups = repo.group_by_area(areas, [t.task for t in trackings])
    return PlanView(plan, repo.document_unit(db, plan), areas, trackings,
                    flatten(groups, {t.task.id: t for t in trackings}), upcoming(trackings, at, due_days), due_days)


EditTask = Callable[[int, str, str], bool]
RenameArea = Callable[[int, str], bool]


class AppendixModel(QAbstractTableModel):
    """A plan's appendix, one row per area or task; text cells edit in place.

    The model holds every row of the plan and shows those the filter keeps (with the
    areas of the tasks shown). Filtering is decided here in one pass over Python lists
    (``TaskIndex``), not row by row in a ``QSortFilterProxyModel.filterAcceptsRow``
    called back from C++: a new filter is one ``layoutChanged`` (persistent indexes,
    hence the selection, follow their rows), and no signal at all when the rows shown
    stay the same.

    Edits do not change the rows here: they go to the callbacks, which write through
    the undo stack, and the window reloads what the change touched.
    """

    def __init__(self, parent=None, edit_task: EditTask | None = None, rename_area: RenameArea | None = None):
        super().__init__(parent)
        self._all: list[AppendixRow] = []  # every row of the plan
        self._task_positions: list[int] = []  # where in _all each task is, in order
        self._task_areas: list[int] = []  # where in _all the area of each task is
        self._index: TaskIndex | None = None  # built at the first filter
        self._filter = TaskFilter()
        self._shown: list[int] = []  # where in _all each row shown is, ascending
        self._rows: list[AppendixRow] = []  # the rows shown
        self._area_rows: list[int] = []  # shown rows that are areas
        self._task_count = 0
        self._shown_tasks = 0
        self._release = SlicedRelease(self)  # the rows of a large plan left, freed a slice at a time
        self._bold = QFont()
        self._bold.setBold(True)
        self._answers = {
            Qt.ItemDataRole.DisplayRole: self._text, Qt.ItemDataRole.EditRole: self._edit_text,
            Qt.ItemDataRole.ToolTipRole: self._tooltip, Qt.ItemDataRole.ForegroundRole: self._colour,
            Qt.ItemDataRole.FontRole: self._font, Qt.ItemDataRole.BackgroundRole: self._background,
            Qt.ItemDataRole.TextAlignmentRole: self._alignment, KIND_ROLE: self._kind, ID_ROLE: self._id,
        }
        self.edit_task = edit_task
        self.rename_area = rename_area

    def set_groups(self, groups: list[AppendixGroup], trackings: dict[int, TaskTracking] | None = None) -> None:
        self.set_rows(flatten(groups, trackings or {}))

    def set_rows(self, rows: list[AppendixRow]) -> None:
        """Show another plan (or the same one reloaded), through the current filter."""
        self.beginResetModel()
        self._release.release(self._all)
        self._all = rows
        self._task_positions, self._task_areas = [], []
        area = -1
        for position, row in enumerate(rows):
            if row.is_area:
                area = position
            else:
                self._task_positions.append(position)
                self._task_areas.append(area)
        self._task_count = len(self._task_positions)
        self._index = None
        self._show(self._decide())
        self.endResetModel()

    def set_filter(self, task_filter: TaskFilter) -> bool:
        """Show the rows ``task_filter`` keeps; True if the rows shown changed."""
        self._filter = task_filter
        shown = self._decide()
        if shown == self._shown:
            return False
        self.layoutAboutToBeChanged.emit()
        before = self._shown
        moved = self.persistentIndexList()
        self._show(shown)
        if moved:
            self.changePersistentIndexList(moved, [self._moved(index, before) for index in moved])
        self.layoutChanged.emit()
        return True

    def _moved(self, index: QModelIndex, before: list[int]) -> QModelIndex:
        row = self.row_of(before[index.row()]) if 0 <= index.row() < len(before) else None
        return QModelIndex() if row is None else self.index(row, index.column())

    def row_of(self, position: int) -> int | None:
        """The row showing the plan's row at ``position``, None if it is filtered out."""
        row = bisect_left(self._shown, position)
        return row if row < len(self._shown) and self._shown[row] == position else None

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def _decide(self) -> list[int]:
        if self._filter.is_empty():
            self._shown_tasks = self._task_count
            return list(range(len(self._all)))
        if self._index is None:
            tasks = [self._all[position] for position in self._task_positions]
            self._index = TaskIndex([row.tracking for row in tasks], [row.search_text for row in tasks])
        matched = self._index.matching(self._filter)
        self._shown_tasks = len(matched)
        shown: list[int] = []
        positions, areas, last_area = self._task_positions, self._task_areas, -1
        for task in matched:
            area = areas[task]
            if area != last_area:
                if area >= 0:
                    shown.append(area)
                last_area = area
            shown.append(positions[task])
        return shown

    def _show(self, shown: list[int]) -> None:
        every = self._all
        self._shown = shown
        self._rows = [every[position] for position in shown]
        self._area_rows = [row for row, shown_row in enumerate(self._rows) if shown_row.is_area]

    def area_rows(self) -> list[int]:
        """The rows shown that are areas."""
        return self._area_rows

    def shown_task_count(self) -> int:
        return self._shown_tasks

    def replace_tracking(self, tracking: TaskTracking) -> None:
        """Show an edited task in place, telling views only what changed.

        The filter is not applied again here: call ``set_filter`` to hide or show it."""
        for task, position in enumerate(self._task_positions):
            row = self._all[position]
            if row.task.id == tracking.task.id:
                text = task_search_text(tracking.task)
                self._all[position] = AppendixRow(row.area, tracking.task, tracking, text)
                if self._index is not None:
                    self._index.replace(task, tracking, text)
                shown_row = self.row_of(position)
                if shown_row is not None:
                    self._rows[shown_row] = self._all[position]
                    changed_roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole]
                    self.dataChanged.emit(self.index(shown_row, 0), self.index(shown_row, len(COLUMNS) - 1), changed_roles)
                return

    def trackings(self) -> list[TaskTracking]:
        """Of every task of the plan, shown or not."""
        return [row.tracking for row in self._all if row.tracking is not None]

    @property
    def rows(self) -> list[AppendixRow]:
        """The rows shown."""
        return self._rows

    def row_at(self, row: int) -> AppendixRow:
        return self._rows[row]

    def task_row(self, task_id: int) -> int | None:
        """The row showing the task, None if it is not shown."""
        return next((number for number, row in enumerate(self._rows)
                     if row.task is not None and row.task.id == task_id), None)

    def task_count(self) -> int:
        """Of the whole plan, shown or not."""
        return self._task_count

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        # Asked for every cell painted or measured (through the proxy): one call into
        # Python instead of the two (rowCount and columnCount) of the default.
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return HEADER_LINES.get(section, COLUMNS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return NO_FLAGS
        return EDITABLE_FLAGS if self._editable(self._rows[row], index.column()) else READ_ONLY_FLAGS

    def _editable(self, row: AppendixRow, column: int) -> bool:
        if row.is_area:
            return column == 0 and self.rename_area is not None
        return 1 <= column < len(TASK_FIELDS) and self.edit_task is not None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if not self._editable(row, index.column()):
            return False
        if row.is_area:
            return self.rename_area(row.area.id, str(value))
        return self.edit_task(row.task.id, TASK_FIELDS[index.column()], str(value))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called from C++ for every role of every cell painted or measured: one dict
        # look-up, no enum arithmetic.
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        answer = self._answers.get(role)
        return answer(self._rows[row], index.column()) if answer is not None else None

    def _kind(self, row: AppendixRow, column: int) -> str:
        return "area" if row.is_area else "task"

    def _id(self, row: AppendixRow, column: int) -> int:
        return row.area.id if row.is_area else row.task.id

    def _font(self, row: AppendixRow, column: int):
        return self._bold if row.is_area else None

    def _background(self, row: AppendixRow, column: int):
        return AREA_BACKGROUND if row.is_area else None  # a colour serves as a brush

    @staticmethod
    def _text(row: AppendixRow, column: int) -> str:
        if row.is_area:
            return f"{row.area.numeral}. {row.area.title}" if column == 0 else ""
        if column < len(TASK_FIELDS):
            return str(getattr(row.task, TASK_FIELDS[column]))
        if row.tracking is None:
            return ""
        if column == DUE_COLUMN:
            return row.tracking.interpretation
        label = row.tracking.status.label
        if row.tracking.done_without_deadline:
            return f"{label} ({DONE_NOTE})"
        return f"{label} ({NO_PROGRESS_NOTE})" if row.tracking.status.flag_no_progress else label

    @staticmethod
    def _edit_text(row: AppendixRow, column: int) -> str:
        if row.is_area:
            return row.area.title if column == 0 else ""
        return str(getattr(row.task, TASK_FIELDS[column])) if column < len(TASK_FIELDS) else ""

    def _tooltip(self, row: AppendixRow, column: int) -> str:
        if column == DUE_COLUMN and row.tracking is not None and row.tracking.needs_review:
            return REVIEW_TIP
        return self._text(row, column)

    @staticmethod
    def _colour(row: AppendixRow, column: int):
        if row.tracking is None:
            return None
        if column == DUE_COLUMN and row.tracking.needs_review:
            return REVIEW_COLOUR
        if column == STATUS_COLUMN:
            return STATUS_COLOURS[row.tracking.status.cls]
        return None

    @staticmethod
    def _alignment(row: AppendixRow, column: int) -> int:
        if row.is_area:
            return AREA_ALIGNMENT
        return NUMBER_ALIGNMENT if column == 0 else TEXT_ALIGNMENT
