"""Small building blocks of the app's forms: Vietnamese Lưu/Hủy buttons, a date that
may be left blank, lines with a placeholder, hints, fixed-width fields, and the colours
of errors, hints and warnings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020; font-weight: bold"
HINT_STYLE = "color: #555555"
WARNING_STYLE = "color: #b35c00"


def vietnamese_buttons(accept_text: str = "Lưu") -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
    return buttons


def lay_out_form_dialog(dialog: QDialog, form: QFormLayout, error_label: QLabel, accept_text: str,
                        on_accept) -> QDialogButtonBox:
    """A form dialog's body: the form, its error line under it, then the buttons
    (``accept_text`` runs ``on_accept``, Hủy closes)."""
    buttons = vietnamese_buttons(accept_text)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error_label)
    layout.addWidget(buttons)
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
