"""Where the start-up time goes: one ``cchc-desktop --screenshot`` start cut into phases,
with the number of Python enums PySide6 created in each (it makes a type's enums when the
type is first used; on Python 3.11 each costs 0.1–3 ms).

    python bench/startup_timeline.py DATA_DIR [--runs 5]

Each run is a fresh process; the table shows the median of each phase. The phases call
the program's own functions (``ui.app``), importing first what ``ui.app.start`` imports,
so that importing and building are told apart.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from run import compile_bytecode  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parents[1]

ONE_RUN = r"""
import enum, json, sys, time
started = time.perf_counter()
created = [0]
create = enum.EnumType._create_
def counting(cls, *args, **kwargs):
    created[0] += 1
    return create(cls, *args, **kwargs)
enum.EnumType._create_ = counting
phases = []
phase_started = started
def mark(name):
    global phase_started
    now = time.perf_counter()
    phases.append((name, 1000 * (now - phase_started), created[0]))
    phase_started, created[0] = now, 0

import PySide6.QtWidgets
mark("import PySide6.QtWidgets")
from ui import app
args = app.parse_args(["--data-dir", sys.argv[1], "--screenshot", sys.argv[2]])
mark("import ui.app, read the arguments")
import ui.errors
qt_app = app.make_application()
mark("QApplication, fonts, icon")
import cchc_desktop.repo, ui.backup_dialogs, ui.main_window
mark("import the window's modules")
window, session = app.start(args)
mark("open the database, build the window")
pixmap = app.grab_window(window)
mark("first paint (layout, rows fitted) and grab")
pixmap.save(sys.argv[2], None, app.SCREENSHOT_QUALITY)
mark("write the PNG")
session.close()
mark("close the session")
print(json.dumps(phases))
"""


def one_run(data_dir: Path, png: Path) -> list:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", ONE_RUN, str(data_dir), str(png)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_bytecode()  # stale bytecode would charge every start for compiling our sources
    png = Path(os.environ.get("TMPDIR", "/tmp")) / "cchc-startup-timeline.png"
    runs = [one_run(args.data_dir, png) for _ in range(args.runs)]
    print(f"{'phase':45s} {'ms':>7s} {'enums':>6s}")
    total = 0.0
    for index, (name, _ms, _enums) in enumerate(runs[0]):
        ms = statistics.median(run[index][1] for run in runs)
        enums = statistics.median(run[index][2] for run in runs)
        total += ms
        print(f"{name:45s} {ms:7.1f} {enums:6.0f}")
    print(f"{'sum of medians (interpreter start and exit not included)':45s} {total:7.1f}")


if __name__ == "__main__":
    main()
