"""The one place that shows errors to the user.

Expected failures (``CchcError``: bad input, the environment in the way) show their
own Vietnamese message. Anything else is a bug in the program: a short apology and a
button that copies the details (a Python traceback, English) for whoever helps; the
details themselves stay folded away unless the user asks to see them.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QApplication,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.applog import log_error
from cchc_desktop.errors import CchcError
from cchc_desktop.os_errors import describe_os_error, is_environment_error

TITLE = "CCHC Desktop"
BUG_TEXT = (
    "Chương trình gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
    "Hãy bấm “Sao chép chi tiết” rồi gửi cho người hỗ trợ; chi tiết cũng được ghi vào tệp nhật ký."
)


class ErrorDialog(QDialog):
    def __init__(self, parent: QWidget | None, message: str, details: str = ""):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        layout.addWidget(self.details)
        layout.addLayout(self._buttons(bool(details)))

    def _buttons(self, with_details: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        if with_details:
            self.show_details = QPushButton("Xem chi tiết")
            self.show_details.setCheckable(True)
            self.show_details.toggled.connect(self._toggle_details)
            row.addWidget(self.show_details)
        row.addStretch(1)
        if with_details:
            copy = QPushButton("Sao chép chi tiết")
            copy.clicked.connect(self.copy_details)
            row.addWidget(copy)
        close = QPushButton("Đóng")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        return row

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.show_details.setText("Ẩn chi tiết" if shown else "Xem chi tiết")
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def error_dialog(parent: QWidget | None, error: BaseException) -> ErrorDialog:
    if isinstance(error, CchcError):
        return ErrorDialog(parent, error.message)
    if is_environment_error(error):  # disk full, read-only, unplugged, locked: not our bug
        return ErrorDialog(parent, describe_os_error(error, "hoàn tất thao tác"))
    return ErrorDialog(parent, BUG_TEXT, "".join(traceback.format_exception(error)))


def show_error(parent: QWidget | None, error: BaseException) -> None:
    log_error(error)
    error_dialog(parent, error).exec()


def install_excepthook() -> None:
    """Exceptions nobody caught (in a Qt slot, say) reach the error display and the log."""

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        show_error(QApplication.activeWindow(), error)

    sys.excepthook = hook
