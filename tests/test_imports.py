"""Every module of ``cchc_desktop`` and ``ui`` imports on its own, in a fresh interpreter.

A module that only a rarely used dialog imports would otherwise fail first in a user's
hands (or in the frozen build, whose hidden imports come from the same walk).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cchc_desktop", "ui")

IMPORT_ALL = """
import importlib, json, pkgutil, sys
names, failed = [], {}
for package_name in sys.argv[1:]:
    package = importlib.import_module(package_name)
    names.append(package_name)
    names += [m.name for m in pkgutil.walk_packages(package.__path__, package_name + ".")]
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"imported": names, "failed": failed}))
"""


def module_names_on_disk() -> set[str]:
    names = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", IMPORT_ALL, *PACKAGES],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["failed"] == {}
    assert set(report["imported"]) == module_names_on_disk()
