"""Backups of the database: copied with SQLite's backup API, verified, then rotated.

A backup is written under a temporary ``.part`` name, checked with ``PRAGMA
quick_check`` and only then renamed to its final name, so a file named
``cchc-….sqlite3`` is always a complete, sound copy. Names sort by time and say
why they were taken: ``cchc-2026-11-23T12-30-05-open.sqlite3``.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.sqlite_db import Database

from cchc_desktop.db import SQLITE_HEADER
from cchc_desktop.errors import CchcError, DatabaseUnusable, UserInputError
from cchc_desktop.migrations import applied_migration_names, apply_migrations, known_migration_names
from cchc_desktop.os_errors import environment_problem, is_damage
from cchc_desktop.progress import Cancelled, portion, step, steps
from cchc_desktop.workspace import Workspace

log = logging.getLogger(__name__)

BACKUPS_DIR_NAME = "backups"
TIME_FORMAT = "%Y-%m-%dT%H-%M-%S"
PARTIAL_SUFFIX = ".part"
REASON_LABELS = {
    "open": "Khi mở chương trình",
    "close": "Khi đóng chương trình",
    "manual": "Sao lưu thủ công",
    "before-restore": "Trước khi khôi phục",
}
NAME_PATTERN = re.compile(
    r"cchc-(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)"
    r"(?:-(?P<reason>open|close|manual|before-restore))?(?:-(?P<serial>\d+))?\.sqlite3"
)
KEEP_LAST = 10
KEEP_MONTHS = 12
STALE_PARTIAL_SECONDS = 3600
PAGES_PER_STEP = 256  # a copy goes 1 MB at a time (4 KB pages), so it can report and be cancelled
READ_TIMEOUT_SECONDS = 5.0  # how long a read waits for another program's lock


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str  # a key of REASON_LABELS, or "" for a file named otherwise

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, "Tệp sao lưu")


@dataclass(frozen=True)
class ContentSummary:
    plans: int
    tasks: int


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    content: ContentSummary
    safety_copy: Path | None  # the state just before the restore, None when there was nothing


# Names and listing -----------------------------------------------------------

def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIR_NAME


def backup_file_name(taken_at: datetime, reason: str, serial: int = 1) -> str:
    suffix = f"-{serial}" if serial > 1 else ""
    return f"cchc-{taken_at.strftime(TIME_FORMAT)}-{reason}{suffix}.sqlite3"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = NAME_PATTERN.fullmatch(path.name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], TIME_FORMAT)
    except ValueError:  # month 13 and the like: not one of ours
        return None
    return BackupInfo(path, taken_at, match["reason"] or "")


def describe_file(path: Path) -> BackupInfo:
    """A backup's info from its name, or from its modification time when renamed by hand."""
    parsed = parse_backup_name(path)
    if parsed:
        return parsed
    return BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0), "")


def list_backups(folder: Path) -> list[BackupInfo]:
    """Complete backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = (parse_backup_name(path) for path in folder.iterdir() if path.is_file())
    return sorted((info for info in found if info), key=_newest_first_key)


def _newest_first_key(info: BackupInfo) -> tuple:
    serial = NAME_PATTERN.fullmatch(info.path.name)["serial"]
    return (-info.taken_at.timestamp(), -int(serial or 1), info.path.name)


def _free_name(folder: Path, taken_at: datetime, reason: str) -> Path:
    serial = 1
    while True:
        path = folder / backup_file_name(taken_at, reason, serial)
        if not path.exists() and not _partial(path).exists():
            return path
        serial += 1


def _partial(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


# Reading a database file without changing it ---------------------------------

def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write ``path`` and never creates it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=READ_TIMEOUT_SECONDS)


def quick_check_problem(conn: sqlite3.Connection) -> str | None:
    """The first line ``PRAGMA quick_check`` reports, or None when the database is sound."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if [tuple(row) for row in rows] == [("ok",)]:
        return None
    return str(rows[0][0]) if rows else "quick_check không trả lời"


def schema_is_newer(conn: sqlite3.Connection) -> bool:
    """True when a newer version of the program has migrated this database further."""
    return bool(applied_migration_names(conn) - known_migration_names())


