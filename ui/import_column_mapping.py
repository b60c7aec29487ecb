"""The columns of the file being imported, each under its heading with a box to give
it another meaning ("Nhiệm vụ", "Chủ trì", "Bỏ qua" …), several columns a line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QWidget

from cchc_desktop.importing import FIELD_LABELS, FIELDS, Column
from ui.form_widgets import HINT_STYLE

MAPPING_COLUMNS_PER_LINE = 7


class ColumnMappingBox(QGroupBox):
    """``field_combos`` holds one box per column; choosing in one emits ``remapped``."""

    remapped = Signal(int, str)  # the column's index, its new field

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None):
        super().__init__("Các cột trong tệp (chọn lại nếu chương trình nhận sai)", parent)
        self.mapping_layout = QGridLayout(self)
        self.show_columns(columns)

    def show_columns(self, columns: Sequence[Column]) -> None:
        """Make the boxes anew, for the columns of another table."""
        while self.mapping_layout.count():
            self.mapping_layout.takeAt(0).widget().deleteLater()
        self.field_combos: list[QComboBox] = []
        for column in columns:
            label = QLabel(column.label)
            label.setToolTip(column.label)
            label.setStyleSheet(HINT_STYLE)
            combo = QComboBox()
            for field in FIELDS:
                combo.addItem(FIELD_LABELS[field], field)
            combo.setCurrentIndex(FIELDS.index(column.field))
            combo.currentIndexChanged.connect(
                lambda _i, c=column.index, box=combo: self.remapped.emit(c, box.currentData()))
            line, place = divmod(column.index, MAPPING_COLUMNS_PER_LINE)
            self.mapping_layout.addWidget(label, 2 * line, place)
            self.mapping_layout.addWidget(combo, 2 * line + 1, place)
            self.field_combos.append(combo)

    def show_fields(self, columns: Sequence[Column]) -> None:
        """Each box shows its column's field again, without emitting ``remapped``."""
        for column, combo in zip(columns, self.field_combos):
            if combo.currentData() != column.field:
                combo.blockSignals(True)
                combo.setCurrentIndex(FIELDS.index(column.field))
                combo.blockSignals(False)
