"""Backups in the window: "Sao lưu…", "Khôi phục…" (its dialog is ``ui.restore_dialog``),
the damaged-database start-up dialog, and the desktop session that ties start-up and
exit together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from cchc_desktop import integrity
from cchc_desktop.applog import LogFile, log_error
from cchc_desktop.backup import BackupInfo, automatic_backup, backup_to_folder
from cchc_desktop.backup_background import BackgroundBackup
from cchc_desktop.instance_lock import InstanceLock
from cchc_desktop.paths import ensure_data_dir, resolve_data_dir
from cchc_desktop.workspace import Workspace
from ui.background import BackgroundJob, run_in_background, stop_all
from ui.dialogs import inform
from ui.errors import show_error

log = logging.getLogger(__name__)


# Backing up to a chosen folder -----------------------------------------------

def choose_folder(parent: QWidget | None) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path = QFileDialog.getExistingDirectory(parent, "Chọn thư mục để lưu bản sao (ví dụ USB)")
    return Path(path) if path else None


def save_backup_to_chosen_folder(parent: QWidget | None, workspace: Workspace) -> BackgroundJob | None:
    """"Sao lưu…": choose a folder, write a verified copy there (in a worker thread, on
    its own connection: a USB stick is slow), say where. A cancel leaves no file."""
    folder = choose_folder(parent)
    if folder is None:
        return None
    data_dir = workspace.data_dir
    return run_in_background(
        parent, "Đang sao lưu dữ liệu…", lambda db: backup_to_folder(Workspace(data_dir, db), folder),
        lambda info: inform(parent, f"Đã sao lưu dữ liệu vào:\n{info.path}"), db_path=workspace.db_path)


def add_backup_actions(window) -> None:
    """"Sao lưu…" and "Khôi phục…" in the "Tệp" menu, above "Thoát"."""
    menu = getattr(window, "file_menu", None) or window.menuBar().addMenu("&Tệp")
    before = getattr(window, "quit_action", None)
    window.backup_action = menu.addAction("&Sao lưu…")
    window.restore_action = menu.addAction("&Khôi phục…")
    window.backup_action.triggered.connect(lambda _=False: save_backup_to_chosen_folder(window, window.workspace))
    window.restore_action.triggered.connect(lambda _=False: _open_restore_dialog(window))
    if before is not None:
        menu.removeAction(window.backup_action)
        menu.removeAction(window.restore_action)
        menu.insertActions(before, [window.backup_action, window.restore_action])
        menu.insertSeparator(before)


def _open_restore_dialog(window) -> None:
    from ui.restore_dialog import open_restore_dialog  # loaded when first asked for, not at start

    open_restore_dialog(window)


# A damaged database at start-up ----------------------------------------------

class DamagedDatabaseDialog(QDialog):
    """Offers the latest good backup; ``choice`` is RESTORE or START_EMPTY after accept()."""

    RESTORE = "restore"
    START_EMPTY = "empty"

    def __init__(self, damage: integrity.DamagedDatabase, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cơ sở dữ liệu bị hỏng")
        self.setMinimumWidth(520)
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        self.message = QLabel(self._text(damage))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.restore_button = self._choice_button(layout, self._restore_label(damage), self.RESTORE)
        self.restore_button.setVisible(damage.latest_backup is not None)
        self.empty_button = self._choice_button(layout, "Bắt đầu với dữ liệu trống", self.START_EMPTY)
        self.quit_button = QPushButton("Thoát")
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(self.quit_button)
        (self.restore_button if damage.latest_backup else self.quit_button).setDefault(True)

    @staticmethod
    def _text(damage: integrity.DamagedDatabase) -> str:
        return (
            f"{damage.message}\n\n"
            f"Tệp hỏng sẽ được đổi tên thành {damage.db_path.name}.{integrity.DAMAGED_MARK}-<thời điểm> "
            "và giữ lại trong thư mục dữ liệu, không bị xóa."
        )

    @staticmethod
    def _restore_label(damage: integrity.DamagedDatabase) -> str:
        if damage.latest_backup is None:
            return "Khôi phục bản sao lưu"
        return f"Khôi phục bản sao lưu lúc {damage.latest_backup.taken_at_label}"

    def _choice_button(self, layout: QVBoxLayout, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: self._choose(choice))
        layout.addWidget(button)
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_about_damage(damage: integrity.DamagedDatabase) -> str | None:
    dialog = DamagedDatabaseDialog(damage)
    return dialog.choice if dialog.exec() else None


# The session: start-up to exit -----------------------------------------------

class DesktopSession:
    """What the window holds on its data directory while it runs: the instance lock,
    the log file and the workspace; ``close()`` backs up (if anything changed) and lets go."""

    def __init__(self, lock: InstanceLock, log_file: LogFile, workspace: Workspace):
        self.lock = lock
        self.log_file = log_file
        self.workspace = workspace
        self._state_at_backup = self._state()
        self._open_backup: BackgroundBackup | None = None
        self._backup_news = _BackupNews()  # carries a failure from the backup's thread to the window's

    def _state(self) -> tuple[int, int]:
        """What tells whether the data changed: the rows written through the window's
        connection, and ``data_version``, which moves when another connection commits
        (a worker thread's: a large import, a copy, a restore; or the command line)."""
        conn = self.workspace.db.conn
        return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]

    def backup(self, reason: str) -> BackupInfo | None:
        self.wait_for_open_backup()
        info = automatic_backup(self.workspace, reason)
        self._state_at_backup = self._state()
        return info

    def start_open_backup(self, warn: Callable[[BaseException], None]) -> None:
        """The backup at open, written while the window comes up (see
        :mod:`cchc_desktop.backup_background`); a failure reaches ``warn`` in this thread."""
        self._backup_news.failed.connect(warn)
        self._open_backup = BackgroundBackup(self.workspace.data_dir, "open", on_done=self._backup_news.tell)

    def wait_for_open_backup(self) -> None:
        """Block until the backup at open is written (its failure was already told)."""
        if self._open_backup is not None:
            try:
                self._open_backup.wait()
            except Exception:  # noqa: BLE001 - told to the user (or logged) when it happened
                pass
            self._open_backup = None

    def close(self) -> None:
        if self.lock is None:
            return
        try:
            stop_all()  # a change still being written in a worker is cancelled (rolled back) first
            self.wait_for_open_backup()
            if self._state() != self._state_at_backup:
                self.backup("close")
        except Exception as error:  # noqa: BLE001 - the window is closing; the log is the only place left
            log_error(error)
        finally:
            self.workspace.close()
            self.log_file.close()
            self.lock.release()
            self.lock = None


