from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.demo import load_demo


@pytest.fixture(autouse=True)
def forms_closed_by_the_tests_drop_their_changes(monkeypatch):
    """qtbot closes every widget a test leaves open; a form holding changes would then ask
    "Lưu các thay đổi vừa nhập?" in a modal box nobody answers. Tests of that question
    set their own answer."""
    from ui import dialogs

    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent: dialogs.DISCARD)


@pytest.fixture(autouse=True, scope="session")
def bundled_fonts(qapp):
    """The application registers and uses the bundled fonts, so the tests do too."""
    from ui.fonts import application_font, register_fonts

    families = register_fonts()
    qapp.setFont(application_font())
    return families


@pytest.fixture
def window(qtbot, workspace):
    """The main window on the demo plan, shown at 1366×768, statuses as of 20/03/2024."""
    from ui.main_window import MainWindow

    load_demo(workspace.db)
    shown = MainWindow(workspace, at=date(2024, 3, 20))
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def demo_file(db, tmp_path) -> Path:
    """The demo appendix exported as an xlsx file, to import back."""
    from cchc_desktop.export import build_appendix, write_appendix_xlsx

    path = tmp_path / "phu_luc.xlsx"
    write_appendix_xlsx(build_appendix(db, load_demo(db)), path)
    return path


@pytest.fixture
def copying_window(window, monkeypatch):
    """The demo window where "Sao chép sang năm mới…" always runs in the background and
    the year asked for is 2025."""
    from ui import actions

    monkeypatch.setattr(actions, "COPY_IN_BACKGROUND_ABOVE", 0)
    monkeypatch.setattr(actions, "ask_int", lambda *a, **k: 2025)
    return window
