"""Add or edit one indicator (chỉ tiêu): its text, comparison, target and unit."""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cchc_desktop.models import Indicator
from cchc_desktop.textnorm import clean
from ui.form_widgets import lay_out_form_dialog
from ui.indicators_model import number_text, parse_number

COMPARISON_CHOICES = (
    (">=", "≥ (tối thiểu)"),
    ("<=", "≤ (tối đa)"),
    ("=", "= (bằng)"),
    ("range", "Khoảng (từ … đến …)"),
)
DEFAULT_UNIT = "%"
ERROR_STYLE = "color: #b00020"


class IndicatorDialog(QDialog):
    """``values()`` gives the fields for ``edits.indicators.add_indicator`` / ``edit_indicator``."""

    def __init__(self, parent: QWidget | None = None, indicator: Indicator | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sửa chỉ tiêu") if indicator else self.tr("Thêm chỉ tiêu"))
        self.setMinimumWidth(560)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(120)
        self.text.setPlaceholderText(self.tr("Ví dụ: Mức độ hài lòng của người dân đạt tối thiểu 95%"))
        self.comparison = QComboBox()
        for code, label in COMPARISON_CHOICES:
            self.comparison.addItem(self.tr(label), code)
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("ví dụ 95 hoặc 99,5"))
        self.target_label = QLabel()
        self.target_max = QLineEdit()
        self.unit = QLineEdit(DEFAULT_UNIT)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self._build()
        self.comparison.currentIndexChanged.connect(self._comparison_changed)
        if indicator is not None:
            self._load(indicator)
        self._comparison_changed()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Chỉ tiêu:"), self.text)
        form.addRow(self.tr("So sánh:"), self.comparison)
        form.addRow(self.target_label, self.target)
        form.addRow(self.tr("Đến (nếu là khoảng):"), self.target_max)
        form.addRow(self.tr("Đơn vị:"), self.unit)
        lay_out_form_dialog(self, form, self.error, "Lưu", self.accept)

    def _load(self, indicator: Indicator) -> None:
        self.text.setPlainText(indicator.text)
        self.comparison.setCurrentIndex(max(self.comparison.findData(indicator.comparison), 0))
        self.target.setText(number_text(indicator.target) if indicator.target is not None else "")
        self.target_max.setText(number_text(indicator.target_max) if indicator.target_max is not None else "")
        self.unit.setText(indicator.unit)

    def _comparison_changed(self) -> None:
        is_range = self.comparison.currentData() == "range"
        self.target_max.setEnabled(is_range)
        self.target_label.setText(self.tr("Mục tiêu (từ):") if is_range else self.tr("Mục tiêu:"))

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def problem(self) -> str:
        """What keeps the form from being saved, in Vietnamese; empty when it can be."""
        if not self._text():
            return self.tr("Hãy nhập nội dung chỉ tiêu.")
        try:
            low, high = parse_number(self.target.text()), parse_number(self.target_max.text())
        except ValueError:
            return self.tr("Mục tiêu phải là một số, ví dụ 95 hoặc 99,5.")
        if self.comparison.currentData() == "range" and (low is None or high is None or low > high):
            return self.tr("Chỉ tiêu dạng khoảng cần cả hai giá trị, từ nhỏ đến lớn (ví dụ 30 đến 40).")
        return ""

    def _text(self) -> str:
        return unicodedata.normalize("NFC", self.text.toPlainText()).strip()

    def values(self) -> dict:
        is_range = self.comparison.currentData() == "range"
        return {
            "text": self._text(),
            "comparison": self.comparison.currentData(),
            "target": parse_number(self.target.text()),
            "target_max": parse_number(self.target_max.text()) if is_range else None,
            "unit": clean(self.unit.text()),
        }
