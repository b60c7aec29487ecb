"""Portable mode: ``portable.txt`` beside the executable puts every file in ``data/`` there."""

from __future__ import annotations

import sys

import pytest

from cchc_desktop import cli
from cchc_desktop.applog import LogFile, log, log_path
from cchc_desktop.backup import backups_dir
from cchc_desktop.paths import (
    DATA_DIR_ENV,
    PORTABLE_ENV,
    PORTABLE_MARKER,
    default_data_dir,
    portable_dir,
    resolve_data_dir,
)


@pytest.fixture(autouse=True)
def no_stand_in(monkeypatch):
    monkeypatch.delenv(PORTABLE_ENV, raising=False)


@pytest.fixture
def program(tmp_path, monkeypatch):
    """A frozen executable in ``usb/CCHC Desktop/`` (the folder of a one-folder build)."""
    folder = tmp_path / "usb" / "CCHC Desktop"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "cchc-desktop.exe"))
    return folder


def test_frozen_with_marker_is_portable(program):
    (program / PORTABLE_MARKER).write_text("")
    assert portable_dir() == program.resolve() / "data"
    assert resolve_data_dir() == program.resolve() / "data"


def test_frozen_without_marker_uses_the_user_data_dir(program):
    assert portable_dir() is None
    assert resolve_data_dir() == default_data_dir()


def test_a_folder_named_like_the_marker_is_not_one(program):
    (program / PORTABLE_MARKER).mkdir()
    assert portable_dir() is None


def test_unfrozen_ignores_a_marker_beside_python(tmp_path, monkeypatch):
    (tmp_path / PORTABLE_MARKER).write_text("")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert portable_dir() is None


def test_unfrozen_stand_in_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(PORTABLE_ENV, str(tmp_path))
    assert portable_dir() is None
    (tmp_path / PORTABLE_MARKER).write_text("")
    assert portable_dir() == tmp_path / "data"


def test_order_data_dir_then_env_then_portable(program, tmp_path, monkeypatch):
    (program / PORTABLE_MARKER).write_text("")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir() == tmp_path / "from-env"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert resolve_data_dir() == program.resolve() / "data"


def test_portable_database_backups_and_log_stay_beside_the_program(program, capsys):
    (program / PORTABLE_MARKER).write_text("")
    data = program.resolve() / "data"
    assert cli.main(["demo"]) == 0
    assert cli.main(["backup"]) == 0
    backup = capsys.readouterr().out.strip().splitlines()[-1]
    assert (data / "cchc.sqlite3").is_file()
    assert backup.startswith(str(backups_dir(data)))
    log_file = LogFile(resolve_data_dir())
    try:
        log.warning("portable")
    finally:
        log_file.close()
    assert log_path(data).is_file()
    assert not default_data_dir().exists()


def test_a_large_log_is_rotated_when_a_session_starts(tmp_path):
    from cchc_desktop.applog import KEPT_FILES, MAX_BYTES

    path = log_path(tmp_path)
    for number in range(1, KEPT_FILES + 1):
        path.with_name(f"{path.name}.{number}").write_text(f"cũ {number}", encoding="utf-8")
    path.write_text("x" * MAX_BYTES, encoding="utf-8")
    log_file = LogFile(tmp_path)
    try:
        log.warning("phiên mới")
    finally:
        log_file.close()
    assert "phiên mới" in path.read_text(encoding="utf-8")
    assert path.with_name(f"{path.name}.1").stat().st_size == MAX_BYTES
    assert path.with_name(f"{path.name}.2").read_text(encoding="utf-8") == "cũ 1"
    assert path.with_name(f"{path.name}.{KEPT_FILES}").read_text(encoding="utf-8") == f"cũ {KEPT_FILES - 1}"
    assert not path.with_name(f"{path.name}.{KEPT_FILES + 1}").exists()


def test_a_small_log_is_kept_and_appended_to(tmp_path):
    path = log_path(tmp_path)
    path.write_text("dòng cũ\n", encoding="utf-8")
    log_file = LogFile(tmp_path)
    try:
        log.warning("dòng mới")
    finally:
        log_file.close()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("dòng cũ\n") and "dòng mới" in text
    assert not path.with_name(f"{path.name}.1").exists()
