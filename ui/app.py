"""The ``cchc-desktop`` entry point."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cchc_desktop import __version__
from cchc_desktop.cli_args import VietnameseArgumentParser, add_common_options, iso_date
from cchc_desktop.errors import CchcError

SCREENSHOT_SIZE = (1366, 768)
# Qt maps an image "quality" of 80 to zlib level 1 for PNG: a third faster to write than
# the default level, and on window content no larger (the filters do the work).
SCREENSHOT_QUALITY = 80


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = VietnameseArgumentParser(prog="cchc-desktop", description="CCHC Desktop: kế hoạch cải cách hành chính.")
    add_common_options(parser, "thư mục dữ liệu", f"cchc-desktop {__version__}")
    parser.add_argument("--demo", action="store_true", help="nạp và mở kế hoạch mẫu")
    parser.add_argument("--demo-if-empty", action="store_true", help="nạp kế hoạch mẫu nếu chưa có kế hoạch nào")
    parser.add_argument("--screenshot", metavar="TỆP.png", help="chụp cửa sổ chính 1366×768 rồi thoát")
    parser.add_argument("--at", type=iso_date, help="tính trạng thái đến ngày YYYY-MM-DD (mặc định hôm nay)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.errors import install_excepthook, show_error

    app = make_application()
    if not args.screenshot:
        install_excepthook()
    try:
        started = start(args)
    except CchcError as error:
        if args.screenshot:
            print(f"Lỗi: {error.message}", file=sys.stderr)
        else:
            show_error(None, error)
        return 2
    if started is None:
        return 0
    window, session = started
    settle_heap()
    if args.screenshot:
        code = save_screenshot(window, args.screenshot)
        session.close()
        return code
    window.show()
    return app.exec()


def make_application():
    """The QApplication, named, with the bundled fonts, the icon and Qt's own texts in Vietnamese."""
    from PySide6.QtWidgets import QApplication

    from ui import qt_texts
    from ui.fonts import application_font, register_fonts
    from ui.help_menu import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CCHC Desktop")
    app.setApplicationVersion(__version__)
    qt_texts.install(app)
    register_fonts()
    app.setFont(application_font())
    app.setWindowIcon(app_icon())
    return app


def settle_heap() -> None:
    """Move what start-up made (modules, classes, Qt wrappers: kept until exit) out of the
    garbage collector's sight. A full collection walks every tracked object and holds
    the GUI thread while it does; without these, the one that follows importing a
    10,000-row workbook drops from ~135 ms to ~100 ms (bench/stall_probe.py)."""
    import gc

    gc.freeze()


def start(args: argparse.Namespace):
    """Open the workspace and build the main window: (window, session), or None if the
    user walked away."""
    from cchc_desktop import repo
    from PySide6.QtWidgets import QApplication

    from ui.backup_dialogs import open_desktop_session
    from ui.main_window import MainWindow

    session = open_desktop_session(args.data_dir, interactive=not args.screenshot)
    if session is None:
        return None
    # Backup at close, then unlock. A lambda: the signal would hold a bound method only weakly.
    QApplication.instance().aboutToQuit.connect(lambda: session.close())
    workspace = session.workspace
    empty = not repo.list_plans(workspace.db)
    selected = None
    if args.demo or (args.demo_if_empty and empty):
        from cchc_desktop.demo import load_demo

        selected = load_demo(workspace.db)
    if selected is None and empty and not args.screenshot:
        selected = run_first_start(workspace)
    window = MainWindow(workspace, at=args.at)
    window.resize(*SCREENSHOT_SIZE)
    if not args.screenshot:
        window.restore_layout()  # size, splitter, tab and plan as the user left them
    if selected is not None:
        window.refresh_plans(select_plan_id=selected)
    return window, session


def run_first_start(workspace) -> int | None:
    from cchc_desktop.demo import load_demo
    from cchc_desktop.setup_unit import create_unit_with_plan
    from ui.first_run import UnitDialog, WelcomeDialog

    welcome = WelcomeDialog()
    if not welcome.exec():
        return None
    if welcome.choice == WelcomeDialog.OPEN_DEMO:
        return load_demo(workspace.db)
    dialog = UnitDialog()
    if not dialog.exec():
        return None
    return create_unit_with_plan(workspace.db, dialog.unit(), dialog.year.value())


def save_screenshot(window, path: str) -> int:
    if not grab_window(window).save(path, None, SCREENSHOT_QUALITY):
        print(f"Lỗi: không lưu được ảnh chụp vào {path}.", file=sys.stderr)
        return 2
    return 0


def grab_window(window):
    """The window as the user first sees it, 1366×768, drawn into a pixmap."""
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    QApplication.processEvents()  # lays the window out and fits the rows on screen
    return window.grab()


if __name__ == "__main__":
    sys.exit(main())
