"""Restoring a backup over the open database, after backing up the current state."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.backup.checking import ContentSummary, connect_read_only, verify_backup_file
from cchc_desktop.backup.names import backups_dir
from cchc_desktop.backup.rotation import remove_quietly
from cchc_desktop.backup.writing import (
    copy_pages, has_user_data, remove_partial, write_backup, write_verified_copy,
)
from cchc_desktop.db import database_file, open_database
from cchc_desktop.errors import CchcError, DatabaseUnusable
from cchc_desktop.migrations import applied_migration_names, known_migration_names
from cchc_desktop.os_errors import environment_problem, is_damage, is_environment_error
from cchc_desktop.progress import portion, step
from cchc_desktop.sqlite_db import Database
from cchc_desktop.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    content: ContentSummary
    safety_copy: Path | None  # the state just before the restore, None when there was nothing


def restore_backup(workspace: Workspace, source: Path, now: datetime | None = None) -> RestoreReport:
    """Replace the workspace's data with ``source``, after backing up the current state.

    The copy goes through the backup API into the open database as one write
    transaction, so a failure or a crash leaves the old data, never a mix. Cancelled
    (``progress``) before the copy is complete, or failed, it leaves everything as it
    was: the old data, and no safety copy either.
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
    except BaseException:  # cancelled, a backup that cannot be brought up to date, a failing disk
        if safety is not None:
            remove_quietly(safety)
        raise
    log.info("restored %s (safety copy %s)", source, safety)
    return RestoreReport(source, content, safety)


def load_into(source: Path, db: Database) -> None:
    """Copy ``source`` over the open database ``db``, its schema brought up to date first.

    A backup from an older version is migrated in a copy beside the database before
    anything is replaced, so a migration that fails leaves the data as they were."""
    if db.conn.in_transaction:
        raise RuntimeError("restore inside an open transaction")
    staged = None
    try:
        if _needs_migrations(source):
            staged = staged_path(database_file(db))
            upgraded_copy(source, staged, "khôi phục dữ liệu")
        reader = connect_read_only(staged or source)
        try:
            copy_pages(reader, db.conn)
        finally:
            reader.close()
    except (OSError, sqlite3.Error) as exc:
        raise environment_problem(exc, "khôi phục dữ liệu") from exc
    finally:
        if staged is not None:
            remove_partial(staged)


def staged_path(db_path: Path) -> Path:
    """Where a backup is prepared beside the database before it replaces anything."""
    return db_path.with_name(db_path.name + ".khoi-phuc.part")


def upgraded_copy(source: Path, staged: Path, what: str) -> None:
    """Copy the backup ``source`` to ``staged`` and apply our pending migrations there.

    ``what`` names the action in the message shown when the disk fails. A backup that
    cannot be brought up to date is refused (``DatabaseUnusable``) and ``staged`` removed."""
    remove_partial(staged)  # left by a restore that was killed; we hold the instance lock
    reader = connect_read_only(source)
    try:
        write_verified_copy(reader, staged, what)
    finally:
        reader.close()
    try:
        open_database(staged).close()  # migrates; closing the last connection folds the WAL back in
    except Exception as exc:
        remove_partial(staged)
        cause = exc.__cause__ if isinstance(exc, CchcError) and exc.__cause__ is not None else exc
        if is_environment_error(cause) and not is_damage(cause):
            raise environment_problem(cause, what) from exc
        log.warning("backup %s could not be migrated: %r", source, exc)
        raise DatabaseUnusable(
            f"Tệp {source.name} không dùng để khôi phục được: không chuyển được sang phiên bản này "
            "của CCHC Desktop. Dữ liệu hiện tại không bị thay đổi."
        ) from exc


def _needs_migrations(source: Path) -> bool:
    reader = connect_read_only(source)
    try:
        return bool(known_migration_names() - applied_migration_names(reader))
    finally:
        reader.close()
