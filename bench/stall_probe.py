"""How long the window freezes during the long operations on a large database: adding
a task at the top of a plan of 10,000 tasks and deleting one (every Stt after it is
renumbered), copying that plan to a new year, importing a 10,000-row appendix from
Excel, and restoring a backup. Each runs through the real menu action and dialogs
(offscreen; only the questions a user would answer are answered here), and each is
timed until the window shows the result. Undoing the import (Ctrl+Z on some 30,000
rows) is measured too.

    python bench/generate.py /tmp/stall-data --tasks 20000 --big-plan 10000
    python bench/stall_probe.py /tmp/stall-data [--repeat 3]

The data directory is copied first; the original is left as it is. Prints one JSON
object: per operation the worst event-loop stall (largest gap between ticks of a
5 ms timer, as in window_probe.StallMeter) and the total time (median over the runs).
The target: no stall above 100 ms. ``STALL_TRACE=1`` prints, for each stall, where the
GUI thread was and which garbage collections ran.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from window_probe import StallMeter  # noqa: E402

TARGET_MS = 100
BACKUPS = 10  # as many as the rotation keeps
COPY_YEAR, IMPORT_YEAR = 2031, 2032
LIMIT_S = 300.0


def pump(app, condition, limit: float = LIMIT_S) -> None:
    """Run the event loop (as the real one would) until ``condition()``."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the operation did not finish")
        app.processEvents()
        time.sleep(0.001)


