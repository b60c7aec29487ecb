"""Edit a plan's document data and its unit (PlanDialog); start a new plan (NewPlanDialog).

Only the fields the user changed are written, as one undoable change; text is tidied
(``clean``) on the way in, fields left alone keep their stored text exactly.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.repo import ISSUER_NAMES
from cchc_desktop.changes import Change, make_change
from cchc_desktop.edits.plans import create_plan, edit_plan, edit_unit, shift_phrase_years
from cchc_desktop.models import UNIT_TYPES
from cchc_desktop.periods import ReportSchedule, ScheduleError
from cchc_desktop.setup_unit import issuing_body_for
from cchc_desktop.textnorm import clean
from ui.schedule_editor import ScheduleEditor

FIRST_YEAR, LAST_YEAR = 2000, 2100
# Signing on behalf of the committee is the chairman; signing for the chairman, a deputy.
SIGNER_TITLE_FOR = {"TM. ỦY BAN NHÂN DÂN": "CHỦ TỊCH", "KT. CHỦ TỊCH": "PHÓ CHỦ TỊCH"}
ERROR_STYLE = "color: #b00020; font-weight: bold"
HINT_STYLE = "color: #555555"
WARNING_STYLE = "color: #b35c00"
# Serial (blank in a draft), '/', the type code, then '-' and the issuing body's code(s).
SYMBOL = re.compile(r"^(\d*)/([A-ZĐ]+)((?:-[A-ZĐ0-9.]+)+)$")
RECIPIENT_MARKS = re.compile(r"^[-–+•]\s*|\s*;$")


def symbol_problem(text: str, type_code: str) -> str | None:
    """What is wrong with a number and symbol like '55/KH-UBND'; None if nothing (blank = draft)."""
    text = text.strip()
    example = f"55/{type_code}-UBND"
    if not text:
        return None
    if re.search(r"\s", text):
        return f"Số ký hiệu viết liền, không có dấu cách, ví dụ {example}."
    if text != text.upper():
        return f"Ký hiệu viết chữ in hoa, ví dụ {example}."
    match = SYMBOL.match(text)
    if match is None:
        return f"Số ký hiệu phải có dạng số/ký hiệu, ví dụ {example}."
    if match[2] != type_code:
        return f"Ký hiệu loại văn bản phải là {type_code}, ví dụ {example}."
    if len(match[1]) == 1:
        return f"Số dưới 10 viết thêm số 0 phía trước: 0{match[1]}/{match[2]}{match[3]}."
    return None


def tidy_recipients(text: str) -> list[str]:
    """One recipient a line; the '-' and ';' of the printed list are added when printing."""
    lines = (RECIPIENT_MARKS.sub("", clean(line)) for line in text.splitlines())
    return [line for line in lines if line]


def plan_and_unit_change(db, plan_id: int, unit_id: int, plan_fields: dict, unit_fields: dict) -> Change:
    """One undoable change for both edits."""
    rows = list(edit_unit(db, unit_id, **unit_fields).rows) if unit_fields else []
    # The plan being edited takes the unit's new names; other plans keep those they were issued under.
    plan_fields = plan_fields | {name: unit_fields[name] for name in ISSUER_NAMES if name in unit_fields}
    rows += edit_plan(db, plan_id, **plan_fields).rows if plan_fields else []
    return make_change("Sửa thông tin kế hoạch", rows)


def vietnamese_buttons(accept_text: str = "Lưu") -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
    return buttons


class OptionalDate(QWidget):
    """A date, or none yet ('Chưa có ngày', for drafts)."""

    def __init__(self, value: date | None, fallback: date, parent: QWidget | None = None):
        super().__init__(parent)
        shown = value or fallback
        self.edit = QDateEdit(QDate(shown.year, shown.month, shown.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.none = QCheckBox("Chưa có ngày")
        self.none.setChecked(value is None)
        self.edit.setEnabled(value is not None)
        self.none.toggled.connect(lambda checked: self.edit.setEnabled(not checked))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.none)
        layout.addStretch(1)

    def value(self) -> date | None:
        return None if self.none.isChecked() else self.edit.date().toPython()


def editable_combo(choices: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(choices))
    combo.setCurrentText(current)
    return combo


def line(text: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def fixed_width(widget: QWidget, width: int, hint: QWidget | None = None) -> QWidget:
    """``widget`` at ``width`` pixels, with ``hint`` (or nothing) on its right."""
    widget.setFixedWidth(width)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    if hint is None:
        layout.addStretch(1)
    else:
        layout.addWidget(hint, 1)
    return row


def top_aligned(form: QFormLayout) -> QWidget:
    """A page holding ``form`` at its top (spare height stays below)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


