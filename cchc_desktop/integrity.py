"""Checking the database at open, and getting out of a damaged one.

A damaged file (corrupt, or not a database at all) is never overwritten or deleted:
it is renamed aside, with its -wal and -shm, as ``cchc.sqlite3.hong-<time>``, and the
latest good backup takes its place. A database from a newer version is not damaged:
it is refused untouched (``DatabaseTooNew``). Locked, unplugged or full disks are
the environment's problems and are reported as such, never taken for damage.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.backup import (
    TIME_FORMAT,
    ContentSummary,
    BackupInfo,
    backups_dir,
    connect_read_only,
    count_content,
    has_sqlite_header,
    list_backups,
    quick_check_problem,
    remove_partial,
    schema_is_newer,
    staged_path,
    upgraded_copy,
    verify_backup_file,
)
from cchc_desktop.durable import fsync_dir
from cchc_desktop.errors import CchcError, DatabaseTooNew, DatabaseUnusable
from cchc_desktop.migrations import is_foreign_schema
from cchc_desktop.os_errors import environment_problem, is_damage
from cchc_desktop.paths import database_path, ensure_data_dir, resolve_data_dir
from cchc_desktop.workspace import Workspace

log = logging.getLogger(__name__)

DAMAGED_MARK = "hong"
SIDE_FILES = ("-wal", "-shm")
TOO_NEW = (
    "Cơ sở dữ liệu {name} được tạo bởi phiên bản CCHC Desktop mới hơn. "
    "Hãy cài phiên bản mới nhất để mở tệp này; dữ liệu không bị thay đổi."
)


class DamagedDatabase(DatabaseUnusable):
    """The database file is corrupt or not a database; ``latest_backup`` may replace it."""

    def __init__(self, message: str, db_path: Path, latest_backup: BackupInfo | None):
        super().__init__(message)
        self.db_path = db_path
        self.latest_backup = latest_backup


@dataclass
class Recovery:
    workspace: Workspace
    set_aside: Path  # where the damaged file now lies
    content: ContentSummary | None  # what the restored backup holds (None: started empty)


# Diagnosis -------------------------------------------------------------------

def diagnose(db_path: Path) -> str | None:
    """Why the file at ``db_path`` is damaged (a Vietnamese sentence), or None if it is sound.

    Read-only. A locked or unreadable file raises ``EnvironmentProblem`` instead.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    name = db_path.name
    try:
        if not has_sqlite_header(db_path):
            return f"Tệp {name} không phải cơ sở dữ liệu của CCHC Desktop (hoặc đã bị hỏng)."
        conn = connect_read_only(db_path)
        try:
            problem = quick_check_problem(conn)
            if problem is None and is_foreign_schema(conn):
                return f"Tệp {name} là cơ sở dữ liệu của một chương trình khác, không phải của CCHC Desktop."
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if not is_damage(exc):
            raise environment_problem(exc, f"kiểm tra cơ sở dữ liệu {name}") from exc
        problem = str(exc)
    except OSError as exc:
        raise environment_problem(exc, f"đọc cơ sở dữ liệu {name}") from exc
    if problem is None:
        return None
    log.info("%s failed its integrity check: %s", db_path, problem)  # SQLite's words, for whoever helps
    return f"Cơ sở dữ liệu {name} bị hỏng."


def check(data_dir_override: str | os.PathLike | None = None) -> ContentSummary:
    """``cchc check``: what the database holds when it is sound; else ``DatabaseUnusable``
    (or ``EnvironmentProblem``) with the reason. Creates nothing, writes nothing: the
    directory is left as it was found, -wal and -shm included (``_remove_side_files``)."""
    db_path = database_path(resolve_data_dir(data_dir_override))
    if not db_path.is_file():
        raise DatabaseUnusable(f"Không có cơ sở dữ liệu {db_path}.")
    if db_path.stat().st_size == 0:
        raise DatabaseUnusable(f"Tệp {db_path} trống (0 byte).")
    found = _side_files(db_path)
    try:
        return _checked_content(db_path)
    finally:
        if not found:
            _remove_side_files(db_path)


def _checked_content(db_path: Path) -> ContentSummary:
    reason = diagnose(db_path)
    if reason:
        raise DatabaseUnusable(reason)
    conn = connect_read_only(db_path)
    try:
        return _sound_content(conn, db_path.name)
    except sqlite3.Error as exc:
        raise environment_problem(exc, f"kiểm tra cơ sở dữ liệu {db_path.name}") from exc
    finally:
        conn.close()


def _side_files(db_path: Path) -> set[str]:
    """Which of -wal, -shm and -journal lie beside the database."""
    return {suffix for suffix in (*SIDE_FILES, "-journal") if db_path.with_name(db_path.name + suffix).exists()}


