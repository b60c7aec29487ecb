"""One measurement of the window in a fresh process (run by bench/run.py).

    python bench/window_probe.py DATA_DIR {startup|scale}
Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def settle(app, limit: int = 100) -> None:
    """Process events until none is left: the view laid out, its rows fitted and painted.

    One ``processEvents`` is not enough: what it handles posts more (a paint after the
    rows are fitted, the table's own 0 ms timers), which would otherwise be timed with
    the next keystroke, or not at all after the last one."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

    app.processEvents()
    dispatcher = QAbstractEventDispatcher.instance()
    for _ in range(limit):
        if not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
            return


def wait_until(app, condition, limit=30.0):
    started = time.perf_counter()
    while not condition() and time.perf_counter() - started < limit:
        app.processEvents()
        time.sleep(0.001)


class StallMeter:
    """Largest gap between ticks of a 5 ms timer: how long the event loop was blocked."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self):
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self):
        self.last, self.worst = time.perf_counter(), 0.0

    def until(self, app, start, done, limit: float = 60.0):
        """Run ``start()``, then the event loop until ``done(started)`` (``started``: what
        ``start`` returned): (that, seconds taken, worst stall in ms), the stall
        counting what ``start()`` itself held the GUI thread for."""
        app.processEvents()
        self.reset()
        began = time.perf_counter()
        started = start()
        self.tick()
        wait_until(app, lambda: done(started), limit)
        app.processEvents()  # and drawn
        return started, time.perf_counter() - began, 1000 * self.worst


def scale(data_dir: str) -> dict:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from cchc_desktop.workspace import Workspace
    from ui.fonts import application_font, register_fonts
    from ui.main_window import MainWindow

    register_fonts()
    app.setFont(application_font())
    from ui.app import settle_heap

    window = MainWindow(Workspace.open(data_dir))
    window.resize(1366, 768)
    settle_heap()  # as the program does once its window is built
    window.show()
    app.processEvents()
    ready = time.perf_counter() - started
    meter = StallMeter()
    meter.reset()
    opened = time.perf_counter()
    window.refresh_plans(select_plan_id=1)  # the 10,000-task plan
    wait_until(app, lambda: window.appendix_model.task_count() >= 10_000)
    settle(app)
    big_plan = time.perf_counter() - opened
    stall_opening = meter.worst
    search = window.appendix.filter_bar.search
    keystrokes = []
    meter.reset()
    for text in ("k", "ke", "ke ", "ke h", "ke ho", "ke hoa", "ke hoac", "ke hoach", "ke hoac", "tuyen", ""):
        began = time.perf_counter()
        search.setText(text)
        settle(app)  # until the view shows the rows found
        keystrokes.append(time.perf_counter() - began)
    return {
        "window_ready_s": round(ready, 3), "big_plan_open_s": round(big_plan, 3),
        "stall_opening_big_plan_ms": round(stall_opening * 1000, 1),
        "keystroke_median_ms": round(sorted(keystrokes)[len(keystrokes) // 2] * 1000, 1),
        "keystroke_max_ms": round(max(keystrokes) * 1000, 1),
        "keystrokes_ms": [round(k * 1000, 1) for k in keystrokes],
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(scale(sys.argv[1])))
