"""Opening the database: pragmas, migrations, and refusing what we cannot use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.errors import DatabaseTooNew, DatabaseUnusable
from cchc_desktop.migrations import (
    MIGRATION_SET, applied_migration_names, apply_migrations, is_foreign_schema, known_migration_names,
    pending_migration_names,
)
from cchc_desktop.sqlite_db import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def open_database(path: Path) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
    _refuse_non_database(path)
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db = Database(conn)
        _refuse_newer_schema(db, path)  # before the pragmas: a refused file stays byte for byte
        _refuse_foreign_schema(db, path)
        _apply_pragmas(db)
        apply_migrations(db)
    except BaseException as exc:
        if conn is not None:
            conn.close()  # a refused file keeps no connection (nor -wal/-shm) open
        if isinstance(exc, sqlite3.DatabaseError):
            raise DatabaseUnusable(_describe_sqlite_error(exc, path)) from exc
        raise
    return db


def _refuse_non_database(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseUnusable(
            f"Tệp {path.name} không phải cơ sở dữ liệu của CCHC Desktop (hoặc đã bị hỏng)."
        )


def _apply_pragmas(db: Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def _refuse_newer_schema(db: Database, path: Path) -> None:
    unknown = applied_migration_names(db) - known_migration_names()
    if unknown:
        raise DatabaseTooNew(
            f"Cơ sở dữ liệu {path.name} được tạo bởi phiên bản CCHC Desktop mới hơn. "
            "Hãy cài phiên bản mới nhất để mở tệp này; dữ liệu không bị thay đổi."
        )


def _refuse_foreign_schema(db: Database, path: Path) -> None:
    if is_foreign_schema(db):
        raise DatabaseUnusable(
            f"Tệp {path.name} là cơ sở dữ liệu của một chương trình khác, không phải của CCHC Desktop; "
            "tệp không bị thay đổi."
        )


def _describe_sqlite_error(exc: sqlite3.DatabaseError, path: Path) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"Cơ sở dữ liệu {path.name} đang bị chương trình khác khóa. Hãy đóng chương trình đó rồi thử lại."
    if "readonly" in text or "read-only" in text:
        return f"Không ghi được vào {path.name}: tệp hoặc thư mục chỉ cho phép đọc."
    if "disk" in text and "full" in text:
        return "Ổ đĩa đã đầy, không ghi được cơ sở dữ liệu. Hãy giải phóng dung lượng rồi thử lại."
    return f"Cơ sở dữ liệu {path.name} bị hỏng hoặc không đọc được."  # SQLite's words go to the log


def database_file(db: Database) -> Path:
    """The file behind a connection, so a worker thread can open its own."""
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def schema_is_current(db: Database) -> bool:
    return not pending_migration_names(db)


__all__ = ["Database", "open_database", "schema_is_current", "MIGRATION_SET"]
