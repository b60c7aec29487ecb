"""Every test gets fresh user directories; nothing touches the real ones."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# This machine is shared and noisy: property tests judge behaviour, never speed.
settings.register_profile("cchc", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cchc")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)
    return home


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def workspace(data_dir):
    from cchc_desktop.workspace import Workspace

    opened = Workspace.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def db(workspace):
    return workspace.db


@pytest.fixture
def demo_plan_id(db):
    from cchc_desktop.demo import load_demo

    return load_demo(db)
