"""Small Vietnamese dialogs (Qt ships no Vietnamese translation of its buttons)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

TITLE = "CCHC Desktop"


def confirm(parent: QWidget | None, text: str, yes: str = "Đồng ý") -> bool:
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


SAVE, DISCARD, STAY = "save", "discard", "stay"


def ask_to_save(parent: QWidget | None) -> str:
    """A form closed with Esc (or its close button) while it holds changes: ``SAVE``,
    ``DISCARD`` or ``STAY`` (go on editing, the default: a stray Esc loses nothing)."""
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText("Lưu các thay đổi vừa nhập?")
    save = box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton("Tiếp tục sửa", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return {save: SAVE, discard: DISCARD}.get(box.clickedButton(), STAY)


def keeps_changes(parent: QWidget, save) -> bool:
    """For a form's ``reject`` while it holds changes: ask, and run ``save`` (which closes
    the form when it succeeds) if so chosen. True when the user keeps the changes (saved,
    or goes on editing): the form is then not to be rejected."""
    answer = ask_to_save(parent)
    if answer == SAVE:
        save()
    return answer != DISCARD


def inform(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    dialog.resize(480, dialog.sizeHint().height())
    return dialog.textValue() if dialog.exec() else None


def ask_int(parent: QWidget | None, title: str, label: str, value: int, low: int, high: int) -> int | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setIntRange(low, high)
    dialog.setIntValue(value)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    return dialog.intValue() if dialog.exec() else None


def ask_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    if not dialog.exec():
        return None
    return items.index(dialog.textValue())
