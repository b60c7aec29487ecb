"""The rows of an import preview as a read-only table: areas bold across the task
columns, the reading of each deadline, the warnings in orange."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.importing import AREA, ImportPreview

PREVIEW_COLUMNS = ("Dòng", "Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành",
                   "Cách hiểu thời hạn", "Ghi chú", "Cảnh báo")
HEADER_LINES = {6: "Thời gian\nhoàn thành", 7: "Cách hiểu\nthời hạn"}
CELL_FIELDS = {2: "content", 3: "lead", 4: "supporting", 5: "output", 6: "deadline_text", 8: "note"}
READING_COLUMN, NOTE_COLUMN, WARNING_COLUMN = 7, 8, 9
HEADER_TIPS = {0: "Số dòng trong tệp (trong Word: dòng của bảng)", 1: "Stt như ghi trong tệp; khi nhập sẽ đánh lại số",
               7: "Ngày hạn chương trình hiểu được từ cột Thời gian hoàn thành"}
WARNING_COLOUR = QColor("#b35c00")
AREA_BACKGROUND = QColor("#e8eef6")
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1  # "1" for rows shown by "only rows with warnings"


class ImportPreviewModel(QAbstractTableModel):
    """The rows of an ImportPreview, one per area or task, read-only."""

    def __init__(self, preview: ImportPreview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self._bold = QFont()
        self._bold.setBold(True)

    def refresh(self, preview: ImportPreview | None = None) -> None:
        """The preview was re-read (a column remapped, another year), or replaced by its
        corrected ``fork``: show it anew."""
        self.beginResetModel()
        if preview is not None:
            self.preview = preview
        self.endResetModel()

    def area_rows(self) -> list[int]:
        return [number for number, row in enumerate(self.preview.rows) if row.kind == AREA]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PREVIEW_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADER_LINES.get(section, PREVIEW_COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.preview.rows):
            return None
        row = self.preview.rows[index.row()]
        column = index.column()
        is_area = row.kind == AREA
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.FontRole and is_area:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and is_area:
            return QBrush(AREA_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == WARNING_COLUMN:
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | (Qt.AlignmentFlag.AlignVCenter if is_area else Qt.AlignmentFlag.AlignTop))
        if role == FLAG_ROLE:
            return "1" if is_area or row.warnings else "0"
        return None

    @staticmethod
    def _text(row, column: int) -> str:
        if column == 0:
            return str(row.source_row)
        if column == WARNING_COLUMN:
            return "\n".join(row.warnings)
        if row.kind == AREA:
            return row.text("content") if column == 2 else ""  # the area's label, as written
        if column == 1:
            return row.stt_text
        if column in CELL_FIELDS:
            return row.text(CELL_FIELDS[column])
        return row.deadline_reading if column == READING_COLUMN else ""
