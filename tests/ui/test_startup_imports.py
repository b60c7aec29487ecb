"""Start-up stays light: on an up-to-date database the window opens without importing the
libraries only some actions need (issue 8: openpyxl, reportlab and python-docx only when
needed; sqlite-utils only to apply a pending migration; pypdfium2 only to print), nor
the parts of the program itself that only a later click needs: dialogs, tabs out of sight."""

import json
import os
import subprocess
import sys

HEAVY = ("openpyxl", "reportlab", "docx", "pypdfium2", "sqlite_utils")
ON_DEMAND = ("ui.about_dialog", "ui.restore_dialog", "ui.overview", "ui.indicators_view", "ui.task_dialog",
             "ui.plan_dialog", "ui.import_dialog", "ui.export_dialog", "ui.report_dialog", "ui.first_run",
             "cchc_desktop.demo")

SCRIPT = """
import json, sys
from ui.app import main
code = main(["--data-dir", sys.argv[1], "--screenshot", sys.argv[2]])
loaded = set(sys.modules) | {name.split('.')[0] for name in sys.modules}
heavy = sorted(loaded & set(sys.argv[3:]))
print(json.dumps({"code": code, "heavy": heavy}))
"""


def run_window(data_dir, png):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir), str(png), *HEAVY, *ON_DEMAND],
                            capture_output=True, text=True, env=env, timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_window_opens_without_heavy_libraries(tmp_path):
    data_dir = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "cchc_desktop.cli", "--data-dir", str(data_dir), "demo"],
                   check=True, capture_output=True, timeout=120)
    report = run_window(data_dir, tmp_path / "shot.png")
    assert report == {"code": 0, "heavy": []}
    assert (tmp_path / "shot.png").stat().st_size > 10_000


def test_a_new_database_is_migrated_with_sqlite_utils(tmp_path):
    report = run_window(tmp_path / "empty", tmp_path / "shot.png")
    assert report["code"] == 0
    assert report["heavy"] == ["sqlite_utils"]  # the schema was created; nothing else was needed
