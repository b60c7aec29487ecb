"""Run a slow core job off the GUI thread, with a progress bar and a cancel button.

The job gets its own database connection (SQLite connections belong to the thread
that opened them; WAL lets it read while the window keeps its own). Success and
failure come back on the GUI thread through callbacks; failures go to the one error
display, a cancel is simply reported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cchc_desktop.db import open_database
from cchc_desktop.progress import Cancelled, reporting
from ui.errors import show_error

SHOW_AFTER_MS = 200


class _Worker(QThread):
    progressed = Signal(int, int)
    finished_with = Signal(object, object)  # result, error

    def __init__(self, db_path: Path | None, job: Callable, cancel: threading.Event):
        super().__init__()
        self.db_path, self.job, self.cancel = db_path, job, cancel

    def _report(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.progressed.emit(done, total)

    def run(self) -> None:
        db = None
        try:
            db = open_database(self.db_path) if self.db_path is not None else None
            with reporting(self._report):
                result = self.job(db) if db is not None else self.job()
            self.finished_with.emit(result, None)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread as data
            self.finished_with.emit(None, error)
        finally:
            if db is not None:
                db.close()


class BackgroundJob(QObject):
    """One running job; ``wait()`` blocks (for tests and benchmarks)."""

    def __init__(self, parent: QWidget | None, label: str, job: Callable, db_path: Path | None,
                 on_success: Callable[[object], None], on_cancel: Callable[[], None] | None = None):
        super().__init__(parent)
        self.parent_widget = parent
        self.cancel = threading.Event()
        self.on_success, self.on_cancel = on_success, on_cancel
        self.dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
        self.dialog.setWindowTitle("CCHC Desktop")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.canceled.connect(self.cancel.set)
        self.worker = _Worker(db_path, job, self.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished_with.connect(self._finished)
        self.done = False
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, total))

    def _finished(self, result, error) -> None:
        self.done = True
        self.dialog.reset()
        self.dialog.hide()
        self.worker.wait()
        if isinstance(error, Cancelled):
            if self.on_cancel is not None:
                self.on_cancel()
        elif error is not None:
            show_error(self.parent_widget, error)
        else:
            self.on_success(result)
        self.deleteLater()

    def wait(self) -> None:
        from PySide6.QtWidgets import QApplication

        while not self.done:
            QApplication.processEvents()
            self.worker.wait(10)
        QApplication.processEvents()


def run_in_background(parent: QWidget | None, label: str, job: Callable, on_success: Callable[[object], None],
                      db_path: Path | None = None, on_cancel: Callable[[], None] | None = None) -> BackgroundJob:
    """Start ``job`` (``job(db)`` when ``db_path`` is given, else ``job()``) in a worker thread."""
    return BackgroundJob(parent, label, job, db_path, on_success, on_cancel)
