"""The frozen build: scripts/build.py makes it here, then the frozen programs run.

About 40 s on 2 cores with a cold PyInstaller cache, so it runs with the suite whenever
PyInstaller is installed (pip install -e ".[build]"); deselect it with ``-m "not slow"``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_imports import module_names_on_disk

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT_SIZE = (1366, 768)
AT = "2024-06-30"  # a fixed "today", so the frozen and unfrozen screenshots can match
KEPT_PLUGIN_FOLDERS = {"platforms", "imageformats", "styles", "printsupport", "platforminputcontexts"}
DROPPED_QT = ("qt6network", "qt6qml", "qt6quick", "qt6pdf", "qt6opengl", "qt6svg", "opengl32sw")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason='needs pip install -e ".[build]"'),
]


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_script", ROOT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_script = load_build_script()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build once for the module, with PyInstaller's cache out of the real home."""
    work = tmp_path_factory.mktemp("pyinstaller")
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(work / "cache"))
    command = [sys.executable, ROOT / "scripts" / "build.py", "--dist", work / "dist", "--work", work / "build"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout.strip().splitlines()[-1])  # size and build time, shown with pytest -s
    return work / "dist" / build_script.NAME


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, result.stderr
    return result


def internal(bundle: Path) -> Path:
    return bundle / "_internal"


def test_bundle_mirrors_resources_and_drops_unused_qt(bundle):
    assert build_script.executable(bundle).is_file()
    assert build_script.executable(bundle, "cchc").is_file()
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.suffix not in {".py", ".pyc"}:
            assert (internal(bundle) / path.relative_to(ROOT)).is_file(), path
    qt_files = [path for path in (internal(bundle) / "PySide6").rglob("*") if path.is_file()]
    plugin_folders = {path.parent.name for path in qt_files if path.parent.parent.name == "plugins"}
    assert "platforms" in plugin_folders and plugin_folders <= KEPT_PLUGIN_FOLDERS
    assert not [path for path in qt_files if path.suffix == ".qm" or path.name.lower().startswith(DROPPED_QT)]
    assert any(path.name.startswith(("libpdfium", "pdfium")) for path in (internal(bundle) / "pypdfium2_raw").iterdir())
    assert any(path.name.startswith("_rl_accel") for path in internal(bundle).iterdir())  # reportlab's C helpers


def test_every_module_is_frozen_in(bundle):
    """What the lazy imports and collect_submodules should have put into the window's archive."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(build_script.executable(bundle))).open_embedded_archive("PYZ.pyz")
    wanted = module_names_on_disk() | {"openpyxl", "reportlab", "docx", "pypdfium2", "pypdfium2_raw"}
    assert wanted - set(archive.toc) == set()


def colour_count(image) -> int:
    from PySide6.QtGui import QImage

    data = bytes(image.convertToFormat(QImage.Format.Format_RGB32).constBits())
    return len({data[i:i + 4] for i in range(0, len(data), 4)})


def test_frozen_window_screenshot_matches_the_unfrozen_one(bundle, tmp_path):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    frozen, unfrozen = tmp_path / "frozen.png", tmp_path / "unfrozen.png"
    arguments = ["--demo", "--at", AT, "--screenshot"]
    run([build_script.executable(bundle), "--data-dir", tmp_path / "frozen-data", *arguments, frozen])
    run([sys.executable, "-m", "ui.app", "--data-dir", tmp_path / "data", *arguments, unfrozen], cwd=ROOT)
    image, reference = QImage(str(frozen)), QImage(str(unfrozen))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    assert colour_count(image) > 500  # text, table grid, coloured statuses: not a blank window
    above_status_bar = QRect(0, 0, SCREENSHOT_SIZE[0], SCREENSHOT_SIZE[1] - 30)
    assert image.copy(above_status_bar) == reference.copy(above_status_bar)
    assert (tmp_path / "frozen-data" / "cchc.sqlite3").is_file()


def test_frozen_cli_exports_and_runs_portable(bundle, tmp_path):
    """``portable.txt`` beside the programs: the data go to ``data/`` there, not the user's folder."""
    marker, data = bundle / "portable.txt", bundle / "data"
    marker.write_text("")
    try:
        cchc = build_script.executable(bundle, "cchc")
        plan_id = run([cchc, "demo"]).stdout.strip()
        run([cchc, "export", "appendix", "--plan", plan_id, "--out", tmp_path])
        assert (data / "cchc.sqlite3").is_file()
    finally:
        marker.unlink()
        for path in sorted(data.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        data.rmdir()
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".pdf", ".xlsx"]
    assert next(tmp_path.glob("*.pdf")).read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_kept_qt_plugins_find_their_qt_libraries(bundle):
    for plugin in (internal(bundle) / "PySide6").rglob("plugins/*/*"):
        missing = [line for line in run(["ldd", plugin]).stdout.splitlines() if "not found" in line]
        assert missing == [], plugin
