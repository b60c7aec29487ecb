import sys

from PySide6.QtCore import Qt

from cchc_desktop import __version__
from cchc_desktop.paths import PORTABLE_MARKER
from ui import about_dialog, help_menu
from ui.about_dialog import AboutDialog
from ui.help_menu import ICON_SIZES, app_icon
from ui.main_window import MainWindow


def test_about_shows_version_data_dir_and_font_licence(qtbot, data_dir):
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.portable_label)))
    assert f"CCHC Desktop {__version__}" in shown
    assert str(data_dir) in shown
    assert "Liberation Fonts 2.1.5" in shown and "SIL Open Font License 1.1" in shown
    assert "Chế độ di động: tắt" in dialog.portable_label.text()
    assert dialog.licence.isReadOnly()
    assert "SIL OPEN FONT LICENSE Version 1.1" in dialog.licence.toPlainText()


def test_open_button_opens_the_data_dir(qtbot, data_dir, monkeypatch):
    opened = []

    class FakeDesktopServices:
        @staticmethod
        def openUrl(url):
            opened.append(url.toLocalFile())
            return True

    monkeypatch.setattr(about_dialog, "QDesktopServices", FakeDesktopServices)
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(data_dir)]


def test_portable_mode_is_reported(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "cchc-desktop.exe"))
    (tmp_path / PORTABLE_MARKER).write_text("")
    dialog = AboutDialog(tmp_path / "data")
    qtbot.addWidget(dialog)
    assert "Chế độ di động: bật" in dialog.portable_label.text()


def test_window_has_version_in_title_and_help_menu(qtbot, workspace, monkeypatch):
    shown = []
    monkeypatch.setattr(help_menu, "show_about", shown.append)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith(f"CCHC Desktop {__version__} — ")
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[-1] == "Trợ &giúp"
    assert [action.text() for action in window.help_menu.actions()] == ["&Giới thiệu…"]
    window.about_action.trigger()
    assert shown == [window]


def test_app_icon_has_every_size():
    sizes = {(size.width(), size.height()) for size in app_icon().availableSizes()}
    assert sizes == {(size, size) for size in ICON_SIZES}
