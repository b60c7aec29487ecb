"""The worker-thread machinery itself (ui.background): the progress dialog with its
"Hủy", what a job leaves behind, stopping every job at exit."""

from __future__ import annotations

import gc
import sys
import threading
import time

from PySide6.QtWidgets import QPushButton

from cchc_desktop.progress import step, steps
from tests.ui.background_helpers import press_cancel
from ui import background
from ui.background import run_in_background, stop_all


def test_a_long_job_shows_its_progress_and_a_cancel_button(qtbot):
    def slow():
        for _ in steps(range(40), every=1):
            time.sleep(0.02)
        return "xong"

    results = []
    job = run_in_background(None, "Đang làm việc dài…", slow, results.append)
    qtbot.waitUntil(job.dialog.isVisible, timeout=5000)  # after SHOW_AFTER_MS
    assert job.dialog.labelText() == "Đang làm việc dài…"
    assert job.dialog.findChild(QPushButton).text() == "Hủy"
    qtbot.waitUntil(lambda: job.bar.maximum() == 40 and job.bar.value() > 0, timeout=5000)
    job.wait()
    assert results == ["xong"] and job.outcome == "success"


def test_the_job_runs_in_another_thread_and_its_result_comes_back_here(qtbot):
    threads = []
    job = run_in_background(None, "Đang làm…", lambda: threading.current_thread(), threads.append)
    assert threads == []  # nothing has run yet: the worker starts from the event loop
    job.wait()
    assert threads and threads[0] is not threading.main_thread()


def test_cancel_stops_the_job_at_its_next_step(qtbot):
    reached = []

    def endless():
        while True:
            step(len(reached), 0)
            reached.append(1)
            time.sleep(0.002)

    cancelled = []
    job = run_in_background(None, "Đang làm…", endless, lambda _r: None, on_cancel=lambda: cancelled.append(1))
    qtbot.waitUntil(lambda: len(reached) > 3, timeout=5000)
    press_cancel(job)
    job.wait()
    assert job.outcome == "cancelled" and cancelled == [1]


def test_the_interpreter_settings_come_back_after_the_jobs(qtbot):
    interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
    seen = []

    def look():
        seen.append((sys.getswitchinterval(), gc.get_threshold()[2]))

    first = run_in_background(None, "Đang làm…", look, lambda _r: None)
    second = run_in_background(None, "Đang làm…", look, lambda _r: None)
    first.wait()
    second.wait()
    assert all(shared < interval and old > thresholds[2] for shared, old in seen)
    assert (sys.getswitchinterval(), gc.get_threshold()) == (interval, thresholds)


def test_stop_all_cancels_and_waits(qtbot):
    from PySide6.QtWidgets import QApplication

    running = []

    def endless():
        running.append(1)
        while True:
            step(0, 0)
            time.sleep(0.002)

    job = run_in_background(None, "Đang làm…", endless, lambda _r: None)
    while not running:
        QApplication.processEvents()
    stop_all()
    assert not job.worker.isRunning() and not background._started
    job.wait()
    assert job.outcome == "cancelled"
