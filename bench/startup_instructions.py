"""Start-up in CPU instructions: a figure this shared, noisy machine cannot blur.

    python bench/startup_instructions.py DATA_DIR

Runs each start once under ``valgrind --tool=callgrind`` (about 10-20 s each) and
prints the instructions it executed, whole process from interpreter start to exit:
the bare window of target 1, the bare window showing the same table, that window
with ``from PySide6.QtCore import Qt`` added (the first use of Qt's namespace makes
its ~100 Python enums: any model or view code pays it), the same table served by a
Python model behind a proxy as ``ui/`` serves it (bench/floor_window.py), and
``cchc-desktop --screenshot``. The same binaries and inputs give the same count to within 0.1%,
whatever else the machine is doing, so a change to start-up can be judged by one run.

Instructions are not seconds: memory traffic, page faults and the dynamic loader's
file reads are not counted, and the wall-clock ratio (bench/run.py) comes out higher.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from run import compile_bytecode, machine  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

WITH_QT_NAMESPACE = """
import runpy, sys
from PySide6.QtCore import Qt
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def instructions(command: list[str]) -> int:
    """Instructions executed by the command (and its threads), counted by callgrind."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
                       check=True, capture_output=True, env=env)
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError(f"callgrind wrote no total for {command}")


def starts(data_dir: Path, scratch: Path) -> dict[str, list[str]]:
    bare_content = str(ROOT / "bench" / "bare_content_window.py")
    return {
        "bare window (the baseline)": [sys.executable, str(ROOT / "bench" / "bare_window.py"),
                                       str(scratch / "bare.png")],
        "bare window showing the same table": [sys.executable, bare_content, str(data_dir),
                                               str(scratch / "content.png")],
        "the same, with from PySide6.QtCore import Qt": [sys.executable, "-c", WITH_QT_NAMESPACE, bare_content,
                                                         str(data_dir), str(scratch / "content_qt.png")],
        "the same table from a Python model and proxy": [
            sys.executable, str(ROOT / "bench" / "floor_window.py"), str(data_dir), str(scratch / "floor.png")],
        "cchc-desktop --screenshot": [str(BIN / "cchc-desktop"), "--data-dir", str(data_dir),
                                      "--screenshot", str(scratch / "ours.png")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path, help="a database made by bench/generate.py (5 plans, 300 tasks)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    compile_bytecode()  # stale bytecode would charge every start for compiling our sources
    with tempfile.TemporaryDirectory() as scratch:
        counts = {name: instructions(command) for name, command in starts(args.data_dir, Path(scratch)).items()}
    baseline = counts["bare window (the baseline)"]
    print(f"{'start':48s} {'instructions':>14s} {'× baseline':>10s}")
    for name, count in counts.items():
        print(f"{name:48s} {count / 1e6:12.1f} M {count / baseline:10.2f}")
    print("written", write_results(counts, baseline))


def write_results(counts: dict[str, int], baseline: int) -> Path:
    lines = ["# Start-up in instructions", "",
             f"Recorded {datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
             "Command: `.venv/bin/python bench/startup_instructions.py /tmp/cchc-bench/startup300` "
             "(one run each under callgrind; the data set of bench/run.py's start-up target).", "",
             "| start | instructions (millions) | × the bare window |", "|---|---|---|"]
    lines += [f"| {name} | {count / 1e6:.1f} | {count / baseline:.2f} |" for name, count in counts.items()]
    path = ROOT / "bench" / "startup_instructions.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
