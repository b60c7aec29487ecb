"""The application icon and the "Trợ giúp" menu (its "Giới thiệu" dialog is ``ui.about_dialog``,
loaded when first opened)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QIcon

from cchc_desktop.paths import resource

ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource("icons", f"cchc-{size}.png")), QSize(size, size))
    return icon


def add_help_menu(window) -> None:
    """Add "Trợ giúp" → "Giới thiệu…" to the window's menu bar (needs ``window.workspace``)."""
    window.help_menu = window.menuBar().addMenu("Trợ &giúp")
    window.about_action = QAction("&Giới thiệu…", window)
    window.about_action.triggered.connect(lambda _checked=False: show_about(window))
    window.help_menu.addAction(window.about_action)


def show_about(window) -> None:
    from ui.about_dialog import AboutDialog

    dialog = AboutDialog(window.workspace.data_dir, window)
    dialog.exec()
    dialog.deleteLater()
