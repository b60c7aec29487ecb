"""Crash safety with real processes killed by SIGKILL at random moments.

Every write is one transaction on a WAL database with synchronous=FULL: after a
kill, ``cchc check`` passes, every plan is whole (never half-written), and every
commit the writer announced is there. Backups and restores survive kills too:
a named backup is always complete, a restore is all or nothing.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc_desktop import integrity
from cchc_desktop.backup import list_backups, verify_backup_file
from cchc_desktop.demo import demo_data
from cchc_desktop.paths import database_path
from cchc_desktop.workspace import Workspace
from tests.cchc_desktop.test_cli import run_cchc

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[2]
KILLS = 220
CCHC_CHECK_EVERY = 20
DEMO = demo_data()
AREAS = len(DEMO["areas"])
TASKS = sum(len(area["tasks"]) for area in DEMO["areas"])
INDICATORS = len(DEMO["indicators"])


def test_reopened_database_keeps_wal_and_full_sync(workspace, data_dir):
    workspace.close()
    again = Workspace.open(data_dir)
    try:
        assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert again.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        again.close()


def start_writer(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.cchc_desktop.crash_writer", str(data_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def kill_at_random(process: subprocess.Popen, rng: random.Random) -> str:
    """Most kills land while plans are being written; some while the writer opens the file."""
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0, 0.15))
    else:
        assert process.stdout.readline() == "ready\n", process.stderr.read()
        time.sleep(rng.uniform(0, 0.06))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate()
    assert process.returncode == -signal.SIGKILL, err
    return out


def last_committed(output: str) -> int:
    counts = [int(n) for n in re.findall(r"^committed (\d+)$", output, re.MULTILINE)]
    return counts[-1] if counts else 0


def plan_shapes(db_path: Path) -> tuple[int, int, set[tuple[int, int, int]]]:
    """(plans, units, the set of distinct (areas, tasks, indicators) per plan)."""
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        plans, units = conn.execute("SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM unit)").fetchone()
        shapes = set(conn.execute(
            """
            SELECT (SELECT count(*) FROM area a WHERE a.plan_id = p.id),
                   (SELECT count(*) FROM task t WHERE t.plan_id = p.id),
                   (SELECT count(*) FROM indicator i WHERE i.plan_id = p.id)
            FROM plan p
            """
        ).fetchall())
    finally:
        conn.close()
    return plans, units, shapes


def assert_whole(db_path: Path, at_least: int) -> int:
    integrity.check(db_path.parent)  # raises with the reason if not sound
    plans, units, shapes = plan_shapes(db_path)
    assert plans >= at_least
    assert units == plans  # each document writes its unit first: a lone unit is a half-written plan
    assert shapes <= {(AREAS, TASKS, INDICATORS)}
    return plans


@pytest.mark.slow
def test_sigkill_while_writing_never_loses_a_commit_or_half_writes_a_plan(data_dir):
    rng = random.Random(int(os.environ.get("CRASH_SEED", "20261123")))
    db_path = database_path(data_dir)
    durable = 0
    started = time.monotonic()
    for kill in range(1, KILLS + 1):
        output = kill_at_random(start_writer(data_dir), rng)
        durable = max(durable, last_committed(output))
        durable = assert_whole(db_path, at_least=durable)
        if kill % CCHC_CHECK_EVERY == 0:
            result = run_cchc("--data-dir", str(data_dir), "check")
            assert result.returncode == 0, result.stderr
    assert durable > KILLS  # the kills did land among commits, not only before the first
    print(f"{KILLS} kills, {durable} whole plans, {time.monotonic() - started:.1f} s")


def fill(data_dir: Path, plans: int) -> None:
    from cchc_desktop.demo import insert_plan_document

    workspace = Workspace.open(data_dir)
    try:
        for _ in range(plans):
            with workspace.db.atomic():
                insert_plan_document(workspace.db, DEMO)
    finally:
        workspace.close()


def kill_cchc_at_random(data_dir: Path, rng: random.Random, *args: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_desktop.cli", "--data-dir", str(data_dir), *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(rng.uniform(0.05, 0.35))
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow
def test_sigkill_during_backup_leaves_only_whole_backups(data_dir):
    rng = random.Random(7)
    fill(data_dir, 150)
    for _ in range(20):
        kill_cchc_at_random(data_dir, rng, "backup")
    backups = list_backups(data_dir / "backups")
    assert backups, "no kill landed after a backup completed; lengthen the delays"
    for info in backups:
        assert verify_backup_file(info.path).plans == 150
    assert run_cchc("--data-dir", str(data_dir), "check").returncode == 0


@pytest.mark.slow
def test_sigkill_during_restore_is_all_or_nothing(data_dir):
    rng = random.Random(11)
    fill(data_dir, 150)
    source = run_cchc("--data-dir", str(data_dir), "backup").stdout.strip()
    fill(data_dir, 50)
    seen = set()
    for _ in range(20):
        kill_cchc_at_random(data_dir, rng, "restore", source)
        plans = assert_whole(database_path(data_dir), at_least=0)
        assert plans in (150, 200)
        seen.add(plans)
        if plans == 150:
            fill(data_dir, 50)  # back to the later state, so the next restore has work to do
    assert run_cchc("--data-dir", str(data_dir), "check").returncode == 0
    print(f"restore states seen after kills: {sorted(seen)}")
