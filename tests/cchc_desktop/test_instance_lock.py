"""One window per data directory, checked across real processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.instance_lock import AlreadyRunning, InstanceLock, already_running_message
from tests.cchc_desktop.test_cli import run_cchc

ROOT = Path(__file__).resolve().parents[2]
TRY_LOCK = """
import sys
from cchc_desktop.instance_lock import AlreadyRunning, InstanceLock
try:
    InstanceLock(sys.argv[1]).acquire()
except AlreadyRunning as error:
    print(error.message)
    sys.exit(3)
print("acquired")
"""
HOLD_LOCK = """
import sys, time
from cchc_desktop.instance_lock import InstanceLock
lock = InstanceLock(sys.argv[1]).acquire()
print("holding", flush=True)
time.sleep(60)
"""


def try_lock_elsewhere(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(data_dir)], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_a_second_process_is_told_the_window_is_running(data_dir, tmp_path):
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    with InstanceLock(data_dir) as lock:
        assert lock.held
        second = try_lock_elsewhere(data_dir)
        assert second.returncode == 3
        assert second.stdout.strip() == already_running_message(data_dir)
        assert second.stdout.startswith("CCHC Desktop đang chạy với thư mục dữ liệu này")
        assert try_lock_elsewhere(other_dir).stdout.strip() == "acquired"
    assert not lock.held
    assert try_lock_elsewhere(data_dir).stdout.strip() == "acquired"


def test_same_process_second_lock_fails_too(data_dir):
    first = InstanceLock(data_dir).acquire()
    try:
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    finally:
        first.release()
    InstanceLock(data_dir).acquire().release()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_killed_window_leaves_no_stale_lock(data_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    InstanceLock(data_dir).acquire().release()


def test_command_line_reads_beside_the_window_but_does_not_restore_under_it(data_dir):
    assert run_cchc("--data-dir", str(data_dir), "demo").returncode == 0
    backup = run_cchc("--data-dir", str(data_dir), "backup").stdout.strip()
    with InstanceLock(data_dir):
        assert run_cchc("--data-dir", str(data_dir), "plans").returncode == 0
        assert run_cchc("--data-dir", str(data_dir), "check").returncode == 0
        refused = run_cchc("--data-dir", str(data_dir), "restore", backup)
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"Lỗi: {already_running_message(data_dir)}"


def test_the_window_refuses_to_start_twice(data_dir, tmp_path):
    command = shutil.which("cchc-desktop")
    base = [command] if command else [sys.executable, "-m", "ui.app"]
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    with InstanceLock(data_dir):
        result = subprocess.run(
            [*base, "--data-dir", str(data_dir), "--demo", "--screenshot", str(tmp_path / "shot.png")],
            capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT,
        )
    assert result.returncode == 2
    assert already_running_message(data_dir) in result.stderr
    assert not (tmp_path / "shot.png").exists()
    assert not (data_dir / "cchc.sqlite3").exists()  # refused before opening anything
