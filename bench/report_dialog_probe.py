"""The report window on a large plan: time to open it, and each key typed in a section.

    .venv/bin/python bench/generate.py /tmp/cchc-bench/export10000 --tasks 10000 --big-plan 10000
    .venv/bin/python bench/report_dialog_probe.py /tmp/cchc-bench/export10000 [--plan 1] [--runs 3]

Opening builds the report once (figures, warnings and the sections' values); a key
typed fills the section again from those values, never rebuilding the report. Runs
offscreen on a copy of the data (the report window may write to the database).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(args.data_dir, copy, ignore=shutil.ignore_patterns("backups", "*.lock"))
        workspace = Workspace.open(copy)
        operations = Operations(UndoStack(workspace.db))
        opens = []
        for _ in range(args.runs):
            started = time.perf_counter()
            dialog = ReportDialog(operations, args.plan)
            opens.append(time.perf_counter() - started)
        dialog.sections.setCurrentRow(1)
        keys = []
        for char in "Đã triển khai":
            started = time.perf_counter()
            dialog.editor.insertPlainText(char)
            app.processEvents()
            keys.append(1000 * (time.perf_counter() - started))
        workspace.close()
    print(f"open the report window: median {statistics.median(opens):.3f} s  {[round(s, 3) for s in opens]}")
    print(f"a key typed in a section: median {statistics.median(keys):.2f} ms, max {max(keys):.2f} ms")


if __name__ == "__main__":
    main()
