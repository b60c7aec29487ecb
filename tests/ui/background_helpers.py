"""Driving background jobs (ui.background) from tests: press "Hủy", or stop a job at
a chosen point of its progress.

A job's worker starts from the event loop, so whatever a test does right after
starting one happens before any of the job has run.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def press_cancel(job) -> None:
    """The "Hủy" button of the job's progress dialog, as the user presses it."""
    job.dialog.findChild(QPushButton).click()


def cancel_when(job, monkeypatch, reached: float) -> None:
    """Cancel once the job reports ``reached`` (a fraction of the whole) or more: in the
    worker thread, as the report is made, so the job stops at its very next step."""
    from ui import background

    monkeypatch.setattr(background, "REPORT_EVERY_S", 0.0)  # every step reported

    def check(done: int, total: int) -> None:
        if total > 0 and done >= reached * total:
            job.cancel.set()

    job.worker.progressed.connect(check, Qt.ConnectionType.DirectConnection)


def start_endless_write(qtbot, db_path, timeout_ms: int = 10_000):
    """A background job that deletes every task inside a transaction and then goes on
    until cancelled: a large change caught in the middle of being written. Returns the
    job once its worker is inside the transaction."""
    import time

    from cchc_desktop.progress import step
    from ui.background import run_in_background

    inside = []

    def endless_write(db):
        with db.atomic():
            db.execute("DELETE FROM task")
            inside.append(True)
            while True:  # until cancelled
                step(0, 0)
                time.sleep(0.002)

    job = run_in_background(None, "Đang ghi…", endless_write, lambda result: None, db_path=db_path)
    qtbot.waitUntil(lambda: bool(inside), timeout=timeout_ms)
    return job
