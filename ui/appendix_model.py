"""The appendix table: area rows as bold group rows, then their tasks."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.models import Area, Task
from cchc_desktop.repo import AppendixGroup

COLUMNS = ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành")
TASK_FIELDS = ("stt", "content", "lead", "supporting", "output", "deadline_text")
AREA_BACKGROUND = QColor("#e8eef6")
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class AppendixRow:
    area: Area
    task: Task | None = None

    @property
    def is_area(self) -> bool:
        return self.task is None


def flatten(groups: list[AppendixGroup]) -> list[AppendixRow]:
    rows: list[AppendixRow] = []
    for group in groups:
        rows.append(AppendixRow(group.area))
        rows.extend(AppendixRow(group.area, task) for task in group.tasks)
    return rows


class AppendixModel(QAbstractTableModel):
    """Read-only view of a plan's appendix, one row per area or task."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[AppendixRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_groups(self, groups: list[AppendixGroup]) -> None:
        self.beginResetModel()
        self._rows = flatten(groups)
        self.endResetModel()

    def row_at(self, row: int) -> AppendixRow:
        return self._rows[row]

    def task_count(self) -> int:
        return sum(1 for row in self._rows if not row.is_area)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
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
        value = getattr(row.task, TASK_FIELDS[column])
        return str(value)

    @staticmethod
    def _alignment(row: AppendixRow, column: int):
        vertical = Qt.AlignmentFlag.AlignVCenter if row.is_area else Qt.AlignmentFlag.AlignTop
        horizontal = Qt.AlignmentFlag.AlignHCenter if (column == 0 and not row.is_area) else Qt.AlignmentFlag.AlignLeft
        return int(vertical | horizontal)
