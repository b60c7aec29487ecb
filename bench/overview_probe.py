"""The "Tổng quan" tab on a large plan: the time until it shows the plan's figures, and
the event loop's worst stall meanwhile (largest gap between ticks of a 5 ms timer,
window_probe.StallMeter; the target is 100 ms).

    .venv/bin/python bench/generate.py /tmp/cchc-bench/export10000 --tasks 10000 --big-plan 10000
    .venv/bin/python bench/overview_probe.py /tmp/cchc-bench/export10000 [--plan 1] [--runs 5]

A plan above ui.background.LARGE_PLAN_TASKS is tracked in a worker. Runs offscreen; it
only reads the data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from window_probe import StallMeter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--plan", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from cchc_desktop import repo
    from cchc_desktop.undo import UndoStack
    from cchc_desktop.workspace import Workspace
    from ui.operations import Operations
    from ui.overview import OverviewWidget

    app = QApplication([])
    meter = StallMeter()
    workspace = Workspace.open(args.data_dir)
    plan = repo.get_plan(workspace.db, args.plan)
    tasks = repo.task_count(workspace.db, args.plan)
    widget = OverviewWidget(Operations(UndoStack(workspace.db)))
    widget.resize(1300, 700)
    widget.show()
    runs = []
    for run in range(args.runs):
        at = date(plan.year, 6, 1 + run)  # a day of its own each run: every run works the figures out
        _, *figures = meter.until(app, lambda: widget.show_plan(args.plan, at),
                                  lambda _: widget.overview is not None and widget.overview.at == at)
        runs.append(figures)
    workspace.close()
    shown = statistics.median(seconds for seconds, _ in runs)
    stall = statistics.median(worst for _, worst in runs)
    print(f"the overview of plan {args.plan} ({tasks:,} tasks): shown after {shown:.3f} s, "
          f"worst stall {stall:.0f} ms (medians; runs: {[(round(s, 3), round(w)) for s, w in runs]})")
    print(json.dumps({"shown_s": round(shown, 3), "median_stall_ms": round(stall, 1)}))


if __name__ == "__main__":
    main()
