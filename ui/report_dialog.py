"""Writing the periodic report: its sections, number and date; marking it sent."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import report, repo
from cchc_desktop.report.checks import UNTITLED_SECTIONS, unfilled_placeholder_warning
from cchc_desktop.periods import window
from cchc_desktop.tracking import plan_schedule
from ui.background import LatestOnly, is_large_plan
from ui.documents import PERIOD_LABELS, period_choice, report_kind

TEMPLATE_MARK = "(văn bản mẫu)"
TEMPLATE_COLOUR = QColor("#666666")
SUBSECTION = re.compile(r"\d+\.\s")  # "1. Công tác chỉ đạo…" under "II. KẾT QUẢ…"
SUBSECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # True for an item the list indents
SUBSECTION_INDENT_EM = 2


def section_item(heading: str, own: bool) -> QListWidgetItem:
    """A section in the list: subsections indented under their part; one still on the
    template's text greyed and marked, one with the user's own text in plain black."""
    item = QListWidgetItem(heading if own else f"{heading}  {TEMPLATE_MARK}")
    item.setData(SUBSECTION_ROLE, bool(SUBSECTION.match(heading)))
    if not own:
        item.setForeground(TEMPLATE_COLOUR)
        item.setToolTip("Mục này đang dùng văn bản mẫu; sửa ở ô bên phải để viết nội dung riêng.")
    return item


class SectionListDelegate(QStyledItemDelegate):
    """Indents a subsection's whole item, so that its wrapped lines line up under its
    first (leading spaces in the text would indent the first line only)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        if index.data(SUBSECTION_ROLE):
            option.rect.setLeft(option.rect.left() + subsection_indent(option.fontMetrics))


def subsection_indent(metrics: QFontMetrics) -> int:
    return SUBSECTION_INDENT_EM * metrics.horizontalAdvance("M")


SENT_STYLE = "color: #1b6e20; font-weight: bold"
WARNING_STYLE = "color: #9a3a00"
EDITOR_HINT = "Các chỗ {…} được thay bằng số liệu khi in. Để trống một mục: dùng lại văn bản mẫu."
DRAFT_STYLE = "color: #1f3f73; font-weight: bold"


WORKING_TEXT = "Đang tính số liệu của kỳ báo cáo…"


@dataclass(frozen=True)
class WorkedOut:
    """A period's report as the window shows it: worked out once per period loaded."""

    editing: report.EditableReport
    warnings: list[str]


def work_out(db, plan_id: int, period: str) -> WorkedOut:
    editing = report.editable_report(db, plan_id, period)
    return WorkedOut(editing, report.report_warnings(db, plan_id, period, editing.document))


