"""Run a slow core job off the GUI thread, with a progress bar and a cancel button.

The job gets its own database connection (SQLite connections belong to the thread
that opened them; WAL lets it read while the window keeps its own). Success and
failure come back on the GUI thread through callbacks; failures go to the one error
display, a cancel is simply reported.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from cchc_desktop.db import database_file, open_database
from cchc_desktop.progress import Cancelled, reporting
from cchc_desktop.repo import task_count
from ui.errors import show_error

# A plan this large is read and worked out in a worker thread (its window, its report),
# so the window never freezes on it; a ward's plan of 40 to 100 tasks is shown at once.
LARGE_PLAN_TASKS = 1500
SHOW_AFTER_MS = 200  # a job done sooner shows no dialog at all
DIALOG_WIDTH = 420  # room for a label that names a file
# The bar is redrawn at most this often: a job reporting every few rows must not
# flood the GUI thread with updates (each one repaints the dialog).
REPORT_EVERY_S = 0.05


class _Sharing:
    """While any worker runs, the GUI thread gets the interpreter back quickly.

    Python runs one thread at a time; a worker busy in Python code hands over only every
    "switch interval" (5 ms by default), and the GUI thread needs the interpreter for
    every slot, timer and model call (a repaint of the appendix makes hundreds). So
    while jobs run the interval is much shorter, and the garbage collector does no full
    collection: one over a large heap (a plan of 10,000 tasks) holds every thread for
    100 ms and more. The young generations are still collected (short, and the jobs
    make little cyclic garbage anyway).
    """

    # The worst stall of the first opening of a 10,000-task plan (bench/run.py --only scale,
    # "stall_opening_big_plan_ms"): 1 ms 398 ms, 0.2 ms 176 ms, 0.05 ms 93 ms. The worker
    # barely slows: it hands over only while the GUI thread waits for the interpreter.
    SWITCH_INTERVAL_S = 0.00005
    NO_FULL_COLLECTION = 1_000_000_000
    _lock = threading.Lock()
    _running = 0
    _saved: tuple[float, tuple[int, int, int]] | None = None

    @classmethod
    def enter(cls) -> None:
        with cls._lock:
            if cls._running == 0:
                cls._saved = (sys.getswitchinterval(), gc.get_threshold())
                sys.setswitchinterval(min(cls.SWITCH_INTERVAL_S, cls._saved[0]))
                young, middle, _old = cls._saved[1]
                gc.set_threshold(young, middle, cls.NO_FULL_COLLECTION)
            cls._running += 1

    @classmethod
    def leave(cls) -> None:
        with cls._lock:
            cls._running -= 1
            if cls._running == 0 and cls._saved is not None:
                interval, thresholds = cls._saved
                sys.setswitchinterval(interval)
                gc.set_threshold(*thresholds)


class _Worker(QThread):
    progressed = Signal(int, int)
    finished_with = Signal(object, object)  # result, error

    def __init__(self, db_path: Path | None, job: Callable, cancel: threading.Event):
        super().__init__()
        self.db_path, self.job, self.cancel = db_path, job, cancel
        self._reported_at = 0.0

    def _report(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._reported_at >= REPORT_EVERY_S or (total > 0 and done >= total):
            self._reported_at = now
            self.progressed.emit(done, total)
            if self.cancel.is_set():  # pressed while this step was being shown
                raise Cancelled()

    def run(self) -> None:
        db = None
        _Sharing.enter()
        try:
            if self.cancel.is_set():
                raise Cancelled()
            db = open_database(self.db_path) if self.db_path is not None else None
            with reporting(self._report):
                result = self.job(db) if db is not None else self.job()
            self.finished_with.emit(result, None)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread as data
            self.finished_with.emit(None, error)
        finally:
            if db is not None:
                db.close()
            _Sharing.leave()


_started: set[_Worker] = set()  # workers not yet waited for (GUI thread only)


def stop_all(timeout_s: float = 30.0) -> None:
    """Cancel every job still running and wait for its worker (at exit: a worker must
    not be torn down in the middle of a write; a cancelled one rolls back)."""
    for worker in list(_started):
        worker.cancel.set()
    for worker in list(_started):
        worker.wait(int(timeout_s * 1000))
        _started.discard(worker)


class BackgroundJob(QObject):
    """One running job; ``wait()`` blocks (for tests and benchmarks)."""

    def __init__(self, parent: QWidget | None, label: str, job: Callable, db_path: Path | None,
                 on_success: Callable[[object], None], on_cancel: Callable[[], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None):
        super().__init__(parent)
        self.parent_widget = parent
        self.cancel = threading.Event()
        self.on_success, self.on_cancel, self.on_error = on_success, on_cancel, on_error
        self.dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
        self.dialog.setWindowTitle("CCHC Desktop")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # The bar is driven directly, not through QProgressDialog.setValue: on a modal
        # dialog that runs a nested event loop at every step (the job's end, and all that
        # follows it, would run inside it). So the dialog is shown here, if still needed.
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.dialog.setBar(self.bar)
        self.dialog.setMinimumWidth(DIALOG_WIDTH)
        self.dialog.canceled.connect(self.cancel.set)
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show)
        self.worker = _Worker(db_path, job, self.cancel)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished_with.connect(self._finished)
        self.done = False
        self.outcome: str | None = None  # "success", "cancelled" or "error" once done
        # Started from the event loop, not here: whoever started the job gets it back
        # before any of it has run (a cancel set at once is always seen).
        _started.add(self.worker)
        QTimer.singleShot(0, self.worker.start)

    def _show(self) -> None:
        if not self.done and not self.cancel.is_set():
            self.dialog.show()

    def _progressed(self, done: int, total: int) -> None:
        if self.done:
            return
        if total <= 0:  # not known yet: a moving bar
            self.bar.setRange(0, 0)
            return
        if self.bar.maximum() != total:
            self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def _finished(self, result, error) -> None:
        self.done = True
        self.dialog.hide()
        self.worker.wait()
        _started.discard(self.worker)
        if isinstance(error, Cancelled):
            self.outcome = "cancelled"
            if self.on_cancel is not None:
                self.on_cancel()
        elif error is not None:
            self.outcome = "error"
            show_error(self.parent_widget, error)
            if self.on_error is not None:
                self.on_error(error)
        else:
            self.outcome = "success"
            # Handling a large result (a preview of 10,000 rows) makes many objects: the full
            # collection they may set off waits for an event-loop turn of its own, instead
            # of adding its ~75 ms to this one.
            # (Scheduled first: should ``on_success`` open a modal dialog, its own event loop
            # ends the hold-off at once, instead of keeping it for as long as the dialog is open.)
            _Sharing.enter()
            QTimer.singleShot(0, _Sharing.leave)
            self.on_success(result)
        # Let go of the callbacks and the job: they often hold the dialog that holds this
        # job, and with it large results (a preview of 10,000 rows).
        self.on_success = self.on_cancel = self.on_error = self.worker.job = None
        self.dialog.deleteLater()
        self.deleteLater()

    def wait(self) -> None:
        from PySide6.QtWidgets import QApplication

        while not self.done:
            QApplication.processEvents()
            self.worker.wait(10)
        QApplication.processEvents()


def run_in_background(parent: QWidget | None, label: str, job: Callable, on_success: Callable[[object], None],
                      db_path: Path | None = None, on_cancel: Callable[[], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None) -> BackgroundJob:
    """Start ``job`` (``job(db)`` when ``db_path`` is given, else ``job()``) in a worker thread.

    ``on_error`` (optional) runs after the error was shown, to undo what the caller
    prepared (re-enable a form, say)."""
    return BackgroundJob(parent, label, job, db_path, on_success, on_cancel, on_error)


def is_large_plan(db, plan_id: int | None) -> bool:
    """Whether the plan's figures are worked out in a worker (``LARGE_PLAN_TASKS``)."""
    return plan_id is not None and task_count(db, plan_id) > LARGE_PLAN_TASKS


class LatestOnly:
    """Work asked for again before it is done (another period chosen, a refresh after an
    edit): only the latest request's result is shown, and a worker still busy with an
    earlier one is cancelled. ``work(db)`` runs at once on the window's connection, or,
    ``in_worker``, in a worker thread on its own, with the progress bar."""

    def __init__(self, parent: QWidget, label: str):
        self.parent, self.label = parent, label
        self.requests = 0
        self.job: BackgroundJob | None = None

    def run(self, work: Callable[[object], object], db, show: Callable[[object], None], in_worker: bool,
            on_cancel: Callable[[], None] | None = None) -> None:
        self.stop()
        request = self.requests

        def shown(result) -> None:
            if request == self.requests:
                self.job = None
                show(result)

        def cancelled() -> None:
            if request == self.requests:
                self.job = None
                if on_cancel is not None:
                    on_cancel()

        if in_worker:
            self.job = run_in_background(self.parent, self.label, work, shown, db_path=database_file(db),
                                         on_cancel=cancelled)
        else:
            shown(work(db))

    def stop(self) -> None:
        """No result of a request made so far will be shown; a worker still busy stops."""
        self.requests += 1
        if self.job is not None:
            self.job.cancel.set()
            self.job = None
