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
from cchc_desktop.backup.writing import copy_pages, has_user_data, write_backup
from cchc_desktop.migrations import apply_migrations
from cchc_desktop.os_errors import environment_problem
from cchc_desktop.progress import Cancelled, portion, step
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
            remove_quietly(safety)
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
            copy_pages(reader, db.conn)
        finally:
            reader.close()
    except (OSError, sqlite3.Error) as exc:
        raise environment_problem(exc, "khôi phục dữ liệu") from exc
    apply_migrations(db)
