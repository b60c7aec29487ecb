"""The core must run without Qt: importing all of it pulls in neither PySide6 nor ui."""

import json
import pkgutil
import subprocess
import sys

import cchc_desktop


def all_core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(cchc_desktop.__path__, prefix="cchc_desktop.")
    )


def test_importing_every_core_module_imports_no_qt():
    modules = all_core_modules()
    assert "cchc_desktop.cli" in modules and "cchc_desktop.db" in modules
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
