"""Start a new plan (NewPlanDialog): a unit, a year and a title; the standard areas come with it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from cchc_desktop import repo
from cchc_desktop.edits.plans import create_plan
from cchc_desktop.textnorm import clean
from ui.form_widgets import ERROR_STYLE, WARNING_STYLE, hint_label, lay_out_form_dialog
from ui.plan_fields import FIRST_YEAR, LAST_YEAR


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
        self.year_taken = QLabel()  # a second plan for the same year is allowed, but said
        self.year_taken.setWordWrap(True)
        self.year_taken.setStyleSheet(WARNING_STYLE)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self._build()
        self.year.valueChanged.connect(lambda _year: self._update_hints())
        self.unit_combo.currentIndexChanged.connect(lambda _index: self._update_hints())
        self._update_hints()
        if not self.units:
            self._show_error("Chưa có đơn vị nào. Hãy thiết lập đơn vị trước khi tạo kế hoạch.")

    def _build(self) -> None:
        form = QFormLayout()
        if len(self.units) > 1:
            form.addRow("Đơn vị:", self.unit_combo)
        elif self.units:
            form.addRow("Đơn vị:", QLabel(self.units[0].name))
        form.addRow("Năm:", self.year)
        form.addRow("", self.year_taken)
        form.addRow("Trích yếu (tên kế hoạch):", self.title)
        form.addRow("", hint_label("Để trống để dùng tên mặc định. Kế hoạch mới có sẵn 7 nhóm nhiệm vụ "
                                   "theo Nghị quyết 76/NQ-CP; các thông tin khác sửa sau."))
        lay_out_form_dialog(self, form, self.error_label, "Tạo kế hoạch", self.save)
        self.error_label.hide()

    def _update_hints(self) -> None:
        """The default title for the year, and whether the unit has a plan of that year."""
        year, unit_id = self.year.value(), self.unit_combo.currentData()
        self.title.setPlaceholderText(f"Cải cách hành chính năm {year}")
        taken = unit_id is not None and repo.has_plan_of_year(self.operations.db, unit_id, year)
        self.year_taken.setText(f"{self.unit_combo.currentText()} đã có kế hoạch năm {year}: tạo thêm thì năm "
                                "này sẽ có hai kế hoạch. Để làm kế hoạch năm mới từ kế hoạch cũ, dùng "
                                "Kế hoạch → Sao chép sang năm mới…" if taken else "")
        self.year_taken.setVisible(taken)

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
