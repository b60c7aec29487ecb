"""Reading a database file without changing it: is it sound, is it ours, what it holds.

Used on backups before they are listed or restored, and by ``integrity`` on the
working database at start-up.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.backup.names import BackupInfo, list_backups
from cchc_desktop.db import SQLITE_HEADER
from cchc_desktop.errors import CchcError, DatabaseUnusable
from cchc_desktop.migrations import applied_migration_names, is_foreign_schema, known_migration_names
from cchc_desktop.os_errors import environment_problem, is_damage
from cchc_desktop.progress import steps
from cchc_desktop.textnorm import clean, modern_tone

log = logging.getLogger(__name__)

READ_TIMEOUT_SECONDS = 5.0  # how long a read waits for another program's lock


@dataclass(frozen=True)
class ContentSummary:
    plans: int
    tasks: int
    units: tuple[str, ...] = ()  # the names of the units it holds data for ("Phường Hạc Thành")


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
    return ContentSummary(plans, tasks, unit_names(conn))


def unit_names(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(name for (name,) in conn.execute("SELECT name FROM unit ORDER BY id"))


def other_units_warning(current_units: tuple[str, ...], restored: ContentSummary) -> str | None:
    """A caution, before a restore, when the backup holds another unit's data than the
    database in use (a colleague's USB stick, a file picked by mistake); else None."""
    if not current_units or not restored.units:
        return None
    if {_unit_key(name) for name in current_units} & {_unit_key(name) for name in restored.units}:
        return None
    theirs, ours = units_label(restored.units), units_label(current_units)
    return (
        f"Lưu ý: bản sao lưu này là dữ liệu của {theirs}, không phải của {ours} đang dùng. "
        f"Sau khi khôi phục, dữ liệu của {ours} chỉ còn trong bản sao lưu trước khi khôi phục."
    )


def _unit_key(name: str) -> str:
    """One unit written two ways ("Phường Hoà An", "phường  Hòa An") is still one unit."""
    return modern_tone(clean(name)).casefold()


def units_label(units: tuple[str, ...]) -> str:
    """The units a database holds data for, as a message names them."""
    return ", ".join(clean(name) for name in units)


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
    if is_foreign_schema(conn):
        raise DatabaseUnusable(f"{unusable}: không phải cơ sở dữ liệu của CCHC Desktop.")
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
