"""The "Giới thiệu" dialog: version, data folder, portable mode, the font's licence."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import __version__
from cchc_desktop.paths import PORTABLE_DATA, PORTABLE_MARKER, portable_dir, resource
from ui.help_menu import app_icon

FONT_CREDIT = (
    "Phông chữ Liberation Serif thuộc bộ Liberation Fonts 2.1.5, "
    "phát hành theo giấy phép SIL Open Font License 1.1 (toàn văn dưới đây)."
)


def portable_text(data_dir: Path) -> str:
    portable = portable_dir()
    if portable is not None and portable.resolve() == data_dir.resolve():
        return f"Chế độ di động: bật (dữ liệu nằm trong thư mục {PORTABLE_DATA} bên cạnh chương trình)."
    return f"Chế độ di động: tắt (đặt tệp {PORTABLE_MARKER} bên cạnh chương trình để bật)."


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle("Giới thiệu CCHC Desktop")
        self.setMinimumSize(640, 560)
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        location = QLabel(f"Thư mục dữ liệu: <b>{escape(str(data_dir))}</b>")
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setWordWrap(True)
        layout.addWidget(location)
        self.open_button = QPushButton("Mở thư mục dữ liệu")
        self.open_button.clicked.connect(self.open_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.portable_label = QLabel(portable_text(data_dir))
        self.portable_label.setWordWrap(True)
        layout.addWidget(self.portable_label)
        credit = QLabel(FONT_CREDIT)
        credit.setWordWrap(True)
        layout.addWidget(credit)
        self.licence = QPlainTextEdit(resource("fonts", "OFL.txt").read_text(encoding="utf-8"))
        self.licence.setReadOnly(True)
        layout.addWidget(self.licence, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        emblem = QLabel()
        emblem.setPixmap(app_icon().pixmap(64, 64))
        row.addWidget(emblem)
        text = QLabel(
            f"<h2>CCHC Desktop {__version__}</h2>"
            "<p>Lập và theo dõi kế hoạch cải cách hành chính cấp xã, phường, đặc khu: "
            "phụ lục nhiệm vụ, chỉ tiêu, tiến độ và báo cáo định kỳ.</p>"
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        return row

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