def count_content(conn: sqlite3.Connection) -> ContentSummary:
    plans = conn.execute("SELECT count(*) FROM plan WHERE deleted_at IS NULL").fetchone()[0]
    tasks = conn.execute(
        "SELECT count(*) FROM task JOIN plan ON plan.id = task.plan_id WHERE plan.deleted_at IS NULL"
    ).fetchone()[0]
    return ContentSummary(plans, tasks)


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def verify_backup_file(path: Path) -> ContentSummary:
    """What a backup holds, after making sure it is sound and ours to restore."""
    unusable = f"Tệp {path.name} không dùng để khôi phục được"
    try:
        if not has_sqlite_header(path):
            raise DatabaseUnusable(f"{unusable}: không phải cơ sở dữ liệu của CCHC Desktop.")
        conn = connect_read_only(path)
        try:
            return _verified_content(conn, unusable)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise DatabaseUnusable(f"{unusable}: tệp bị hỏng.") from exc
        raise environment_problem(exc, f"đọc tệp sao lưu {path.name}") from exc
    except OSError as exc:
        raise environment_problem(exc, f"đọc tệp sao lưu {path.name}") from exc


def _verified_content(conn: sqlite3.Connection, unusable: str) -> ContentSummary:
    problem = quick_check_problem(conn)
    if problem:
        log.info("backup failed its integrity check (%s): %s", unusable, problem)
        raise DatabaseUnusable(f"{unusable}: tệp bị hỏng.")
    if schema_is_newer(conn):
        raise DatabaseUnusable(f"{unusable}: tệp do phiên bản CCHC Desktop mới hơn tạo ra.")
    try:
        return count_content(conn)
    except sqlite3.OperationalError:
        raise DatabaseUnusable(f"{unusable}: không phải cơ sở dữ liệu của CCHC Desktop.") from None


def read_content(path: Path) -> ContentSummary | None:
    """Plans and tasks in a backup, or None when the file cannot be read as one."""
    try:
        return verify_backup_file(path)
    except CchcError:
        return None


def catalog(folder: Path) -> list[tuple[BackupInfo, ContentSummary | None]]:
    """The backups in ``folder``, newest first, each with what it holds (read from the file,
    after checking it: one progress step per file)."""
    return [(info, read_content(info.path)) for info in steps(list_backups(folder), every=1)]


# Writing ---------------------------------------------------------------------

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
        _fsync_file(partial)
    except BaseException as exc:
        remove_partial(partial)
        if isinstance(exc, sqlite3.Error) and is_damage(exc):
            raise DatabaseUnusable(_DAMAGED_SOURCE) from exc
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise environment_problem(exc, what) from exc
        raise


_DAMAGED_SOURCE = "Cơ sở dữ liệu hiện tại bị hỏng nên không sao lưu được. Hãy khôi phục từ một bản sao lưu cũ hơn."


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    """The copy step itself: SQLite's online backup, leaving one self-contained file."""
    target = sqlite3.connect(str(target_path), isolation_level=None)
    try:
        source.backup(target, pages=PAGES_PER_STEP, progress=_copy_progress)
        target.execute("PRAGMA journal_mode = DELETE")  # no -wal beside a copy on a USB stick
    finally:
        target.close()


def _copy_progress(_status: int, remaining: int, total: int) -> None:
    """Between steps of a copy: report, and let a cancel abort it (the target's write
    transaction rolls back). After the last page the copy is complete: too late to cancel."""
    if remaining:
        step(total - remaining, total)


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


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX only; Windows cannot open a directory)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a directory; the rename still happened
    finally:
        os.close(fd)


