"""Writing a backup: copied with SQLite's backup API, checked, synced, then renamed.

A backup is written under a temporary ``.part`` name, checked with ``PRAGMA
quick_check`` and only then renamed to its final name, so a file named
``cchc-….sqlite3`` is always a complete, sound copy. The copy goes a few pages at a
time (``copy_pages``), reporting progress and letting a cancel stop it.
"""

from __future__ import annotations

import filecmp
import logging
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from cchc_desktop.backup.checking import connect_read_only, quick_check_problem
from cchc_desktop.backup.names import BackupInfo, backups_dir, free_name, list_backups, partial_path
from cchc_desktop.backup.rotation import remove_quietly, rotate
from cchc_desktop.durable import fsync_dir, fsync_file
from cchc_desktop.errors import DatabaseUnusable, UserInputError
from cchc_desktop.os_errors import environment_problem, is_damage
from cchc_desktop.progress import step
from cchc_desktop.sqlite_db import Database
from cchc_desktop.workspace import Workspace

log = logging.getLogger(__name__)

PAGES_PER_STEP = 256  # a copy goes 1 MB at a time (4 KB pages), so it can report and be cancelled
_DAMAGED_SOURCE = "Cơ sở dữ liệu hiện tại bị hỏng nên không sao lưu được. Hãy khôi phục từ một bản sao lưu cũ hơn."


def copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup of ``source`` into ``target``, PAGES_PER_STEP pages at a time.

    The copy reads inside one transaction of ``source``: other connections (the window,
    a worker) may commit meanwhile without restarting it, and it is the snapshot of its
    start. (Outside a transaction, SQLite starts a copy over whenever its source changes:
    a user editing during a long backup would push it back again and again.)"""
    own_snapshot = not source.in_transaction
    if own_snapshot:
        source.execute("BEGIN")
        source.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # the read snapshot starts here
    try:
        source.backup(target, pages=PAGES_PER_STEP, progress=_copy_progress)
    finally:
        if own_snapshot and source.in_transaction:
            source.execute("ROLLBACK")  # it only read


def _copy_progress(_status: int, remaining: int, total: int) -> None:
    """Between steps of a copy: report, and let a cancel abort it (the target's write
    transaction rolls back). After the last page the copy is complete: too late to cancel."""
    if remaining:
        step(total - remaining, total)


def write_verified_copy(source: sqlite3.Connection, partial: Path, what: str) -> None:
    """Copy ``source`` into the new file ``partial``, check and sync it; on failure remove it.

    ``what`` names the action in the message shown when the disk or the folder fails.
    The file is created here first: the OS says why it cannot be (read-only, no
    permission), where SQLite would only say "unable to open database file".
    """
    try:
        partial.touch(exist_ok=False)
    except OSError as exc:
        raise environment_problem(exc, what) from exc
    try:
        _copy_database(source, partial)
        _refuse_damaged_copy(partial)
        fsync_file(partial)
    except BaseException as exc:
        remove_partial(partial)
        if isinstance(exc, sqlite3.Error) and is_damage(exc):
            raise DatabaseUnusable(_DAMAGED_SOURCE) from exc
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise environment_problem(exc, what) from exc
        raise


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    """The copy step itself: SQLite's online backup, leaving one self-contained file."""
    target = sqlite3.connect(str(target_path), isolation_level=None)
    try:
        copy_pages(source, target)
        target.execute("PRAGMA journal_mode = DELETE")  # no -wal beside a copy on a USB stick
    finally:
        target.close()


def _refuse_damaged_copy(path: Path) -> None:
    conn = connect_read_only(path)
    try:
        problem = quick_check_problem(conn)
    finally:
        conn.close()
    if problem:
        raise DatabaseUnusable(_DAMAGED_SOURCE)


def remove_partial(partial: Path) -> None:
    """Remove an unfinished copy and whatever journal SQLite left beside it."""
    for path in (partial, *partial.parent.glob(f"{glob_escape(partial.name)}-*")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.info("could not remove unfinished copy %s", path)


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def write_backup(source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None) -> BackupInfo:
    """A verified backup of ``source`` in ``folder`` (created if missing), named for ``now``."""
    what = f"ghi bản sao lưu vào {folder}"
    taken_at = (now or datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = free_name(folder, taken_at, reason)
    except OSError as exc:
        raise environment_problem(exc, what) from exc
    write_verified_copy(source, partial_path(final), what)
    try:
        os.replace(partial_path(final), final)
    except OSError as exc:
        remove_partial(partial_path(final))
        raise environment_problem(exc, what) from exc
    fsync_dir(folder)
    log.info("backup written: %s", final)
    return BackupInfo(final, taken_at, reason)


def has_user_data(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM plan)").fetchone()[0])


def automatic_backup(workspace: Workspace, reason: str, now: datetime | None = None) -> BackupInfo | None:
    """The backup taken at open and at close, then rotation. None for an empty database:
    copies of nothing would push real backups out of the rotation.

    A copy identical to the newest backup is not kept either, and that backup is returned:
    opening the program ten times without changing anything would otherwise leave ten
    copies of the same data as the last ones kept (``rotation.KEEP_LAST``) and rotate the
    earlier, different states away. (SQLite's backup of unchanged data is the same file,
    byte for byte.)"""
    if not has_user_data(workspace.db):
        return None
    folder = backups_dir(workspace.data_dir)
    newest = next(iter(list_backups(folder)), None)
    info = write_backup(workspace.db.conn, folder, reason, now)
    if newest is not None and same_bytes(newest.path, info.path):
        log.info("backup %s not kept: the same data as %s", info.path.name, newest.path.name)
        remove_quietly(info.path)
        info = newest
    rotate(folder, now)
    return info


def same_bytes(first: Path, second: Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read)."""
    try:
        return filecmp.cmp(first, second, shallow=False)
    except OSError:
        return False


def backup_to_folder(workspace: Workspace, folder: Path, now: datetime | None = None) -> BackupInfo:
    """"Sao lưu": a copy in a folder the user chose (a USB stick), never rotated."""
    if folder.is_file():
        raise UserInputError(f"{folder} là một tệp, không phải thư mục: hãy chọn thư mục để lưu bản sao.")
    if not folder.is_dir():
        raise UserInputError(f"Thư mục {folder} không tồn tại (hoặc ổ đĩa đã bị rút ra).")
    return write_backup(workspace.db.conn, folder, "manual", now)
