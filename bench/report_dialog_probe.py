"""The report window on a large plan: opening it, switching period, and each key typed
in a section.

    .venv/bin/python bench/generate.py /tmp/cchc-bench/export10000 --tasks 10000 --big-plan 10000
    .venv/bin/python bench/report_dialog_probe.py /tmp/cchc-bench/export10000 [--plan 1] [--runs 3]

A large plan's period is worked out in a worker (ui.background.LARGE_PLAN_TASKS): for
opening and for a switch of period the probe gives the time until the sections are
shown and the event loop's worst stall meanwhile (largest gap between ticks of a 5 ms
timer, window_probe.StallMeter; the target is 100 ms). A key typed fills the section
again from the values worked out, never rebuilding the report. Runs offscreen on a copy
of the data (the report window may write to the database).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from window_probe import StallMeter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--plan", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from cchc_desktop.undo import UndoStack
    from cchc_desktop.workspace import Workspace
    from ui.operations import Operations
    from ui.report_dialog import ReportDialog

    app = QApplication([])
    meter = StallMeter()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(args.data_dir, copy, ignore=shutil.ignore_patterns("backups", "*.lock"))
        workspace = Workspace.open(copy)
        operations = Operations(UndoStack(workspace.db))
        opens, switches = [], []
        for _ in range(args.runs):
            dialog, *figures = meter.until(app, lambda: ReportDialog(operations, args.plan), shows_sections)
            opens.append(figures)
            _, *figures = meter.until(app, lambda: switch(dialog, "year"), shows_sections)
            switches.append(figures)
            dialog.done(0)
        dialog, *_ = meter.until(app, lambda: ReportDialog(operations, args.plan), shows_sections)
        dialog.sections.setCurrentRow(1)
        keys = []
        for char in "Đã triển khai":
            started = time.perf_counter()
            dialog.editor.insertPlainText(char)
            app.processEvents()
            keys.append(1000 * (time.perf_counter() - started))
        workspace.close()
    summary = {}
    for key, label, runs in (("open", "open the report window", opens), ("switch", "switch to another period", switches)):
        shown = statistics.median(run[0] for run in runs)
        stall = statistics.median(run[1] for run in runs)
        summary[key] = {"shown_s": round(shown, 3), "median_stall_ms": round(stall, 1)}
        print(f"{label}: shown after {shown:.3f} s, worst stall {stall:.0f} ms (medians; runs: "
              f"{[(round(s, 3), round(w)) for s, w in runs]})")
    summary["key_max_ms"] = round(max(keys), 2)
    print(f"a key typed in a section: median {statistics.median(keys):.2f} ms, max {max(keys):.2f} ms")
    print(json.dumps(summary))  # the last line, read by bench/run.py


def switch(dialog, period: str):
    dialog.period.setCurrentIndex(dialog.period.findData(period))
    return dialog


def shows_sections(dialog) -> bool:
    return dialog.sections.count() > 0

if __name__ == "__main__":
    main()