def open_desktop_session(
    data_dir_override=None,
    interactive: bool = True,
    ask: Callable[[integrity.DamagedDatabase], str | None] | None = None,
    warn: Callable[[BaseException], None] | None = None,
) -> DesktopSession | None:
    """Start-up: instance lock, log file, checked open (offering the latest good backup
    when the database is damaged), backup at open (in a thread). None when the user chose to quit.

    Not ``interactive`` (``--screenshot``): a damaged database is raised, not asked about.
    """
    ask = ask or (ask_about_damage if interactive else _refuse)
    warn = warn or ((lambda error: show_error(None, error)) if interactive else log_error)
    data_dir = ensure_data_dir(resolve_data_dir(data_dir_override))
    lock = InstanceLock(data_dir).acquire()
    log_file = LogFile(data_dir)
    try:
        workspace = _open_or_recover(data_dir, ask)
    except BaseException:
        log_file.close()
        lock.release()
        raise
    if workspace is None:
        log_file.close()
        lock.release()
        return None
    session = DesktopSession(lock, log_file, workspace)
    session.start_open_backup(warn)  # the data are fine; the user should still hear backups fail
    return session


class _BackupNews(QObject):
    """Hands the open backup's failure from its thread to the window's (a queued signal)."""

    failed = Signal(object)

    def tell(self, job: BackgroundBackup) -> None:
        if job.error is not None:
            self.failed.emit(job.error)


def _refuse(damage: integrity.DamagedDatabase) -> str | None:
    raise damage


def _open_or_recover(data_dir: Path, ask) -> Workspace | None:
    try:
        return integrity.open_checked(data_dir)
    except integrity.DamagedDatabase as damage:
        log_error(damage)
        choice = ask(damage)
        if choice == DamagedDatabaseDialog.RESTORE and damage.latest_backup is not None:
            recovery = integrity.recover_from_backup(data_dir, damage.latest_backup.path)
        elif choice == DamagedDatabaseDialog.START_EMPTY:
            recovery = integrity.start_empty(data_dir)
        else:
            return None
        log.info("damaged database set aside as %s", recovery.set_aside)
        return recovery.workspace