def write_backup(source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None) -> BackupInfo:
    """A verified backup of ``source`` in ``folder`` (created if missing), named for ``now``."""
    what = f"ghi bản sao lưu vào {folder}"
    taken_at = (now or datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = _free_name(folder, taken_at, reason)
    except OSError as exc:
        raise environment_problem(exc, what) from exc
    write_verified_copy(source, _partial(final), what)
    try:
        os.replace(_partial(final), final)
    except OSError as exc:
        remove_partial(_partial(final))
        raise environment_problem(exc, what) from exc
    fsync_dir(folder)
    log.info("backup written: %s", final)
    return BackupInfo(final, taken_at, reason)


def has_user_data(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM plan)").fetchone()[0])


def automatic_backup(workspace: Workspace, reason: str, now: datetime | None = None) -> BackupInfo | None:
    """The backup taken at open and at close, then rotation. None for an empty database:
    copies of nothing would push real backups out of the rotation."""
    if not has_user_data(workspace.db):
        return None
    folder = backups_dir(workspace.data_dir)
    info = write_backup(workspace.db.conn, folder, reason, now)
    rotate(folder, now)
    return info


def backup_to_folder(workspace: Workspace, folder: Path, now: datetime | None = None) -> BackupInfo:
    """"Sao lưu": a copy in a folder the user chose (a USB stick), never rotated."""
    if not folder.is_dir():
        raise UserInputError(f"Thư mục {folder} không tồn tại (hoặc ổ đĩa đã bị rút ra).")
    return write_backup(workspace.db.conn, folder, "manual", now)


# Rotation --------------------------------------------------------------------

def backups_to_keep(backups: Iterable[BackupInfo], now: datetime) -> set[Path]:
    """The last KEEP_LAST backups, plus the newest of each of the last KEEP_MONTHS months."""
    newest_first = sorted(backups, key=_newest_first_key)
    keep = {info.path for info in newest_first[:KEEP_LAST]}
    months = set(_last_months(now, KEEP_MONTHS))
    for info in newest_first:
        month = (info.taken_at.year, info.taken_at.month)
        if month in months:
            keep.add(info.path)
            months.discard(month)
    return keep


def _last_months(now: datetime, count: int) -> list[tuple[int, int]]:
    """(year, month) of ``now``'s month and the ``count - 1`` months before it."""
    index = now.year * 12 + now.month - 1
    return [(year, month0 + 1) for year, month0 in (divmod(index - back, 12) for back in range(count))]


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups no longer kept, and copies left unfinished long ago."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now)
    removed = [info.path for info in backups if info.path not in keep]
    for path in removed:
        _remove_quietly(path)
    _remove_stale_partials(folder)
    return removed


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        log.info("old backup removed: %s", path)
    except OSError as exc:
        log.info("could not remove old backup %s: %s", path, exc)


def _remove_stale_partials(folder: Path) -> None:
    """Copies a killed process never finished; recent ones may still be in progress elsewhere."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for path in folder.glob(f"cchc-*{PARTIAL_SUFFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


# Restoring -------------------------------------------------------------------

def restore_backup(workspace: Workspace, source: Path, now: datetime | None = None) -> RestoreReport:
    """Replace the workspace's data with ``source``, after backing up the current state.

    The copy goes through the backup API into the open database as one write
    transaction, so a failure or a crash leaves the old data, never a mix. Cancelled
    (``progress``) before the copy is complete, it leaves everything as it was: the old
    data, and no safety copy either.
    """
    with portion(0.0, 0.1):
        content = verify_backup_file(source)
    safety = None
    if has_user_data(workspace.db):
        with portion(0.1, 0.5):
            safety = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "before-restore", now).path
    try:
        with portion(0.5, 1.0):
            step(0, 1)  # the last moment to cancel before the data are replaced (a small copy is one step)
            load_into(source, workspace.db)
    except Cancelled:
        if safety is not None:
            _remove_quietly(safety)
        raise
    log.info("restored %s (safety copy %s)", source, safety)
    return RestoreReport(source, content, safety)


def load_into(source: Path, db: Database) -> None:
    """Copy ``source`` over the open database ``db`` and bring its schema up to date."""
    if db.conn.in_transaction:
        raise RuntimeError("restore inside an open transaction")
    try:
        reader = connect_read_only(source)
        try:
            reader.backup(db.conn, pages=PAGES_PER_STEP, progress=_copy_progress)
        finally:
            reader.close()
    except (OSError, sqlite3.Error) as exc:
        raise environment_problem(exc, "khôi phục dữ liệu") from exc
    apply_migrations(db)
