"""Edit one task; the deadline's interpretation is shown live while the user types."""

from __future__ import annotations

import unicodedata
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.deadlines import describe, parse
from cchc_desktop.models import Task
from cchc_desktop.textnorm import clean
from ui import dialogs
from ui.form_widgets import vietnamese_buttons

UNDERSTOOD_STYLE = "color: #1b6e20"
REVIEW_STYLE = "color: #b35c00; font-weight: bold"


def interpretation_text(deadline_text: str, plan_year: int) -> tuple[str, bool]:
    """What the program understands of a deadline, and whether the user should look again."""
    deadline = parse(deadline_text, plan_year)
    if deadline.needs_review:
        return f"Chưa hiểu hết: {describe(deadline)}. Có thể đặt ngày hạn bằng tay bên dưới.", True
    return f"Hiểu là: {describe(deadline)}", False


class TaskDialog(QDialog):
    def __init__(self, task: Task, plan_year: int, parent: QWidget | None = None, operations=None):
        super().__init__(parent)
        self.task = task
        self.operations = operations
        self.plan_year = plan_year
        self.setWindowTitle(f"Nhiệm vụ số {task.stt}")
        self.setMinimumWidth(720)
        self.content = QPlainTextEdit(task.content)
        self.content.setTabChangesFocus(True)
        self.lead = QLineEdit(task.lead)
        self.supporting = QLineEdit(task.supporting)
        self.output = QLineEdit(task.output)
        self.deadline = QLineEdit(task.deadline_text)
        self.interpretation = QLabel()
        self.interpretation.setWordWrap(True)
        self.manual = QCheckBox("Đặt ngày hạn bằng tay")
        self.manual_date = QDateEdit()
        self.manual_date.setCalendarPopup(True)
        self.manual_date.setDisplayFormat("dd/MM/yyyy")
        self.keep_manual = QCheckBox("Giữ ngày này khi sửa \"Thời gian hoàn thành\"")
        self._load_manual_due(task)
        self._attach_completers()
        self._build()
        self.deadline.textChanged.connect(self.update_interpretation)
        self.manual.toggled.connect(self._manual_toggled)
        self.update_interpretation()

    def _load_manual_due(self, task: Task) -> None:
        self.manual.setChecked(task.manual_due is not None)
        shown = task.manual_due or date(self.plan_year, 12, 31)
        self.manual_date.setDate(QDate(shown.year, shown.month, shown.day))
        self.keep_manual.setChecked(task.manual_due_kept)
        self._manual_toggled(self.manual.isChecked())

    def _attach_completers(self) -> None:
        if self.operations is None:
            return
        from ui.party_completer import attach_party_completer

        self.completers = [attach_party_completer(edit, self.operations.db) for edit in (self.lead, self.supporting)]

    def _build(self) -> None:
        tabs = QTabWidget()
        tabs.addTab(self._details_page(), "Nội dung")
        if self.operations is not None:
            tabs.addTab(self._progress_page(), "Tiến độ")
            tabs.addTab(self._history_page(), "Lịch sử thay đổi")
        self.tabs = tabs
        buttons = vietnamese_buttons()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _progress_page(self) -> QWidget:
        from ui.progress_panel import ProgressPanel

        self.progress_panel = ProgressPanel(self.operations)
        self.progress_panel.set_task(self.task.id)
        return self.progress_panel

    def _history_page(self) -> QWidget:
        from ui.history_panel import HistoryPanel

        self.history_panel = HistoryPanel(self.operations.db)
        self.history_panel.set_task(self.task.id)
        self.operations.changed.connect(self.history_panel.refresh)
        return self.history_panel

    def _details_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        form.addRow("Nhiệm vụ:", self.content)
        form.addRow("Chủ trì:", self.lead)
        form.addRow("Phối hợp:", self.supporting)
        form.addRow("Sản phẩm:", self.output)
        form.addRow("Thời gian hoàn thành:", self.deadline)
        form.addRow("", self.interpretation)
        manual_box = QGroupBox("Ngày hạn")
        manual_layout = QVBoxLayout(manual_box)
        for widget in (self.manual, self.manual_date, self.keep_manual):
            manual_layout.addWidget(widget)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(manual_box)
        return page

    def _manual_toggled(self, on: bool) -> None:
        self.manual_date.setEnabled(on)
        self.keep_manual.setEnabled(on)

    def update_interpretation(self) -> None:
        text, needs_review = interpretation_text(self.deadline.text(), self.plan_year)
        self.interpretation.setText(text)
        self.interpretation.setStyleSheet(REVIEW_STYLE if needs_review else UNDERSTOOD_STYLE)

    def reject(self) -> None:
        """Esc, "Hủy" or the close button: asks first when the task's fields were changed
        (progress entries are saved as they are added, so they never count)."""
        if self.has_changes() and dialogs.keeps_changes(self, self.accept):  # the caller saves
            return
        super().reject()

    def has_changes(self) -> bool:
        return any(getattr(self.task, name) != value for name, value in self.edited_fields().items())

    def edited_fields(self) -> dict:
        """The task's fields as the form holds them, for ``edits.tasks.edit_task``."""
        manual_due = self.manual_date.date().toPython() if self.manual.isChecked() else None
        kept = manual_due is not None and self.keep_manual.isChecked()
        fields = {
            "content": unicodedata.normalize("NFC", self.content.toPlainText()).strip(),
            "lead": clean(self.lead.text()),
            "supporting": clean(self.supporting.text()),
            "output": clean(self.output.text()),
            "deadline_text": clean(self.deadline.text()),
            "manual_due_kept": kept,
        }
        if manual_due != self.task.manual_due:
            # Only a date the user changed is sent: an untouched one follows the core's rule
            # (dropped when the deadline text changes, unless "giữ" is ticked).
            fields["manual_due"] = manual_due
        return fields
