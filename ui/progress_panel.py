"""A task's progress log (dated updates) with a small form to add one.

The current status and the completion date are not typed: they follow from the log.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.edits import progress
from cchc_desktop.models import PROGRESS_STATUSES, ProgressUpdate
from cchc_desktop.tracking import completion_date
from ui.list_model import RowListModel
from ui.tables import configure_table

COLUMNS = ("Ngày", "Trạng thái", "Tỷ lệ %", "Kết quả", "Minh chứng")
COLUMN_WIDTHS = (90, 120, 70, None, None)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_TASK_TEXT = "Chọn một nhiệm vụ để xem tiến độ."
EVIDENCE_HINT = "Số, ngày văn bản (VD: 12/BC-UBND ngày 05/03/2024) hoặc tệp"


def status_summary(updates: list[ProgressUpdate]) -> str:
    """'Trạng thái hiện tại: Hoàn thành ngày 28/02/2024', from the whole log."""
    if not updates:
        return "Trạng thái hiện tại: Chưa có cập nhật tiến độ"
    last = max(updates, key=lambda update: update.on_date)
    done_on = completion_date(updates, date.max)
    if done_on is not None:
        return f"Trạng thái hiện tại: Hoàn thành ngày {done_on:%d/%m/%Y}"
    label = PROGRESS_STATUSES.get(last.status, last.status)
    return f"Trạng thái hiện tại: {label} ({last.percent}%), cập nhật ngày {last.on_date:%d/%m/%Y}"


class ProgressModel(RowListModel):
    columns = COLUMNS

    def set_updates(self, updates: list[ProgressUpdate]) -> None:
        self.beginResetModel()
        self._rows = list(updates)
        self.endResetModel()

    def updates(self) -> list[ProgressUpdate]:
        return list(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.item(index) is None:
            return None
        update = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (f"{update.on_date:%d/%m/%Y}", PROGRESS_STATUSES.get(update.status, update.status),
                      f"{update.percent}%", update.result, update.evidence)
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return update.id
        return None


def ask_confirmation(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Xóa bản ghi tiến độ", text, QMessageBox.StandardButton.NoButton, parent)
    delete = box.addButton("Xóa", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is delete


def choose_evidence_file(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(parent, "Chọn tệp minh chứng")
    return path


# The task form's "Lưu"/"Hủy" are about its "Nội dung" tab; a progress entry is written
# (and undoable) the moment it is added, so the form says so rather than let "Hủy" look
# as if it took the entry back.
SAVED_AT_ONCE = ("Mỗi cập nhật được lưu ngay khi bấm “Thêm cập nhật” và ghi vào lịch sử thay đổi; "
                 "nút “Hủy” của hộp thoại không bỏ nó. Muốn bỏ, hãy xóa bản ghi.")
HINT_STYLE = "color: #555555"


class ProgressPanel(QWidget):
    """Call ``set_task`` to show a task's log; edits go through ``operations``."""

    def __init__(self, operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.operations = operations
        self.task_id: int | None = None
        self.model = ProgressModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        configure_table(self.view, COLUMN_WIDTHS)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold")
        self._make_form_widgets()
        self._build()
        operations.changed.connect(self._on_changed)
        self.set_task(None)

    def _make_form_widgets(self) -> None:
        today = date.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.status_combo = QComboBox()
        for key, label in PROGRESS_STATUSES.items():
            self.status_combo.addItem(label, key)
        self.status_combo.setCurrentIndex(self.status_combo.findData("in_progress"))
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix("%")
        self.result_edit = QLineEdit()
        self.result_edit.setPlaceholderText("Kết quả đạt được")
        self.evidence_edit = QLineEdit()
        self.evidence_edit.setPlaceholderText(EVIDENCE_HINT)
        self.file_button = QPushButton("Chọn tệp…")
        self.add_button = QPushButton("Thêm cập nhật")
        self.delete_button = QPushButton("Xóa bản ghi đã chọn…")
        for button in (self.file_button, self.add_button, self.delete_button):
            button.setAutoDefault(False)  # in a dialog, Enter in a field must not press them
        self.status_combo.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.file_button.clicked.connect(self.choose_file)
        self.add_button.clicked.connect(self.add_update)
        self.delete_button.clicked.connect(self.delete_selected)

    def _build(self) -> None:
        self.form_box = QGroupBox("Thêm cập nhật tiến độ")
        grid = QGridLayout(self.form_box)
        grid.addWidget(QLabel("Ngày:"), 0, 0)
        first_row = QHBoxLayout()
        for widget in (self.date_edit, QLabel("Trạng thái:"), self.status_combo, QLabel("Tỷ lệ:"), self.percent):
            first_row.addWidget(widget)
        first_row.addStretch(1)
        grid.addLayout(first_row, 0, 1, 1, 2)
        grid.addWidget(QLabel("Kết quả:"), 1, 0)
        grid.addWidget(self.result_edit, 1, 1, 1, 2)
        grid.addWidget(QLabel("Minh chứng:"), 2, 0)
        grid.addWidget(self.evidence_edit, 2, 1)
        grid.addWidget(self.file_button, 2, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        grid.addLayout(buttons, 3, 0, 1, 3)
        self.saved_at_once = QLabel(SAVED_AT_ONCE)
        self.saved_at_once.setWordWrap(True)
        self.saved_at_once.setStyleSheet(HINT_STYLE)
        grid.addWidget(self.saved_at_once, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.form_box)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # Showing ----------------------------------------------------------------

    def set_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        self.refresh()

    def refresh(self) -> None:
        updates = repo.list_progress(self.operations.db, self.task_id) if self.task_id is not None else []
        self.model.set_updates(updates)
        self.summary.setText(status_summary(updates) if self.task_id is not None else NO_TASK_TEXT)
        self.form_box.setEnabled(self.task_id is not None)
        self._update_buttons()

    def _on_changed(self, change) -> None:
        if self.task_id is not None and change.touched & {"progress", "task"}:
            self.refresh()

    def _status_changed(self) -> None:
        status = self.status_combo.currentData()
        if status == "done":
            self.percent.setValue(100)
        elif status == "not_started":
            self.percent.setValue(0)
        self.percent.setEnabled(status != "done")

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_update() is not None)

    def selected_update(self) -> ProgressUpdate | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.updates()[self.proxy.mapToSource(rows[0]).row()]

    # Editing ------------------------------------------------------------------

    def choose_file(self) -> None:
        path = choose_evidence_file(self)
        if path:
            self.evidence_edit.setText(path)

    def add_update(self) -> None:
        if self.task_id is None:
            return
        task_id, on_date = self.task_id, self.date_edit.date().toPython()
        status, percent = self.status_combo.currentData(), self.percent.value()
        result, evidence = self.result_edit.text(), self.evidence_edit.text()
        change = self.operations.run(lambda: progress.add_progress(
            self.operations.db, task_id, on_date, status, percent, result, evidence))
        if change is not None:
            self.result_edit.clear()
            self.evidence_edit.clear()

    def delete_selected(self) -> None:
        update = self.selected_update()
        if update is None:
            return
        label = PROGRESS_STATUSES.get(update.status, update.status)
        question = f"Xóa bản ghi tiến độ ngày {update.on_date:%d/%m/%Y} ({label})?\nCó thể hoàn tác sau khi xóa."
        if ask_confirmation(self, question):
            self.operations.run(lambda: progress.delete_progress(self.operations.db, update.id))