def big_workbook(db, plan_id: int, path: Path) -> int:
    """The plan's appendix as a plain Excel sheet, the way offices type one."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(["Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành"])
    areas = db.execute("SELECT id, numeral, title FROM area WHERE plan_id = ? ORDER BY position", [plan_id]).fetchall()
    stt = 0
    for area_id, numeral, title in areas:
        sheet.append([f"{numeral}. {title}"])
        for content, lead, supporting, output, deadline in db.execute(
                "SELECT content, lead, supporting, output, deadline_text FROM task WHERE area_id = ? ORDER BY stt",
                [area_id]):
            stt += 1
            sheet.append([stt, content, lead, supporting, output, deadline])
    workbook.save(path)
    return stt


def take_backups(workspace, count: int) -> None:
    from cchc_desktop.backup import backups_dir, write_backup

    folder = backups_dir(workspace.data_dir)
    start = datetime.now().replace(microsecond=0) - timedelta(hours=count)
    for number in range(count):
        write_backup(workspace.db.conn, folder, "open" if number % 2 else "close", start + timedelta(hours=number))


class StallTracer:
    """``STALL_TRACE=1``: while the meter has not ticked for ``after`` seconds, a
    watchdog thread samples where the GUI thread is (and garbage collections, which
    stop every thread); each stall is printed to stderr with its samples."""

    def __init__(self, meter: StallMeter, after: float = 0.05):
        import gc
        import threading

        self.meter, self.after = meter, after
        self.active = False  # only while an operation is measured
        self.main = threading.main_thread().ident
        self.collections: list[tuple[float, float, str]] = []
        self._gc_start: dict[int, float] = {}
        gc.callbacks.append(self._gc)
        threading.Thread(target=self._watch, daemon=True).start()

    def _gc(self, phase: str, info: dict) -> None:
        import threading

        ident = threading.get_ident()
        if phase == "start":
            self._gc_start[ident] = time.perf_counter()
        elif ident in self._gc_start:
            began = self._gc_start.pop(ident)
            name = "GUI" if ident == self.main else "worker"
            self.collections.append((began, time.perf_counter() - began, f"gen{info['generation']} in {name}"))

    def _watch(self) -> None:
        import collections
        import threading
        import traceback

        while True:
            time.sleep(0.005)
            last = self.meter.last
            if not self.active or time.perf_counter() - last <= self.after:
                continue
            samples: collections.Counter = collections.Counter()
            while self.meter.last == last:
                for ident, frame in sys._current_frames().items():  # noqa: SLF001 - a diagnostic
                    if ident == threading.get_ident():
                        continue
                    lines = traceback.format_stack(frame, limit=12 if ident == self.main else 5)
                    where = "GUI thread" if ident == self.main else "other thread"
                    samples[where + ":\n" + "".join(line for line in lines if "site-packages" not in line)] += 1
                time.sleep(0.005)
            gap = self.meter.last - last
            gcs = [f"{kind} {duration * 1000:.0f} ms" for began, duration, kind in self.collections
                   if last <= began <= self.meter.last and duration > 0.01]
            print(f"=== stall {gap * 1000:.0f} ms; garbage collections: {gcs or 'none'}", file=sys.stderr)
            for stack, count in samples.most_common(6):
                print(f"--- {count} samples:\n{stack}", file=sys.stderr)


class Probe:
    def __init__(self, app, window):
        self.app, self.window = app, window
        self.meter = StallMeter()
        self.tracer = StallTracer(self.meter) if os.environ.get("STALL_TRACE") else None
        self.shown: list[int] = []  # the plans the window finished showing, in order
        show = window._show_plan_view

        def recorded(view) -> None:
            show(view)
            if view.plan.id == window.current_plan_id:
                self.shown.append(view.plan.id)

        window._show_plan_view = recorded  # the background plan load calls it by name

    def measure(self, start, done) -> dict:
        """Start an operation (its menu action) and run the event loop until ``done()``
        (cheap: no database reads while measuring)."""
        self.pump_idle()
        self.meter.reset()
        if self.tracer is not None:
            self.tracer.active = True
        began = time.perf_counter()
        start()
        pump(self.app, done)
        self.app.processEvents()
        self.meter.tick()
        if self.tracer is not None:
            self.tracer.active = False
        return {"worst_stall_ms": round(self.meter.worst * 1000, 1), "total_s": round(time.perf_counter() - began, 2)}

    def pump_idle(self, seconds: float = 0.3) -> None:
        end = time.perf_counter() + seconds
        pump(self.app, lambda: time.perf_counter() >= end)

    def showing(self, plan_id, since: int = 0) -> bool:
        """The window has finished showing ``plan_id`` (after the ``since``-th show)."""
        return plan_id is not None and plan_id in self.shown[since:] and self.window.current_plan_id == plan_id


def run(app, data_dir: Path) -> dict:
    from cchc_desktop import repo
    from cchc_desktop.workspace import Workspace
    from ui import actions, errors, import_dialog
    from ui.main_window import MainWindow

    shown_errors: list[str] = []
    errors.ErrorDialog.exec = lambda self: shown_errors.append(self.message_label.text()) or 0

    work = Path(tempfile.mkdtemp(prefix="cchc-stall-"))
    shutil.copytree(data_dir, work / "data")
    workspace = Workspace.open(work / "data")
    db = workspace.db
    big_plan = max(repo.list_plans(db), key=lambda plan: plan.tasks)
    known = {plan.id for plan in repo.list_plans(db)}
    xlsx = work / "phu-luc-lon.xlsx"
    rows = big_workbook(db, big_plan.id, xlsx)
    take_backups(workspace, BACKUPS)

    window = MainWindow(workspace)
    window.resize(1366, 768)
    window.show()
    probe = Probe(app, window)
    from ui.app import settle_heap

    settle_heap()  # as the program does once its window is built
    window.refresh_plans(select_plan_id=big_plan.id)
    pump(app, lambda: probe.showing(big_plan.id))
    results: dict = {"data": {"tasks": db.execute("SELECT count(*) FROM task").fetchone()[0],
                              "big_plan_tasks": big_plan.tasks, "import_rows": rows, "backups": BACKUPS}}

    # 0. Ctrl+N on the first task of the large plan, until the new task's cell is open
    # for typing; Esc takes it back (unmeasured). Then Delete on the first task.
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView

    first_task = repo.list_tasks(db, big_plan.id)[0].id
    view = window.appendix.view
    window.appendix.select_task(first_task)
    results["add_task"] = probe.measure(
        window.new_task_action.trigger,
        lambda: view.state() == QAbstractItemView.State.EditingState or bool(shown_errors))
    before = len(probe.shown)
    QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Escape)
    pump(app, lambda: probe.showing(big_plan.id, before) and window.appendix_model.task_count() == big_plan.tasks)
    actions.confirm = lambda *args, **kwargs: True
    window.appendix.select_task(first_task)
    before = len(probe.shown)
    results["delete_task"] = probe.measure(
        window.delete_task_action.trigger,
        lambda: probe.showing(big_plan.id, before) and window.appendix_model.task_count() == big_plan.tasks - 1
        or bool(shown_errors))

    # 1. Copy the large plan to a new year (Kế hoạch → Sao chép sang năm mới…).
    actions.ask_int = lambda *args, **kwargs: COPY_YEAR
    before = len(probe.shown)
    results["copy_plan"] = probe.measure(
        window.copy_plan_action.trigger,
        lambda: any(plan_id not in known for plan_id in probe.shown[before:]) or bool(shown_errors))
    results["copy_plan"]["plan_loads"] = len(probe.shown) - before

    # 2. Import the 10,000-row workbook into a new plan (Tệp → Nhập phụ lục…): the file is
    # read, the deadlines re-read for another year, then the tasks written.
    import_dialog.choose_import_file = lambda parent: xlsx
    imported: dict = {}

    def answer_import(dialog) -> int:
        began = time.perf_counter()
        dialog.year_spin.setValue(IMPORT_YEAR)
        pump(app, lambda: not getattr(dialog, "busy", False))
        imported["year_change_s"] = round(time.perf_counter() - began, 2)
        dialog.import_button.click()
        pump(app, lambda: dialog.result_plan_id is not None or bool(shown_errors))
        imported["plan_id"] = dialog.result_plan_id
        return dialog.result()

    import_dialog.ImportDialog.exec = answer_import
    before = len(probe.shown)
    results["import"] = probe.measure(window.import_action.trigger,
                                      lambda: probe.showing(imported.get("plan_id"), before) or bool(shown_errors))
    results["import"]["year_change_s"] = imported.get("year_change_s")

    # 2b. Undo that import (Sửa → Hoàn tác): some 30,000 rows deleted in one change.
    before = len(probe.shown)
    results["undo_import"] = probe.measure(
        window.undo_action.trigger,
        lambda: len(probe.shown) > before and window.current_plan_id != imported.get("plan_id") or bool(shown_errors))

    # 3. Restore the newest backup (Tệp → Khôi phục…): the list is read (every backup is
    # checked), the current data backed up, then the backup copied in.
    from ui import restore_dialog as dialog_module  # loaded on first use in the program; here, to answer it

    dialog_module.confirm = lambda *args, **kwargs: True
    dialog_module.inform = lambda *args, **kwargs: None
    restored: dict = {}

    def answer_restore(dialog) -> int:
        pump(app, lambda: dialog.selected() is not None)
        dialog.restore_selected()
        pump(app, lambda: dialog.report is not None or bool(shown_errors))
        restored["report"], restored["shows"] = dialog.report, len(probe.shown)
        return dialog.result()

    dialog_module.RestoreDialog.exec = answer_restore
    results["restore"] = probe.measure(
        window.restore_action.trigger,
        lambda: "report" in restored and probe.showing(window.current_plan_id, restored["shows"]) or bool(shown_errors))
    report = restored.get("report")
    results["restore"]["restored_tasks"] = report.content.tasks if report else None

    results["worst_stall_ms"] = max(results[op]["worst_stall_ms"] for op in OPERATIONS)
    results["errors"] = shown_errors
    window.close()
    window.deleteLater()
    workspace.close()
    shutil.rmtree(work, ignore_errors=True)
    return results


OPERATIONS = ("add_task", "delete_task", "copy_plan", "import", "undo_import", "restore")


def main() -> None:
    import argparse
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs, each in a fresh process (the machine is noisy: the worst of them is reported)")
    args = parser.parse_args()
    if args.repeat > 1:
        command = [sys.executable, str(Path(__file__).resolve()), str(args.data_dir)]
        runs = [json.loads(subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout)["each_run"][0]
                for _ in range(args.repeat)]
    else:
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        from ui.fonts import application_font, register_fonts

        register_fonts()
        app.setFont(application_font())
        runs = [run(app, args.data_dir)]
    summary = {"runs": len(runs), "target_ms": TARGET_MS}
    for op in OPERATIONS:
        stalls = sorted(r[op]["worst_stall_ms"] for r in runs)
        totals = sorted(r[op]["total_s"] for r in runs)
        summary[op] = {"worst_stall_ms": stalls[-1], "median_stall_ms": stalls[len(stalls) // 2],
                       "total_s": totals[len(totals) // 2]}
    summary["worst_stall_ms"] = max(summary[op]["worst_stall_ms"] for op in OPERATIONS)
    summary["errors"] = [e for r in runs for e in r["errors"]]
    summary["data"] = runs[0]["data"]
    summary["each_run"] = [{op: r[op] for op in OPERATIONS} | {"errors": r["errors"], "data": r["data"]} for r in runs]
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