class ReportDialog(QDialog):
    """The report of one plan, period by period.

    Each period's figures are worked out once when it is shown; on a large plan
    (``LARGE_PLAN_TASKS``) in a worker, with a progress bar after 200 ms, the window
    waiting meanwhile. "Hủy" on that bar closes the window: what was typed was saved
    before the period was left."""

    def __init__(self, operations, plan_id: int, parent: QWidget | None = None, period: str = "q1"):
        super().__init__(parent)
        self.operations = operations
        self.plan_id = plan_id
        self.setWindowTitle("Báo cáo kết quả thực hiện công tác cải cách hành chính")
        self.resize(1000, 640)
        self.period = QComboBox()
        for code in PERIOD_LABELS:
            self.period.addItem(period_choice(code), code)
        self.period.setCurrentIndex(max(self.period.findData(period), 0))
        self.number = QLineEdit()
        self.number.setPlaceholderText("Ví dụ: 12 (để trống khi còn là dự thảo)")
        self.issued_on = QDateEdit()
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("dd/MM/yyyy")
        self.no_date = QCheckBox("Chưa có ngày")
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText("Để trống: cơ quan nhận báo cáo của đơn vị")
        self.status = QLabel()
        self.window_label = QLabel()
        self.sections = QListWidget()
        self.sections.setItemDelegate(SectionListDelegate(self.sections))
        self.sections.setWordWrap(True)  # long headings wrap in the list instead of scrolling it sideways
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.warnings = QLabel()  # what an upstream reader would send back (report_warnings)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.editor = QPlainTextEdit()
        self.editor_hint = QLabel(EDITOR_HINT)
        self.editor_hint.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #f7f7f2; border: 1px solid #ccc; padding: 6px")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._texts: list[tuple[str, str, str, bool]] = []
        self._shown_key: str | None = None
        self._editing: report.EditableReport | None = None  # None while the period is being worked out
        self._sent = False
        self.working = LatestOnly(self, WORKING_TEXT)  # the period's figures being worked out
        self._reloading = True  # False while saving on the way out of a period
        self._build()
        self._loaded_period = self.current_period
        self.period.currentIndexChanged.connect(lambda _i: self._switch_period())
        self.sections.currentRowChanged.connect(self._show_section)
        self.editor.textChanged.connect(self._show_preview)
        self.no_date.toggled.connect(lambda on: self.issued_on.setEnabled(not on))
        operations.changed.connect(self._after_change)
        self.load()

    @property
    def db(self):
        return self.operations.db

    @property
    def current_period(self) -> str:
        return self.period.currentData()

    def _build(self) -> None:
        self.form = form = QFormLayout()
        form.addRow("Kỳ báo cáo:", self.period)
        form.addRow("", self.window_label)
        date_row = QHBoxLayout()
        date_row.addWidget(self.issued_on)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)
        form.addRow("Số báo cáo:", self.number)
        form.addRow("Ngày ban hành:", date_row)
        form.addRow("Kính gửi:", self.recipient)
        form.addRow("Tình trạng:", self.status)
        form.addRow("", self.warnings)
        splitter = QSplitter()
        splitter.addWidget(self.sections)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.editor, 2)
        editor_layout.addWidget(self.editor_hint)
        editor_layout.addWidget(QLabel("<b>Khi in sẽ là:</b>"))
        editor_layout.addWidget(self.preview, 1)
        splitter.addWidget(editor_box)
        splitter.setSizes([380, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton("Lưu")
        self.sent_button = QPushButton("Đánh dấu đã gửi")
        self.reopen_button = QPushButton("Mở lại để sửa")
        self.export_button = QPushButton("Xuất, in…")
        close = QPushButton("Đóng")
        self.save_button.clicked.connect(self.save)
        self.sent_button.clicked.connect(self.mark_sent)
        self.reopen_button.clicked.connect(self.reopen)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.close_saving)
        row = QHBoxLayout()
        for button in (self.save_button, self.sent_button, self.reopen_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # Loading ----------------------------------------------------------------

    def _switch_period(self) -> None:
        """Save what was typed for the period being left, then show the new one."""
        chosen = self.current_period
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(self._loaded_period))
        with self._not_reloading():
            self.save()
        self.period.setCurrentIndex(self.period.findData(chosen))
        self.period.blockSignals(False)
        self.load()

    def load(self) -> None:
        period = self.current_period
        self._loaded_period = period
        self._show_fields(report.get_report(self.db, self.plan_id, period))
        start, end = window(period, self._plan_year(), plan_schedule(self.db, self.plan_id))
        self.window_label.setText(f"Thời gian lấy số liệu: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")
        plan_id, large = self.plan_id, is_large_plan(self.db, self.plan_id)
        if large:
            self._show_working()
        self.working.run(lambda db: work_out(db, plan_id, period), self.db, self._show_worked_out, large,
                         on_cancel=self.reject)

    def _show_working(self) -> None:
        self._editing, self._texts, self._shown_key = None, [], None
        self.sections.clear()
        self.editor.clear()
        self.preview.setText(WORKING_TEXT)
        self.form.setRowVisible(self.warnings, False)
        self._enable()

    def _show_worked_out(self, worked_out: WorkedOut) -> None:
        self._editing = worked_out.editing
        self._texts = list(worked_out.editing.texts)
        self._shown_key = None
        self.sections.blockSignals(True)
        self.sections.clear()
        for key, heading, _text, own in self._texts:
            self.sections.addItem(section_item(heading or UNTITLED_SECTIONS.get(key, key), own))
        self.sections.blockSignals(False)
        self._enable()
        self.sections.setCurrentRow(0)
        self._show_section(0)
        self.warnings.setText("\n".join(f"Lưu ý: {warning}" for warning in worked_out.warnings))
        self.form.setRowVisible(self.warnings, bool(worked_out.warnings))

    def _plan_year(self) -> int:
        return repo.get_plan(self.db, self.plan_id).year

    def _show_fields(self, stored) -> None:
        self._sent = sent = stored is not None and stored.is_sent
        self.number.setText(stored.number if stored else "")
        day = stored.issued_on if stored and stored.issued_on else None
        shown = day or date.today()
        self.issued_on.setDate(QDate(shown.year, shown.month, shown.day))
        self.no_date.setChecked(day is None)
        self.recipient.setText(stored.recipient if stored else "")
        if sent:
            self.status.setText(f"Đã gửi ngày {stored.sent_on:%d/%m/%Y}: số liệu và nội dung giữ nguyên như khi gửi.")
            self.status.setStyleSheet(SENT_STYLE)
        else:
            self.status.setText("Bản nháp: số liệu cập nhật theo tiến độ nhiệm vụ.")
            self.status.setStyleSheet(DRAFT_STYLE)
        self._enable()

    def _enable(self) -> None:
        """A sent report is read-only until reopened; the text waits for the figures."""
        shown = self._editing is not None
        for widget in (self.number, self.no_date, self.recipient):
            widget.setEnabled(not self._sent)
        self.issued_on.setEnabled(not self._sent and not self.no_date.isChecked())
        for widget in (self.editor, self.save_button, self.sent_button):
            widget.setEnabled(shown and not self._sent)
        self.sections.setEnabled(shown)
        self.export_button.setEnabled(shown)
        self.reopen_button.setEnabled(self._sent)

    def _show_section(self, row: int) -> None:
        self._keep_typed_text()
        if 0 <= row < len(self._texts):
            key, _heading, text, _own = self._texts[row]
            self._shown_key = key
            self.editor.setPlainText(text)
            self._show_preview()

    def _show_preview(self) -> None:
        """The section as it will print: placeholders filled with this period's figures,
        worked out once when the period was loaded (a keystroke never rebuilds the report)."""
        if self._shown_key is None:
            return
        filled = self._editing.filled(self._shown_key, self.editor.toPlainText())
        self.preview.setText("\n".join(filled))
        heading = next(heading for key, heading, _text, _own in self._texts if key == self._shown_key)
        unfilled = unfilled_placeholder_warning(heading or UNTITLED_SECTIONS.get(self._shown_key, ""), filled)
        self.editor_hint.setText(unfilled or EDITOR_HINT)
        self.editor_hint.setStyleSheet(WARNING_STYLE if unfilled else "")

    def _keep_typed_text(self) -> None:
        """Remember what was typed in the section being left (saved with "Lưu")."""
        if self._shown_key is None:
            return
        for index, (key, heading, text, own) in enumerate(self._texts):
            if key == self._shown_key and self.editor.toPlainText() != text:
                self._texts[index] = (key, heading, self.editor.toPlainText(), True)

    # Saving -----------------------------------------------------------------

    def typed_sections(self) -> dict[str, str]:
        self._keep_typed_text()
        return {key: text for key, _heading, text, own in self._texts if own}

    def save(self) -> bool:
        stored = report.get_report(self.db, self.plan_id, self.current_period)
        if stored is not None and stored.is_sent:
            return True
        fields = dict(number=self.number.text(), recipient=self.recipient.text(),
                      issued_on=None if self.no_date.isChecked() else self.issued_on.date().toPython(),
                      clear_date=self.no_date.isChecked())
        period = self.current_period
        changes = [lambda: report.set_report_fields(self.db, self.plan_id, period, **fields)]
        if self._editing is not None:  # else still working the period out: no text shown, none to save
            sections = self.typed_sections()
            changes.append(lambda: report.save_narrative(self.db, self.plan_id, period, sections))
        reload_after = self._reloading
        with self._not_reloading():  # once, after both
            made = [self.operations.run(change) for change in changes]
        if reload_after and any(change is not None and not change.is_empty() for change in made):
            self.load()
        return None not in made

    @contextmanager
    def _not_reloading(self):
        """Saving on the way out of a period (or of the window): no point in showing the
        period again first, a whole build on a large plan."""
        before, self._reloading = self._reloading, False
        try:
            yield
        finally:
            self._reloading = before

    def mark_sent(self) -> None:
        from ui.dialogs import confirm

        if not self.save():
            return
        period = self.current_period
        if confirm(self, "Đánh dấu báo cáo đã gửi?\n\nSố liệu và nội dung sẽ được giữ nguyên như bây giờ, "
                         "kể cả khi tiến độ nhiệm vụ thay đổi sau này.", yes="Đã gửi"):
            self.operations.run(lambda: report.mark_period_sent(self.db, self.plan_id, period, date.today()))

    def reopen(self) -> None:
        stored = report.get_report(self.db, self.plan_id, self.current_period)
        if stored is not None:
            self.operations.run(lambda: report.reopen(self.db, stored.id))

    def export(self) -> None:
        from ui.export_dialog import ExportDialog

        if not self.save():
            return
        ExportDialog(self.db, self.plan_id, self, kinds=[report_kind(self.current_period)]).exec()

    def close_saving(self) -> None:
        with self._not_reloading():
            self.save()
        self.accept()

    def reject(self) -> None:
        """Esc and the window's close button keep what was typed, like "Đóng"."""
        with self._not_reloading():
            self.save()
        super().reject()

    def done(self, result: int) -> None:
        self.working.stop()
        super().done(result)

    def _after_change(self, change) -> None:
        if "report" in change.touched and self._reloading:
            self.load()
