"""Edit a plan's document data and its unit (PlanDialog), on five tabs.

Only the fields the user changed are written, as one undoable change; text is tidied
(``clean``) on the way in, fields left alone keep their stored text exactly. The
rules behind the fields are in ``ui.plan_fields``; a new plan is started in
``ui.new_plan_dialog``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.changes import Change
from cchc_desktop.edits.plans import shift_phrase_years
from cchc_desktop.models import UNIT_TYPES
from cchc_desktop.periods import ReportSchedule, ScheduleError
from cchc_desktop.textnorm import clean
from cchc_desktop.unit_names import issuing_body_for
from ui import dialogs
from ui.form_widgets import (
    ERROR_STYLE, HINT_STYLE, WARNING_STYLE, OptionalDate, editable_combo, fixed_width, hint_label, line, top_aligned,
    vietnamese_buttons,
)
from ui.plan_fields import (
    FIRST_YEAR, LAST_YEAR, SIGNER_TITLE_FOR, changed_fields, plan_and_unit_change, symbol_problem, tidy_recipients,
)
from ui.schedule_editor import ScheduleEditor


class PlanDialog(QDialog):
    """Every field of a plan and of its unit, on five tabs; Lưu writes the changed ones."""

    def __init__(self, operations, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.operations = operations
        self.plan = repo.get_plan(operations.db, plan_id)
        self.unit = repo.get_unit(operations.db, self.plan.unit_id)
        self.saved_change: Change | None = None
        self.setWindowTitle(f"Thông tin kế hoạch năm {self.plan.year}")
        self.resize(820, 540)
        self._make_plan_widgets()
        self._make_unit_widgets()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._plan_page(), "Kế hoạch")
        self.tabs.addTab(self._signing_page(), "Phê duyệt và người ký")
        self.tabs.addTab(self._recipients_page(), "Nơi nhận")
        self.tabs.addTab(self._unit_page(), "Đơn vị")
        self.schedule_editor = ScheduleEditor(
            ReportSchedule.from_dict(self.plan.report_schedule), self.plan.year)
        self.tabs.addTab(self.schedule_editor, "Kỳ báo cáo")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        buttons = vietnamese_buttons()
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._loaded_plan, self._loaded_unit = self.plan_values(), self.unit_values()
        self._shown_year, self._shown_unit_name = self.plan.year, self.unit.name
        self.year.valueChanged.connect(self._year_changed)
        self.unit_name.textEdited.connect(self._unit_name_edited)
        self.signer_authority.currentTextChanged.connect(self._authority_changed)
        for edit, code in ((self.number, "KH"), (self.decision_number, "QĐ")):
            edit.textChanged.connect(lambda _text, e=edit, c=code: self._show_symbol_hint(e, c))
            self._show_symbol_hint(edit, code)

    # Widgets ----------------------------------------------------------------

    def _make_plan_widgets(self) -> None:
        plan, fallback = self.plan, date(self.plan.year, 1, 1)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(min(max(plan.year, FIRST_YEAR), LAST_YEAR))
        self.period = line(plan.period_label, "năm 2024, hoặc 6 tháng cuối năm 2025")
        self.title = line(plan.title, "Cải cách hành chính năm 2024 trên địa bàn …")
        self.number = line(plan.number, "55/KH-UBND")
        self.number_hint = hint_label()
        self.issued_on = OptionalDate(plan.issued_on, fallback)
        self.theme = QPlainTextEdit(plan.theme)
        self.theme.setTabChangesFocus(True)
        self.theme.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.appendix_title = line(plan.appendix_title, "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024")
        self.decision_number = line(plan.decision_number, "55/QĐ-UBND")
        self.decision_hint = hint_label()
        self.decision_date = OptionalDate(plan.decision_date, plan.issued_on or fallback)
        self.decision_issuer = line(plan.decision_issuer, "Chủ tịch Ủy ban nhân dân phường …")
        self.signer_authority = editable_combo(tuple(SIGNER_TITLE_FOR), plan.signer_authority)
        self.signer_title = editable_combo(tuple(SIGNER_TITLE_FOR.values()), plan.signer_title)
        self.signer_name = line(plan.signer_name, "Họ và tên người ký")
        self.recipients = QPlainTextEdit("\n".join(plan.recipients))
        self.recipients.setPlaceholderText("Sở Nội vụ tỉnh …\nThường trực Đảng ủy …\nLưu: VT, VP.")

    def _make_unit_widgets(self) -> None:
        unit = self.unit
        self.unit_name = line(unit.name, "Phường 1, Xã Hoằng Đông …")
        self.unit_type = QComboBox()
        for unit_type in UNIT_TYPES:
            self.unit_type.addItem(unit_type.capitalize(), unit_type)
        if self.unit_type.findData(unit.unit_type) < 0:
            self.unit_type.addItem(unit.unit_type, unit.unit_type)
        self.unit_type.setCurrentIndex(self.unit_type.findData(unit.unit_type))
        self.province = line(unit.province, "Tỉnh, thành phố trực thuộc trung ương")
        self.parent_body = line(unit.parent_body, "Không bắt buộc")
        self.issuing_body = line(unit.issuing_body, "ỦY BAN NHÂN DÂN PHƯỜNG 1")
        self.place_name = line(unit.place_name, "Phường 1")
        self.report_recipient = line(unit.report_recipient, "Sở Nội vụ tỉnh …")

    def _plan_page(self) -> QWidget:
        form = QFormLayout()
        form.addRow("Năm:", fixed_width(self.year, 90))
        form.addRow("Kỳ kế hoạch:", self.period)
        form.addRow("Trích yếu (tên kế hoạch):", self.title)
        form.addRow("Số ký hiệu:", fixed_width(self.number, 200, self.number_hint))
        form.addRow("Ngày ban hành:", self.issued_on)
        form.addRow("Chủ đề năm:", self.theme)
        form.addRow("Tiêu đề phụ lục:", self.appendix_title)
        return top_aligned(form)

    def _signing_page(self) -> QWidget:
        decision = QGroupBox("Quyết định phê duyệt kế hoạch (nếu có)")
        decision_form = QFormLayout(decision)
        decision_form.addRow("Số ký hiệu:", fixed_width(self.decision_number, 200, self.decision_hint))
        decision_form.addRow("Ngày:", self.decision_date)
        decision_form.addRow("Cơ quan, người ban hành:", self.decision_issuer)
        signer = QGroupBox("Người ký kế hoạch")
        signer_form = QFormLayout(signer)
        signer_form.addRow("Thẩm quyền ký:", fixed_width(self.signer_authority, 300))
        signer_form.addRow("Chức vụ:", fixed_width(self.signer_title, 300))
        signer_form.addRow("Họ và tên:", self.signer_name)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(decision)
        layout.addWidget(signer)
        layout.addStretch(1)
        return page

    def _recipients_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint_label(
            "Mỗi dòng một nơi nhận, theo thứ tự in trên văn bản. Không cần gõ dấu \"-\" đầu dòng "
            "và dấu \";\" cuối dòng: chương trình tự thêm khi in."))
        layout.addWidget(self.recipients, 1)
        return page

    def _unit_page(self) -> QWidget:
        form = QFormLayout()
        form.addRow(hint_label("Thông tin đơn vị dùng chung cho mọi kế hoạch của đơn vị."))
        form.addRow("Tên đơn vị:", self.unit_name)
        form.addRow("Loại đơn vị:", fixed_width(self.unit_type, 160))
        form.addRow("Tỉnh, thành phố:", self.province)
        form.addRow("Cơ quan cấp trên:", self.parent_body)
        form.addRow("Dòng tên cơ quan ban hành:", self.issuing_body)
        form.addRow("Địa danh (dòng ngày tháng):", self.place_name)
        form.addRow("Cơ quan nhận báo cáo:", self.report_recipient)
        return top_aligned(form)

    # Values -------------------------------------------------------------------

    def plan_values(self) -> dict:
        """The plan fields as shown, untidied (compared with what was loaded)."""
        return {
            "year": self.year.value(), "period_label": self.period.text(), "title": self.title.text(),
            "number": self.number.text(), "issued_on": self.issued_on.value(),
            "theme": self.theme.toPlainText(), "appendix_title": self.appendix_title.text(),
            "decision_number": self.decision_number.text(), "decision_date": self.decision_date.value(),
            "decision_issuer": self.decision_issuer.text(),
            "signer_authority": self.signer_authority.currentText(),
            "signer_title": self.signer_title.currentText(), "signer_name": self.signer_name.text(),
            "recipients": self.recipients.toPlainText(),
            "report_schedule": self._schedule_dict(),
        }

    def _schedule_dict(self) -> dict | None:
        """The schedule as shown, or None while it cannot be read (checked in ``problems``)."""
        if not hasattr(self, "schedule_editor"):
            return ReportSchedule.from_dict(self.plan.report_schedule).to_dict()
        try:
            return self.schedule_editor.schedule().to_dict()
        except ScheduleError:
            return None

    def unit_values(self) -> dict:
        return {
            "name": self.unit_name.text(), "unit_type": self.unit_type.currentData(),
            "province": self.province.text(), "parent_body": self.parent_body.text(),
            "issuing_body": self.issuing_body.text(), "place_name": self.place_name.text(),
            "report_recipient": self.report_recipient.text(),
        }

    def changed_plan_fields(self) -> dict:
        changed = changed_fields(self._loaded_plan, self.plan_values())
        if "recipients" in changed:
            changed["recipients"] = tidy_recipients(changed["recipients"])
        return changed

    def changed_unit_fields(self) -> dict:
        return changed_fields(self._loaded_unit, self.unit_values())

    def problems(self) -> list[tuple[QWidget, str]]:
        """Each (widget, message) that stops saving, in the order of the tabs."""
        found = []
        if not clean(self.title.text()):
            found.append((self.title, "Trích yếu (tên kế hoạch) không được để trống."))
        if not clean(self.period.text()):
            found.append((self.period, "Hãy ghi kỳ kế hoạch, ví dụ \"năm 2024\" hoặc \"6 tháng cuối năm 2025\"."))
        # A symbol stored before stays savable as it is; the hint beside it still warns.
        for field, edit, code in (("number", self.number, "KH"), ("decision_number", self.decision_number, "QĐ")):
            message = symbol_problem(edit.text(), code)
            if message and edit.text() != self._loaded_plan[field]:
                found.append((edit, message))
        if not clean(self.unit_name.text()):
            found.append((self.unit_name, "Tên đơn vị không được để trống."))
        try:
            self.schedule_editor.schedule()
        except ScheduleError as error:
            found.append((self.schedule_editor, error.message))
        return found

    # Behaviour ----------------------------------------------------------------

    def save(self) -> bool:
        """Write the changed fields; stay open and point at the field when something is wrong."""
        problems = self.problems()
        if problems:
            self._point_at(*problems[0])
            return False
        plan_fields, unit_fields = self.changed_plan_fields(), self.changed_unit_fields()
        if plan_fields or unit_fields:
            db, plan_id, unit_id = self.operations.db, self.plan.id, self.unit.id
            change = self.operations.run(lambda: plan_and_unit_change(db, plan_id, unit_id, plan_fields, unit_fields))
            if change is None:
                return False
            self.saved_change = change
        self.accept()
        return True

    def reject(self) -> None:
        """Esc, "Hủy" or the close button: asks first when something was changed."""
        # Saving closes the form; a problem keeps it open, pointed at.
        if self.has_changes() and dialogs.keeps_changes(self, self.save):
            return
        super().reject()

    def has_changes(self) -> bool:
        return bool(self.changed_plan_fields() or self.changed_unit_fields())

    def _point_at(self, widget: QWidget, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def _show_symbol_hint(self, edit: QLineEdit, code: str) -> None:
        label = self.number_hint if edit is self.number else self.decision_hint
        problem = symbol_problem(edit.text(), code)
        label.setText(problem or f"Ví dụ: 55/{code}-UBND. Để trống khi văn bản chưa có số.")
        label.setStyleSheet(WARNING_STYLE if problem else HINT_STYLE)

    def _year_changed(self, year: int) -> None:
        """'năm 2024' in the period, title and appendix title follows the year, and so do
        the plan's own report windows."""
        for edit in (self.period, self.title, self.appendix_title):
            edit.setText(shift_phrase_years(edit.text(), self._shown_year, year))
        self.schedule_editor.set_year(year)
        self._shown_year = year

    def _authority_changed(self, authority: str) -> None:
        """TM. ỦY BAN NHÂN DÂN goes with CHỦ TỊCH, KT. CHỦ TỊCH with PHÓ CHỦ TỊCH."""
        if authority in SIGNER_TITLE_FOR and self.signer_title.currentText() in SIGNER_TITLE_FOR.values():
            self.signer_title.setCurrentText(SIGNER_TITLE_FOR[authority])

    def _unit_name_edited(self, name: str) -> None:
        """Header lines still derived from the old name follow the new one."""
        old = self._shown_unit_name
        if self.issuing_body.text() == issuing_body_for(old):
            self.issuing_body.setText(issuing_body_for(name))
        if self.place_name.text() == old:
            self.place_name.setText(name)
        self._shown_unit_name = name
