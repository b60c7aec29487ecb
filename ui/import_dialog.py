"""Importing an appendix from an .xlsx/.docx file: see what was read, correct it, import.

``open_import_dialog`` reads the file (a bad file shows its message and no dialog);
``ImportDialog`` shows the columns as detected, each with a box to give it another
meaning, a preview of every row (areas bold, the reading of each deadline, the
warnings in orange) and where the tasks go: a new plan for a year, or an existing
plan. "Nhập" writes everything as one change (undoable through ``operations``);
"Hủy" writes nothing. ``result_plan_id`` holds the plan written to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QRadioButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.errors import CchcError
from cchc_desktop.importing import AREA, FIELD_LABELS, FIELDS, ImportPreview, import_change, read_appendix
from cchc_desktop.importing.commit import IMPORT_ACTION
from cchc_desktop.importing.heading import FIRST_YEAR, LAST_YEAR
from ui.errors import show_error
from ui.plan_dialog import ERROR_STYLE, HINT_STYLE, vietnamese_buttons

FILE_FILTER = "Bảng phụ lục Excel hoặc Word (*.xlsx *.docx);;Tất cả các tệp (*)"
PREVIEW_COLUMNS = ("Dòng", "Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành",
                   "Cách hiểu thời hạn", "Ghi chú", "Cảnh báo")
HEADER_LINES = {6: "Thời gian\nhoàn thành", 7: "Cách hiểu\nthời hạn"}
CELL_FIELDS = {2: "content", 3: "lead", 4: "supporting", 5: "output", 6: "deadline_text", 8: "note"}
READING_COLUMN, NOTE_COLUMN, WARNING_COLUMN = 7, 8, 9
COLUMN_WIDTHS = (40, 36, 300, 135, 120, 110, 110, 125, 110)  # the warnings take the rest
HEADER_TIPS = {0: "Số dòng trong tệp (trong Word: dòng của bảng)", 1: "Stt như ghi trong tệp; khi nhập sẽ đánh lại số",
               7: "Ngày hạn chương trình hiểu được từ cột Thời gian hoàn thành"}
ROW_LINES = 2  # two lines of text per row: enough to judge a task without opening it
WARNING_COLOUR = QColor("#b35c00")
AREA_BACKGROUND = QColor("#e8eef6")
FLAG_ROLE = Qt.ItemDataRole.UserRole + 1  # "1" for rows shown by "only rows with warnings"
MAPPING_COLUMNS_PER_LINE = 7


class ImportPreviewModel(QAbstractTableModel):
    """The rows of an ImportPreview, one per area or task, read-only."""

    def __init__(self, preview: ImportPreview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self._bold = QFont()
        self._bold.setBold(True)

    def refresh(self) -> None:
        """The preview was re-read (a column remapped, another year): show it anew."""
        self.beginResetModel()
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


class ImportDialog(QDialog):
    def __init__(self, db, path, parent: QWidget | None = None, operations=None,
                 preview: ImportPreview | None = None):
        """Reads ``path`` unless ``preview`` is given; raises UserInputError for a bad file."""
        super().__init__(parent)
        self.db = db
        self.operations = operations
        self.preview = preview or read_appendix(Path(path))
        self.result_plan_id: int | None = None
        self.model = ImportPreviewModel(self.preview, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FLAG_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.setWindowTitle(f"Nhập phụ lục từ tệp {self.preview.path.name}")
        self.setMinimumSize(900, 560)
        self._build()
        self._refresh()

    # Layout ---------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._source_line())
        self.mapping_box = QGroupBox("Các cột trong tệp (chọn lại nếu chương trình nhận sai)")
        self.mapping_layout = QGridLayout(self.mapping_box)
        self._fill_mapping()
        layout.addWidget(self.mapping_box)
        layout.addLayout(self._summary_line())
        layout.addWidget(self._table(), 1)
        layout.addWidget(self._target_box())
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = vietnamese_buttons("Nhập")
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _source_line(self) -> QHBoxLayout:
        line = QHBoxLayout()
        preview = self.preview
        text = f"Tệp: <b>{preview.path.name}</b> ({preview.file_label})"
        if preview.legacy.encoding:
            text += f" — đã chuyển {preview.legacy.converted_cells} ô từ bảng mã {preview.legacy.encoding} sang Unicode"
        self.source_label = QLabel(text)
        line.addWidget(self.source_label, 1)
        self.table_combo = QComboBox()
        for number, choice in enumerate(preview.tables, start=1):
            self.table_combo.addItem(f"{number}. {choice.label} ({choice.rows} dòng)")
        self.table_combo.setCurrentIndex(preview.table_index)
        self.table_combo.currentIndexChanged.connect(self.choose_table)
        if len(preview.tables) > 1:
            line.addWidget(QLabel("Bảng cần nhập:"))
            line.addWidget(self.table_combo)
        return line

    def _fill_mapping(self) -> None:
        while self.mapping_layout.count():
            self.mapping_layout.takeAt(0).widget().deleteLater()
        self.field_combos: list[QComboBox] = []
        for column in self.preview.columns:
            label = QLabel(column.label)
            label.setToolTip(column.label)
            label.setStyleSheet(HINT_STYLE)
            combo = QComboBox()
            for field in FIELDS:
                combo.addItem(FIELD_LABELS[field], field)
            combo.setCurrentIndex(FIELDS.index(column.field))
            combo.currentIndexChanged.connect(lambda _i, c=column.index, box=combo: self.remap(c, box.currentData()))
            line, place = divmod(column.index, MAPPING_COLUMNS_PER_LINE)
            self.mapping_layout.addWidget(label, 2 * line, place)
            self.mapping_layout.addWidget(combo, 2 * line + 1, place)
            self.field_combos.append(combo)

    def _summary_line(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self.summary_label = QLabel()
        line.addWidget(self.summary_label, 1)
        self.only_warnings = QCheckBox("Chỉ hiện dòng có cảnh báo")
        self.only_warnings.toggled.connect(self._filter_changed)
        line.addWidget(self.only_warnings)
        return line

    def _table(self) -> QTableView:
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(ROW_LINES * self.view.fontMetrics().lineSpacing() + 3)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumHeight(2 * self.view.fontMetrics().height() + 12)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        return self.view

    def _target_box(self) -> QGroupBox:
        box = QGroupBox("Nhập vào")
        grid = QGridLayout(box)
        self.new_plan = QRadioButton("Kế hoạch mới, năm:")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_spin.setValue(self.preview.year)
        self.year_spin.valueChanged.connect(self._target_changed)
        self.existing_plan = QRadioButton("Thêm vào kế hoạch:")
        self.plan_combo = QComboBox()
        self.plans = repo.list_plans(self.db)
        for plan in self.plans:
            self.plan_combo.addItem(f"Năm {plan.year} – {plan.title} ({plan.unit}, {plan.tasks} nhiệm vụ)", plan.id)
        self.plan_combo.setPlaceholderText("Chưa có kế hoạch nào")
        self.plan_combo.currentIndexChanged.connect(self._target_changed)
        self.existing_plan.setEnabled(bool(self.plans))
        group = QButtonGroup(box)
        group.addButton(self.new_plan)
        group.addButton(self.existing_plan)
        self.new_plan.setChecked(True)
        self.new_plan.toggled.connect(self._target_changed)
        grid.addWidget(self.new_plan, 0, 0)
        grid.addWidget(self.year_spin, 0, 1)
        grid.addLayout(self._unit_choice(), 0, 2)
        grid.addWidget(self.existing_plan, 1, 0)
        grid.addWidget(self.plan_combo, 1, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        self.plan_combo.setEnabled(False)
        return box

    def _unit_choice(self) -> QHBoxLayout:
        """The unit of the new plan, when the database keeps more than one."""
        line = QHBoxLayout()
        self.unit_combo = QComboBox()
        units = repo.list_units(self.db)
        for unit in units:
            self.unit_combo.addItem(unit.name, unit.id)
        unit_label = QLabel("của đơn vị:")
        for widget in (unit_label, self.unit_combo):
            line.addWidget(widget)
            widget.setVisible(len(units) > 1)
        line.addWidget(QLabel("Các nhóm nhiệm vụ và thông tin kế hoạch lấy từ tệp; sửa lại sau nếu cần."), 1)
        return line

    # Reacting to the user ---------------------------------------------------

    def remap(self, column_index: int, field: str) -> None:
        self.preview.remap(column_index, field)
        for column, combo in zip(self.preview.columns, self.field_combos):
            if combo.currentData() != column.field:
                combo.blockSignals(True)
                combo.setCurrentIndex(FIELDS.index(column.field))
                combo.blockSignals(False)
        self._refresh()

    def choose_table(self, index: int) -> None:
        self.preview.choose_table(index)
        self.preview.set_year(self._reading_year())
        self._fill_mapping()
        self._refresh()

    def _target_changed(self, *_args) -> None:
        self.plan_combo.setEnabled(self.existing_plan.isChecked())
        self.year_spin.setEnabled(self.new_plan.isChecked())
        self.unit_combo.setEnabled(self.new_plan.isChecked())
        self.preview.set_year(self._reading_year())
        self._refresh()

    def _reading_year(self) -> int:
        """Deadlines are read for the year of the plan they will belong to."""
        if self.existing_plan.isChecked() and self.plan_combo.currentIndex() >= 0:
            return self.plans[self.plan_combo.currentIndex()].year
        return self.year_spin.value()

    def _filter_changed(self, only_warnings: bool) -> None:
        self.proxy.setFilterFixedString("1" if only_warnings else "")
        self._apply_spans()

    def _refresh(self) -> None:
        self.model.refresh()
        self.view.setColumnHidden(NOTE_COLUMN, "note" not in self.preview.mapped_fields)
        self._apply_spans()
        preview = self.preview
        self.summary_label.setText(
            f"{len(preview.areas)} nhóm nhiệm vụ, {len(preview.tasks)} nhiệm vụ, "
            f"{len(preview.warnings)} cảnh báo. Thời hạn được hiểu theo năm {preview.year}."
        )
        problem = self._problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        self.import_button.setEnabled(not problem)

    def _apply_spans(self) -> None:
        """An area's title runs across the task columns, as in the printed appendix."""
        self.view.clearSpans()
        for source_row in self.model.area_rows():
            row = self.proxy.mapFromSource(self.model.index(source_row, 0)).row()
            if row >= 0:
                self.view.setSpan(row, 2, 1, READING_COLUMN - 2)

    def _problem(self) -> str:
        if "content" not in self.preview.mapped_fields:
            return "Chưa có cột nào là “Nhiệm vụ”: hãy chọn cột chứa nội dung nhiệm vụ."
        if not self.preview.tasks:
            return "Bảng không có nhiệm vụ nào để nhập."
        return ""

    @property
    def import_button(self) -> QPushButton:
        return next(button for button in self.buttons.buttons()
                    if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole)

    # Writing ------------------------------------------------------------------

    def import_now(self) -> bool:
        target = self._target()
        planned_ids: list[int] = []

        def make_change():
            planned = import_change(self.db, self.preview, **target)
            planned_ids.append(planned.plan_id)
            return planned.change

        if self.operations is not None:
            if self.operations.run(make_change) is None:
                return False
        else:
            try:
                apply(self.db, make_change(), IMPORT_ACTION)
            except CchcError as error:
                self.error_label.setText(error.message)
                self.error_label.show()
                return False
        self.result_plan_id = planned_ids[-1]
        self.accept()
        return True

    def _target(self) -> dict:
        if self.existing_plan.isChecked():
            return {"plan_id": self.plan_combo.currentData()}
        return {"year": self.year_spin.value(), "unit_id": self.unit_combo.currentData()}


def choose_import_file(parent: QWidget | None) -> Path | None:
    dialog = QFileDialog(parent, "Chọn tệp phụ lục cần nhập")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(FILE_FILTER)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Mở")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Hủy")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Tên tệp:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Loại tệp:")
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, "Thư mục:")
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def open_import_dialog(parent: QWidget | None, db, path, operations=None) -> ImportDialog | None:
    """The dialog for ``path``; None (after showing why) when the file cannot be read."""
    dialog, failure = None, None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        dialog = ImportDialog(db, path, parent, operations)
    except CchcError as error:
        failure = error
    finally:
        QGuiApplication.restoreOverrideCursor()
    if failure is not None:
        show_error(parent, failure)
    return dialog