def _remove_side_files(db_path: Path) -> None:
    """Remove the -wal and -shm that reading a WAL database with ``mode=ro`` creates (and,
    being read-only, cannot remove), when no other connection has the database open.

    Not ``immutable=1`` instead of ``mode=ro``: SQLite would then take no lock and ignore
    the -wal, so beside a running window it could read pages a checkpoint is rewriting (a
    sound database reported damaged) and miss every plan saved since the last checkpoint.
    Not deleting the files ourselves either: a window or worker that opened the database
    meanwhile may be using them, and a -shm deleted under it splits the WAL index between
    its connections, a -wal deleted loses its commits. So SQLite does it, under its own
    locks: a read-write connection that only reads, when it closes as the last connection
    (it gets the EXCLUSIVE lock only if no other connection has the file open), checkpoints
    the WAL, empty since nothing wrote, so the database's bytes and time stay as they were,
    and deletes -wal and -shm. With another connection open, the files stay: they are its.
    A -wal with frames (another writer's) or a hot -journal (which a read-write connection
    would roll back into the database) is never touched.
    """
    created = _side_files(db_path)
    if not created or "-journal" in created:
        return
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size:
            return
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a read opens the WAL
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:  # left as they are: harmless, and never the check's result
        log.info("Could not remove the -wal/-shm left beside %s: %s", db_path, exc)


def _sound_content(conn: sqlite3.Connection, name: str) -> ContentSummary:
    if schema_is_newer(conn):
        raise DatabaseTooNew(TOO_NEW.format(name=name))
    try:
        return count_content(conn)
    except sqlite3.OperationalError:
        raise DatabaseUnusable(f"Tệp {name} không phải cơ sở dữ liệu của CCHC Desktop.") from None


def latest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup in the data directory that passes verification."""
    for info in list_backups(backups_dir(data_dir)):
        try:
            verify_backup_file(info.path)
        except CchcError:
            continue
        return info
    return None


# Opening ---------------------------------------------------------------------

def open_checked(data_dir_override: str | os.PathLike | None = None) -> Workspace:
    """Open the workspace after ``PRAGMA quick_check``; raise ``DamagedDatabase`` if it fails."""
    data_dir = ensure_data_dir(resolve_data_dir(data_dir_override))
    db_path = database_path(data_dir)
    reason = diagnose(db_path)
    if reason:
        raise _damaged(data_dir, reason)
    try:
        return Workspace.open(data_dir)
    except DatabaseUnusable as error:
        if isinstance(error.__cause__, sqlite3.Error) and is_damage(error.__cause__):
            raise _damaged(data_dir, error.message) from error
        raise


def _damaged(data_dir: Path, reason: str) -> DamagedDatabase:
    latest = latest_good_backup(data_dir)
    if latest:
        offer = f"Bản sao lưu tốt gần nhất: {latest.taken_at:%d/%m/%Y %H:%M:%S}."
    else:
        offer = "Không tìm thấy bản sao lưu nào dùng được."
    return DamagedDatabase(f"{reason} {offer}", database_path(data_dir), latest)


# Getting out of a damaged database --------------------------------------------

def set_aside_damaged(db_path: Path, now: datetime | None = None) -> Path:
    """Rename the damaged file and its -wal/-shm aside; return its new path.

    The -wal goes first: a stale WAL left beside a new database would be replayed into it.
    """
    target = _free_aside_name(db_path, (now or datetime.now()).strftime(TIME_FORMAT))
    try:
        for suffix in SIDE_FILES:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        if db_path.exists():
            os.replace(db_path, target)
    except OSError as exc:
        raise environment_problem(exc, f"đổi tên tệp hỏng {db_path.name}") from exc
    fsync_dir(db_path.parent)
    return target


def _free_aside_name(db_path: Path, stamp: str) -> Path:
    serial = 1
    while True:
        suffix = f"-{serial}" if serial > 1 else ""
        target = db_path.with_name(f"{db_path.name}.{DAMAGED_MARK}-{stamp}{suffix}")
        if not any(target.with_name(target.name + s).exists() for s in ("", *SIDE_FILES)):
            return target
        serial += 1


def recover_from_backup(data_dir: Path, backup_path: Path, now: datetime | None = None) -> Recovery:
    """Put the damaged database aside and the backup in its place; open the result.

    The backup is copied beside the database first, so if the copy fails (disk
    full) nothing has moved yet.
    """
    content = verify_backup_file(backup_path)
    db_path = database_path(data_dir)
    staged = staged_path(db_path)
    upgraded_copy(backup_path, staged, f"khôi phục vào {data_dir}")
    try:
        set_aside = set_aside_damaged(db_path, now)
        os.replace(staged, db_path)
    except CchcError:
        remove_partial(staged)
        raise
    except OSError as exc:
        remove_partial(staged)
        raise environment_problem(exc, "khôi phục dữ liệu") from exc
    fsync_dir(data_dir)
    return Recovery(open_checked(data_dir), set_aside, content)


def start_empty(data_dir: Path, now: datetime | None = None) -> Recovery:
    """Put the damaged database aside and start with an empty one."""
    set_aside = set_aside_damaged(database_path(data_dir), now)
    return Recovery(open_checked(data_dir), set_aside, None)
