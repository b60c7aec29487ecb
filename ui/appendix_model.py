"""The appendix table: area rows as bold group rows, then their tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop import repo, status
from cchc_desktop.models import Area, Plan, Task, Unit
from cchc_desktop.repo import AppendixGroup
from cchc_desktop.search import task_search_text
from cchc_desktop.tracking import TaskTracking, track_plan

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
REVIEW_TIP = "Chưa hiểu hết thời hạn này. Mở nhiệm vụ (Enter) để đặt ngày hạn bằng tay."
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


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


def load_plan_view(db, plan_id: int, at: date) -> PlanView:
    plan = repo.get_plan(db, plan_id)
    trackings = track_plan(db, plan_id, at)
    areas = repo.list_areas(db, plan_id)
    groups = repo.group_by_area(areas, [t.task for t in trackings])
    return PlanView(plan, repo.document_unit(db, plan), areas, trackings,
                    flatten(groups, {t.task.id: t for t in trackings}))


EditTask = Callable[[int, str, str], bool]
RenameArea = Callable[[int, str], bool]


class AppendixModel(QAbstractTableModel):
    """A plan's appendix, one row per area or task; text cells edit in place.

    Edits do not change the rows here: they go to the callbacks, which write through
    the undo stack, and the window reloads what the change touched.
    """

    def __init__(self, parent=None, edit_task: EditTask | None = None, rename_area: RenameArea | None = None):
        super().__init__(parent)
        self._rows: list[AppendixRow] = []
        self._area_rows: list[int] = []
        self._task_count = 0
        self._bold = QFont()
        self._bold.setBold(True)
        self.edit_task = edit_task
        self.rename_area = rename_area

    def set_groups(self, groups: list[AppendixGroup], trackings: dict[int, TaskTracking] | None = None) -> None:
        self.set_rows(flatten(groups, trackings or {}))

    def set_rows(self, rows: list[AppendixRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._area_rows = [number for number, row in enumerate(self._rows) if row.is_area]
        self._task_count = len(self._rows) - len(self._area_rows)
        self.endResetModel()

    def area_rows(self) -> list[int]:
        return self._area_rows

    def replace_tracking(self, tracking: TaskTracking) -> None:
        """Show an edited task in place, telling views only what changed."""
        for number, row in enumerate(self._rows):
            if row.task is not None and row.task.id == tracking.task.id:
                self._rows[number] = AppendixRow(row.area, tracking.task, tracking, task_search_text(tracking.task))
                changed_roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole]
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1), changed_roles)
                return

    def trackings(self) -> list[TaskTracking]:
        return [row.tracking for row in self._rows if row.tracking is not None]

    @property
    def rows(self) -> list[AppendixRow]:
        return self._rows

    def row_at(self, row: int) -> AppendixRow:
        return self._rows[row]

    def task_count(self) -> int:
        return self._task_count

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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable(self._rows[index.row()], index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

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
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, index.column())
        if role == Qt.ItemDataRole.FontRole and row.is_area:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and row.is_area:
            return QBrush(AREA_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(row, index.column())
        if role == KIND_ROLE:
            return "area" if row.is_area else "task"
        if role == ID_ROLE:
            return row.area.id if row.is_area else row.task.id
        return None

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
            return QBrush(REVIEW_COLOUR)
        if column == STATUS_COLUMN:
            return QBrush(STATUS_COLOURS[row.tracking.status.cls])
        return None

    @staticmethod
    def _alignment(row: AppendixRow, column: int):
        vertical = Qt.AlignmentFlag.AlignVCenter if row.is_area else Qt.AlignmentFlag.AlignTop
        horizontal = Qt.AlignmentFlag.AlignHCenter if (column == 0 and not row.is_area) else Qt.AlignmentFlag.AlignLeft
        return int(vertical | horizontal)
