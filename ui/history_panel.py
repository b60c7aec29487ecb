"""The change history of one task: when each field changed, and from what to what."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from cchc_desktop.history import HistoryEntry, task_history
from ui.list_model import RowListModel
from ui.tables import configure_table

COLUMNS = ("Thời điểm", "Thao tác", "Trường", "Nội dung cũ", "Nội dung mới")
COLUMN_WIDTHS = (130, 105, 165, None, None)
EMPTY_TEXT = "Nhiệm vụ chưa được sửa lần nào."


class HistoryModel(RowListModel):
    columns = COLUMNS

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.item(index) is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            entry = self._rows[index.row()]
            values = (f"{entry.when:%d/%m/%Y %H:%M}", entry.action, entry.field, entry.old, entry.new)
            return values[index.column()]
        return None


class HistoryPanel(QWidget):
    """Call ``set_task`` to show a task; ``refresh`` after an edit (operations.changed)."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.task_id: int | None = None
        self.model = HistoryModel(self)
        # The proxy keeps the door open for sorting by a column; rows arrive newest first.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        configure_table(self.view, COLUMN_WIDTHS)
        self.empty_label = QLabel(EMPTY_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self.set_task(None)

    def set_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.refresh()

    def refresh(self, _change=None) -> None:
        entries = task_history(self.db, self.task_id) if self.task_id is not None else []
        self.model.set_entries(entries)
        self.empty_label.setVisible(self.task_id is not None and not entries)