class PlanDialog(QDialog):
    """Every field of a plan and of its unit, on four tabs; Lưu writes the changed ones."""

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
        changed = _changed(self._loaded_plan, self.plan_values())
        if "recipients" in changed:
            changed["recipients"] = tidy_recipients(changed["recipients"])
        return changed

    def changed_unit_fields(self) -> dict:
        return _changed(self._loaded_unit, self.unit_values())

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
        """'năm 2024' in the period, title and appendix title follows the year."""
        for edit in (self.period, self.title, self.appendix_title):
            edit.setText(shift_phrase_years(edit.text(), self._shown_year, year))
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


def _changed(loaded: dict, shown: dict) -> dict:
    """Fields whose shown value differs from the loaded one, text tidied."""
    return {field: clean(value) if isinstance(value, str) and field != "recipients" else value
            for field, value in shown.items() if value != loaded[field]}


class NewPlanDialog(QDialog):
    """A new plan with the standard areas; ``created_plan_id`` is set once it is made."""

    def __init__(self, operations, parent: QWidget | None = None, year: int | None = None):
        super().__init__(parent)
        self.operations = operations
        self.created_plan_id: int | None = None
        self.units = repo.list_units(operations.db)
        self.setWindowTitle("Tạo kế hoạch mới")
        self.setMinimumWidth(560)
        self.unit_combo = QComboBox()
        for unit in self.units:
            self.unit_combo.addItem(unit.name, unit.id)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(year or date.today().year)
        self.title = QLineEdit()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self._build()
        self.year.valueChanged.connect(lambda _year: self._update_placeholder())
        self._update_placeholder()
        if not self.units:
            self._show_error("Chưa có đơn vị nào. Hãy thiết lập đơn vị trước khi tạo kế hoạch.")

    def _build(self) -> None:
        form = QFormLayout()
        if len(self.units) > 1:
            form.addRow("Đơn vị:", self.unit_combo)
        elif self.units:
            form.addRow("Đơn vị:", QLabel(self.units[0].name))
        form.addRow("Năm:", self.year)
        form.addRow("Trích yếu (tên kế hoạch):", self.title)
        form.addRow("", hint_label("Để trống để dùng tên mặc định. Kế hoạch mới có sẵn 7 nhóm nhiệm vụ "
                                   "theo Nghị quyết 76/NQ-CP; các thông tin khác sửa sau."))
        buttons = vietnamese_buttons("Tạo kế hoạch")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.error_label.hide()

    def _update_placeholder(self) -> None:
        self.title.setPlaceholderText(f"Cải cách hành chính năm {self.year.value()}")

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def save(self) -> bool:
        unit_id = self.unit_combo.currentData()
        if unit_id is None:
            self._show_error("Chưa có đơn vị nào. Hãy thiết lập đơn vị trước khi tạo kế hoạch.")
            return False
        db, year, title = self.operations.db, self.year.value(), clean(self.title.text())
        change = self.operations.run(lambda: create_plan(db, unit_id, year, title))
        if change is None:
            return False
        self.created_plan_id = next(row.key["id"] for row in change.rows if row.table == "plan")
        self.accept()
        return True
