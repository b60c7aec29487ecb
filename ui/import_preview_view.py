"""The table of an import preview in the import dialog: two lines per row, columns at
set widths, an area's title across the task columns (as in the printed appendix), the
"Ghi chú" column only when a column of the file is read as notes, and on demand only
the rows with warnings."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cchc_desktop.importing import ImportPreview
from ui.import_preview_model import FLAG_ROLE, NOTE_COLUMN, READING_COLUMN, ImportPreviewModel

COLUMN_WIDTHS = (40, 36, 300, 135, 120, 110, 110, 125, 110)  # the warnings take the rest
ROW_LINES = 2  # two lines of text per row: enough to judge a task without opening it


class ImportPreviewView(QTableView):
    """Shows ``model`` through a filter (``proxy``) that can keep only rows with warnings."""

    def __init__(self, model: ImportPreviewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview_model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterRole(FLAG_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_LINES * self.fontMetrics().lineSpacing() + 3)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumHeight(2 * self.fontMetrics().height() + 12)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)

    def show_preview(self, preview: ImportPreview) -> None:
        """Show ``preview`` (re-read, or replaced by its corrected fork) anew."""
        self.preview_model.refresh(preview)
        self.setColumnHidden(NOTE_COLUMN, "note" not in preview.mapped_fields)
        self._apply_spans()

    def show_only_warnings(self, only_warnings: bool) -> None:
        self.proxy.setFilterFixedString("1" if only_warnings else "")
        self._apply_spans()

    def _apply_spans(self) -> None:
        """An area's title runs across the task columns, as in the printed appendix."""
        self.clearSpans()
        for source_row in self.preview_model.area_rows():
            row = self.proxy.mapFromSource(self.preview_model.index(source_row, 0)).row()
            if row >= 0:
                self.setSpan(row, 2, 1, READING_COLUMN - 2)
