"""The "Sắp đến hạn / Quá hạn" list: overdue tasks and tasks falling due soon."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from cchc_desktop.tracking import Upcoming
from ui.list_model import RowListModel

COLUMNS = ("Stt", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành", "Hạn", "Tình trạng")
OVERDUE_COLOUR = QColor("#b00020")
SOON_COLOUR = QColor("#1f3f73")
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def standing_text(item: Upcoming, at: date) -> str:
    days = item.days_left(at)
    if item.overdue:
        return f"Quá hạn {-days} ngày" if days < 0 else "Quá hạn"
    return "Đến hạn hôm nay" if days == 0 else f"Còn {days} ngày"


class UpcomingModel(RowListModel):
    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._at = date.today()

    def set_items(self, items: list[Upcoming], at: date) -> None:
        self.beginResetModel()
        self._rows, self._at = list(items), at
        self.endResetModel()

    def overdue_count(self) -> int:
        return sum(1 for item in self._rows if item.overdue)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.item(index) is None:
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5:
            return QBrush(OVERDUE_COLOUR if item.overdue else SOON_COLOUR)
        if role == TASK_ID_ROLE:
            return item.tracking.task.id
        return None

    def _text(self, item: Upcoming, column: int) -> str:
        task = item.tracking.task
        values = (str(task.stt), task.content, task.lead, task.deadline_text,
                  f"{item.due:%d/%m/%Y}", standing_text(item, self._at))
        return values[column]
