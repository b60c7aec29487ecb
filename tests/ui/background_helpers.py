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
