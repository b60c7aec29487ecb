"""Importing an appendix from an .xlsx/.docx file: see what was read, correct it, import.

``open_import_dialog`` reads the file in a worker thread (a bad file shows its message
and no dialog), then makes the dialog. ``ImportDialog`` shows the columns as
detected, each with a box to give it another meaning, a preview of every row (areas
bold, the reading of each deadline, the warnings in orange; those about the whole file,
such as a year other than the plan's, and about where it goes, such as tasks already in
the plan, above the rows) and where the tasks go: a new plan for a year, or an existing
plan. "Nhập" writes everything as one change (undoable through ``operations``); "Hủy"
writes nothing. ``result_plan_id`` holds the plan written to. The column boxes are a
``ColumnMappingBox`` (``ui.import_column_mapping``), the rows an ``ImportPreviewView``
(``ui.import_preview_view``) of an ``ImportPreviewModel``.

A large table (more than ``BACKGROUND_ABOVE_ROWS`` rows) is corrected and imported in
a worker thread, with a progress bar and "Hủy": a correction is made on a ``fork`` of
the preview, which replaces the one on screen when done; the import is built and
written on the worker's own connection, in one transaction. A cancel leaves the
preview, or the database, as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from cchc_desktop import repo
from cchc_desktop.errors import CchcError
from cchc_desktop.importing import ImportPreview, import_change, read_appendix, target_warnings
from cchc_desktop.importing.commit import IMPORT_ACTION
from cchc_desktop.importing.heading import FIRST_YEAR, LAST_YEAR
from cchc_desktop.progress import portion
from cchc_desktop.undo import UndoStack
from ui.background import BackgroundJob, run_in_background
from ui.form_widgets import ERROR_STYLE, WARNING_STYLE, vietnamese_buttons
from ui.import_column_mapping import ColumnMappingBox
from ui.import_preview_model import FLAG_ROLE, NOTE_COLUMN, PREVIEW_COLUMNS, WARNING_COLUMN, ImportPreviewModel
from ui.import_preview_view import ImportPreviewView
from ui.operations import Operations

FILE_FILTER = "Bảng phụ lục Excel hoặc Word (*.xlsx *.docx);;Tất cả các tệp (*)"
# Above this many rows a correction or the import runs in a worker thread (about 15 ms
# per 200 rows on the development machine; an old office PC is several times slower).
BACKGROUND_ABOVE_ROWS = 200


class ImportDialog(QDialog):
    imported = Signal(int)  # the plan written to, as soon as it is written

    def __init__(self, db, path, parent: QWidget | None = None, operations=None,
                 preview: ImportPreview | None = None):
        """Reads ``path`` unless ``preview`` is given; raises UserInputError for a bad file.
        Without the window's ``operations`` (a dialog on its own) the import has an undo
        history of its own."""
        super().__init__(parent)
        self.db = db
        self.operations = operations or Operations(UndoStack(db), self)
        self.preview = preview or read_appendix(Path(path))
        self.result_plan_id: int | None = None
        self._folded: dict[str, str] = {}  # task texts folded for the doubts, asked at every choice
        self.job: BackgroundJob | None = None
        self.model = ImportPreviewModel(self.preview, self)
        self.setWindowTitle(f"Nhập phụ lục từ tệp {self.preview.path.name}")
        self.setMinimumSize(900, 560)
        self._build()
        self._refresh()
        self.resize(_roomy_size(self))

    # Layout ---------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._source_line())
        self.mapping_box = ColumnMappingBox(self.preview.columns)
        self.mapping_box.remapped.connect(self.remap)
        layout.addWidget(self.mapping_box)
        self.view = ImportPreviewView(self.model)
        layout.addLayout(self._summary_line())
        self.file_warnings_label = QLabel()  # the preview's doubts about the whole file (its year…)
        self.file_warnings_label.setTextFormat(Qt.TextFormat.PlainText)  # the file's own text, never markup
        self.file_warnings_label.setWordWrap(True)
        self.file_warnings_label.setStyleSheet(WARNING_STYLE)
        self.file_warnings_label.hide()
        layout.addWidget(self.file_warnings_label)
        layout.addWidget(self.view, 1)
        self.target_box = self._target_box()
        layout.addWidget(self.target_box)
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

    def _summary_line(self) -> QHBoxLayout:
        line = QHBoxLayout()
        self.summary_label = QLabel()
        line.addWidget(self.summary_label, 1)
        self.only_warnings = QCheckBox("Chỉ hiện dòng có cảnh báo")
        self.only_warnings.toggled.connect(self.view.show_only_warnings)
        line.addWidget(self.only_warnings)
        return line

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
        self.unit_combo.currentIndexChanged.connect(self._target_changed)  # its doubts are another unit's
        unit_label = QLabel("của đơn vị:")
        for widget in (unit_label, self.unit_combo):
            line.addWidget(widget)
            widget.setVisible(len(units) > 1)
        line.addWidget(QLabel("Các nhóm nhiệm vụ và thông tin kế hoạch lấy từ tệp; sửa lại sau nếu cần."), 1)
        return line

    # Reacting to the user ---------------------------------------------------

    def remap(self, column_index: int, field: str) -> None:
        self._correct("Đang đọc lại bảng theo các cột đã chọn…", lambda preview: preview.remap(column_index, field))

    def choose_table(self, index: int) -> None:
        year = self._reading_year()

        def choose(preview: ImportPreview) -> None:
            with portion(0.0, 0.8):
                preview.choose_table(index)
            with portion(0.8, 1.0):
                preview.set_year(year)

        self._correct("Đang đọc bảng đã chọn…", choose, new_columns=True)

    def _target_changed(self, *_args) -> None:
        self.plan_combo.setEnabled(self.existing_plan.isChecked())
        self.year_spin.setEnabled(self.new_plan.isChecked())
        self.unit_combo.setEnabled(self.new_plan.isChecked())
        year = self._reading_year()
        if year != self.preview.year:
            self._correct(f"Đang đọc lại thời hạn theo năm {year}…", lambda preview: preview.set_year(year))
        else:
            self._show_doubts()

    def _correct(self, label: str, correction: Callable[[ImportPreview], None], new_columns: bool = False) -> None:
        """Apply ``correction`` to the preview: here for a small table, on a fork in a
        worker thread for a large one (the form waits, the preview stays as it was).
        ``new_columns``: another table was chosen, its column boxes are made anew."""
        if len(self.preview.rows) <= BACKGROUND_ABOVE_ROWS:
            correction(self.preview)
            self._show_preview(self.preview, new_columns)
            return
        current = self.preview

        def job() -> ImportPreview:
            corrected = current.fork()
            correction(corrected)
            return corrected

        self._set_busy(True)
        self.job = run_in_background(self, label, job, lambda corrected: self._show_preview(corrected, new_columns),
                                     on_cancel=self._keep_preview, on_error=lambda _error: self._keep_preview())

    def _show_preview(self, preview: ImportPreview, new_columns: bool) -> None:
        """Show ``preview`` (corrected): the table choice, the column boxes, the rows."""
        self.preview = preview
        self._show_choices(new_columns)
        self._set_busy(False)
        self._refresh()

    def _keep_preview(self) -> None:
        """A correction cancelled or failed: the boxes go back to what the preview shows."""
        if self.new_plan.isChecked() and self.year_spin.value() != self.preview.year:
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self.preview.year)
            self.year_spin.blockSignals(False)
        self._show_choices(new_columns=False)
        self._set_busy(False)
        self._refresh()

    def _show_choices(self, new_columns: bool) -> None:
        self.table_combo.blockSignals(True)
        self.table_combo.setCurrentIndex(self.preview.table_index)
        self.table_combo.blockSignals(False)
        if new_columns:
            self.mapping_box.show_columns(self.preview.columns)
        else:
            self.mapping_box.show_fields(self.preview.columns)

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    def _set_busy(self, busy: bool) -> None:
        """While a worker corrects or imports, the form cannot start another one."""
        for widget in (self.mapping_box, self.table_combo, self.target_box, self.only_warnings, self.import_button):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        """"Hủy" or Escape: while a worker runs, stop it (the form stays); otherwise close."""
        if self.busy:
            self.job.cancel.set()
            return
        super().reject()

    def _reading_year(self) -> int:
        """Deadlines are read for the year of the plan they will belong to."""
        if self.existing_plan.isChecked() and self.plan_combo.currentIndex() >= 0:
            return self.plans[self.plan_combo.currentIndex()].year
        return self.year_spin.value()

    def _refresh(self) -> None:
        self.view.show_preview(self.preview)
        self._show_doubts()
        problem = self._problem()
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        self.import_button.setEnabled(not problem)

    def _show_doubts(self) -> None:
        """The counts, and above the rows the doubts about the whole file and about where
        it goes (another unit's file, tasks already in the plan chosen)."""
        preview = self.preview
        doubts = preview.file_warnings + self._target_warnings()
        count = len(preview.warnings) + len(doubts) - len(preview.file_warnings)
        self.summary_label.setText(
            f"{len(preview.areas)} nhóm nhiệm vụ, {len(preview.tasks)} nhiệm vụ, "
            f"{count} cảnh báo. Thời hạn được hiểu theo năm {preview.year}."
        )
        self.file_warnings_label.setText("\n".join(doubts))
        self.file_warnings_label.setVisible(bool(doubts))

    def _target_warnings(self) -> list[str]:
        target = self._target()
        if target.get("plan_id", 0) is None:  # "add to a plan" with none to choose
            return []
        try:
            return target_warnings(self.db, self.preview, folded=self._folded, **target)
        except CchcError:  # the plan was deleted meanwhile: the import itself will say so
            return []

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
        """Write the tasks: True once written, or (a large table) once the worker started."""
        if self.busy:
            return False
        target, preview = self._target(), self.preview
        planned_ids: list[int] = []

        def make_change(db):
            planned = import_change(db, preview, **target)
            planned_ids.append(planned.plan_id)
            return planned.change

        if len(preview.rows) > BACKGROUND_ABOVE_ROWS:
            return self._import_in_background(make_change, planned_ids)
        written = self.operations.run(lambda: make_change(self.db), lambda _change: self._imported(planned_ids[-1]))
        return written is not None

    def _import_in_background(self, make_change, planned_ids: list[int]) -> bool:
        label = f"Đang nhập {len(self.preview.tasks)} nhiệm vụ…"
        imported = lambda _result: self._imported(planned_ids[-1])  # noqa: E731
        stopped = lambda *_args: self._set_busy(False)  # noqa: E731
        self._set_busy(True)
        self.job = self.operations.run_in_background(label, make_change, imported, IMPORT_ACTION, stopped, stopped)
        if self.job is None:  # the window is still writing another change
            self._set_busy(False)
            return False
        return True

    def _imported(self, plan_id: int) -> None:
        """Written (through ``operations``: before the window reloads)."""
        self.result_plan_id = plan_id
        self._set_busy(False)
        self.imported.emit(plan_id)
        self.accept()

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


def open_import_dialog(parent: QWidget | None, db, path, operations=None,
                       on_ready: Callable[[ImportDialog], None] | None = None) -> BackgroundJob:
    """Read ``path`` in a worker thread (progress bar, "Hủy"), then make its dialog and
    hand it to ``on_ready`` on the GUI thread. A file that cannot be read shows why
    (the one error display), and no dialog is made."""
    path = Path(path)

    def ready(preview: ImportPreview) -> None:
        dialog = ImportDialog(db, path, parent, operations, preview=preview)
        if on_ready is not None:
            on_ready(dialog)

    return run_in_background(parent, f"Đang đọc tệp {path.name}…", lambda: read_appendix(path), ready)


__all__ = [  # the preview model's names too: its users come through the dialog
    "ImportDialog", "ImportPreviewModel", "open_import_dialog", "choose_import_file", "BACKGROUND_ABOVE_ROWS",
    "FLAG_ROLE", "NOTE_COLUMN", "PREVIEW_COLUMNS", "WARNING_COLUMN",
]


ROOMY = QSize(1320, 700)  # every preview column, the warnings included, and about ten rows


def _roomy_size(dialog: QDialog) -> QSize:
    """As much of ROOMY as the screen has room for (1366×768 less a taskbar, on the
    offices' PCs): at the minimum size the warnings column is out of sight."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() - QSize(40, 60)  # the frame and title bar
    return ROOMY.boundedTo(room).expandedTo(dialog.minimumSize())
