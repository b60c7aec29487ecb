"""The backup taken at open, written by a thread while the window comes up.

Copying, verifying and fsyncing a database takes from a few milliseconds (a ward's
plans) to seconds (a province's 100,000 tasks on an old disk). None of it needs the
window to wait: the copy is read through a connection of its own, inside one read
transaction, so it is a consistent snapshot even if the user edits meanwhile (WAL lets
the writer go on). The thread that starts it waits only until that transaction holds
the data as they were at open (a millisecond): an edit made at once, by a busy machine's
first start or by ``--demo``, is never in the copy meant to undo it. Whoever closes the
session waits for the copy itself (:meth:`wait`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cchc_desktop.backup import BackupInfo, automatic_backup, connect_read_only
from cchc_desktop.paths import database_path
from cchc_desktop.sqlite_db import Database
from cchc_desktop.workspace import Workspace


SNAPSHOT_WAIT_S = 10.0  # the longest a session waits for the copy's snapshot (a locked disk)


def backup_database_file(data_dir: Path, reason: str, now: datetime | None = None,
                         snapshot_taken: Callable[[], None] = lambda: None) -> BackupInfo | None:
    """:func:`cchc_desktop.backup.automatic_backup` through a read-only connection of its
    own, from one read transaction; ``snapshot_taken()`` is called once it has begun."""
    reader = Database(connect_read_only(database_path(data_dir)))
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # the snapshot is taken at the first read
        snapshot_taken()
        return automatic_backup(Workspace(data_dir, reader), reason, now)
    finally:
        reader.close()  # ends the read transaction


class BackgroundBackup:
    """One automatic backup running in a thread; ``wait()`` gives its result or raises its error.

    ``on_done(self)`` is called at the end *in the backup's thread* (a window hands it on
    to its own thread)."""

    def __init__(self, data_dir: Path, reason: str, now: datetime | None = None,
                 on_done: Callable[["BackgroundBackup"], None] | None = None):
        self.result: BackupInfo | None = None
        self.error: BaseException | None = None
        self._on_done = on_done
        self._snapshot = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(data_dir, reason, now),
                                        name=f"backup-{reason}", daemon=False)
        self._thread.start()
        self._snapshot.wait(SNAPSHOT_WAIT_S)

    def _run(self, data_dir: Path, reason: str, now: datetime | None) -> None:
        try:
            self.result = backup_database_file(data_dir, reason, now, snapshot_taken=self._snapshot.set)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits
            self.error = error
        finally:
            self._snapshot.set()  # a copy that failed before its snapshot holds nobody up
        if self._on_done is not None:
            self._on_done(self)

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self) -> BackupInfo | None:
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.result
