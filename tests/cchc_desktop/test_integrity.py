"""Damaged, foreign and too-new database files: clear messages, set aside, never deleted."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from cchc_desktop import backup, integrity
from cchc_desktop.backup import backups_dir, checking, write_backup
from cchc_desktop.demo import load_demo
from cchc_desktop.errors import DatabaseTooNew, EnvironmentProblem
from cchc_desktop.paths import database_path
from cchc_desktop.workspace import Workspace
from tests.cchc_desktop.test_backup import dump
from tests.cchc_desktop.test_cli import run_cchc

NOV_23 = datetime(2026, 11, 23, 12, 30, 5)


def damage_middle(path) -> bytes:
    """Overwrite the middle third of the file, as a failing disk would; return the result."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(b"\xff" * (size // 3))
    return path.read_bytes()


@pytest.fixture
def backed_up(data_dir):
    """A demo database, closed, with a good backup; returns (db_path, backup path, its dump)."""
    workspace = Workspace.open(data_dir)
    load_demo(workspace.db)
    saved = write_backup(workspace.db.conn, backups_dir(data_dir), "close", NOV_23)
    expected = dump(workspace.db.conn)
    workspace.close()
    return database_path(data_dir), saved.path, expected


def test_sound_database_passes(backed_up, data_dir):
    db_path, _saved, _expected = backed_up
    assert integrity.diagnose(db_path) is None
    assert integrity.check(data_dir).tasks == 44
    integrity.open_checked(data_dir).close()


def test_backup_damage_restore_gives_identical_data(backed_up, data_dir):
    db_path, saved, expected = backed_up
    damaged_bytes = damage_middle(db_path)

    with pytest.raises(integrity.DamagedDatabase) as raised:
        integrity.open_checked(data_dir)
    damage = raised.value
    assert damage.message.startswith("Cơ sở dữ liệu cchc.sqlite3 bị hỏng")
    assert damage.message.endswith("Bản sao lưu tốt gần nhất: 23/11/2026 12:30:05.")
    assert damage.latest_backup.path == saved
    assert db_path.read_bytes() == damaged_bytes  # looked at, not touched

    recovery = integrity.recover_from_backup(data_dir, damage.latest_backup.path, NOV_23 + timedelta(hours=1))
    try:
        assert dump(recovery.workspace.db.conn) == expected
    finally:
        recovery.workspace.close()
    assert recovery.set_aside.name == "cchc.sqlite3.hong-2026-11-23T13-30-05"
    assert recovery.set_aside.read_bytes() == damaged_bytes
    assert (recovery.content.plans, recovery.content.tasks) == (1, 44)
    assert integrity.diagnose(db_path) is None


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot rename a file another connection holds open")
def test_damaged_file_is_set_aside_with_its_wal_and_shm(data_dir):
    workspace = Workspace.open(data_dir)
    load_demo(workspace.db)
    db_path = workspace.db_path
    held = sqlite3.connect(db_path)  # while a connection lives, the -wal and -shm stay beside the file
    held.execute("SELECT count(*) FROM plan").fetchall()
    workspace.close()
    try:
        sides = {suffix: db_path.with_name(db_path.name + suffix).read_bytes() for suffix in ("", "-wal", "-shm")}
        aside = integrity.set_aside_damaged(db_path, NOV_23)
    finally:
        held.close()
    for suffix, content in sides.items():
        assert aside.with_name(aside.name + suffix).read_bytes() == content
    assert not db_path.exists() and not db_path.with_name("cchc.sqlite3-wal").exists()
    db_path.write_bytes(b"another damaged file")
    second = integrity.set_aside_damaged(db_path, NOV_23)  # same second: no name clash
    assert second.name == "cchc.sqlite3.hong-2026-11-23T12-30-05-2"
    assert second.read_bytes() == b"another damaged file"


def test_newest_backup_damaged_too_offers_the_one_before(backed_up, data_dir):
    db_path, saved, _expected = backed_up
    newer = backups_dir(data_dir) / backup.backup_file_name(NOV_23 + timedelta(days=1), "open")
    newer.write_bytes(saved.read_bytes())
    damage_middle(newer)
    damage_middle(db_path)
    with pytest.raises(integrity.DamagedDatabase) as raised:
        integrity.open_checked(data_dir)
    assert raised.value.latest_backup.path == saved


def test_random_bytes_named_as_the_database(data_dir):
    db_path = database_path(data_dir)
    garbage = os.urandom(64 * 1024)
    db_path.write_bytes(garbage)
    with pytest.raises(integrity.DamagedDatabase) as raised:
        integrity.open_checked(data_dir)
    assert raised.value.message == (
        "Tệp cchc.sqlite3 không phải cơ sở dữ liệu của CCHC Desktop (hoặc đã bị hỏng). "
        "Không tìm thấy bản sao lưu nào dùng được."
    )
    assert raised.value.latest_backup is None
    assert db_path.read_bytes() == garbage

    result = run_cchc("--data-dir", str(data_dir), "check")
    assert result.returncode == 1
    assert result.stderr.strip() == "Lỗi: Tệp cchc.sqlite3 không phải cơ sở dữ liệu của CCHC Desktop (hoặc đã bị hỏng)."
    assert db_path.read_bytes() == garbage

    recovery = integrity.start_empty(data_dir, NOV_23)
    recovery.workspace.close()
    assert recovery.set_aside.read_bytes() == garbage
    assert integrity.check(data_dir).plans == 0


def test_another_programs_database_is_set_aside_not_converted(backed_up, data_dir):
    db_path, saved, _expected = backed_up
    db_path.unlink()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.commit()
    conn.close()
    foreign = db_path.read_bytes()
    reason = "Tệp cchc.sqlite3 là cơ sở dữ liệu của một chương trình khác, không phải của CCHC Desktop."
    with pytest.raises(integrity.DamagedDatabase) as raised:
        integrity.open_checked(data_dir)
    assert raised.value.message == f"{reason} Bản sao lưu tốt gần nhất: 23/11/2026 12:30:05."
    result = run_cchc("--data-dir", str(data_dir), "plans")
    assert (result.returncode, result.stdout) == (2, "")
    assert db_path.read_bytes() == foreign

    recovery = integrity.recover_from_backup(data_dir, saved, NOV_23)
    recovery.workspace.close()
    assert recovery.set_aside.read_bytes() == foreign  # kept, under another name
    assert integrity.check(data_dir).tasks == 44


def test_recovery_from_a_backup_that_cannot_be_brought_up_to_date_moves_nothing(backed_up, data_dir):
    db_path, saved, _expected = backed_up
    conn = sqlite3.connect(saved)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_plan_keeps_issuer_names'")
    conn.commit()  # migration 0003 would add columns that are already there: it fails
    conn.close()
    damaged = damage_middle(db_path)
    with pytest.raises(integrity.DatabaseUnusable) as raised:
        integrity.recover_from_backup(data_dir, saved, NOV_23)
    assert "không chuyển được sang phiên bản này" in raised.value.message
    assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == ["cchc.sqlite3"]


def test_a_database_from_the_future_is_refused_untouched(backed_up, data_dir):
    db_path, _saved, _expected = backed_up
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["cchc_desktop", "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew) as raised:
        integrity.open_checked(data_dir)
    assert "phiên bản CCHC Desktop mới hơn" in raised.value.message
    result = run_cchc("--data-dir", str(data_dir), "check")
    assert result.returncode == 1 and "phiên bản CCHC Desktop mới hơn" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db_path.read_bytes() == before
    assert not [p for p in data_dir.iterdir() if ".hong-" in p.name]  # not damaged: nothing set aside
    wal = db_path.with_name("cchc.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # a read-only look leaves at most an empty WAL


def test_a_locked_database_is_not_taken_for_damage(backed_up, data_dir, monkeypatch):
    db_path, _saved, _expected = backed_up
    monkeypatch.setattr(checking, "READ_TIMEOUT_SECONDS", 0.05)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(EnvironmentProblem) as raised:
            integrity.open_checked(data_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not isinstance(raised.value, integrity.DamagedDatabase)
    assert "đang bị chương trình khác khóa" in raised.value.message
    assert db_path.exists()


# cchc check / restore --------------------------------------------------------

def test_cchc_check_creates_nothing(tmp_path):
    """No data there is the user's mistake (exit 2), as for every command that needs data."""
    missing = tmp_path / "nowhere"
    result = run_cchc("--data-dir", str(missing), "check")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Lỗi: Không có dữ liệu CCHC Desktop ở thư mục {missing}: hãy kiểm tra lại --data-dir.")
    assert not missing.exists()


def snapshot(folder) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def is_wal_mode(db_path) -> bool:
    """Bytes 18-19 of the header are 2 in WAL mode: read without opening a connection."""
    with db_path.open("rb") as handle:
        return handle.read(20)[18:20] == b"\x02\x02"


def test_cchc_check_leaves_the_directory_as_it_found_it(backed_up, data_dir):
    db_path, _saved, _expected = backed_up  # made by open_database, in WAL mode, closed properly
    assert is_wal_mode(db_path)
    before = snapshot(data_dir)
    assert "cchc.sqlite3-wal" not in before and "cchc.sqlite3-shm" not in before
    result = run_cchc("--data-dir", str(data_dir), "check")
    assert result.returncode == 0, result.stderr
    assert snapshot(data_dir) == before  # no -wal, no -shm; the database's bytes and time unchanged
    integrity.check(data_dir)
    assert snapshot(data_dir) == before


def test_check_of_a_damaged_database_leaves_no_side_files(backed_up, data_dir):
    db_path, _saved, _expected = backed_up
    damage_middle(db_path)
    before = snapshot(data_dir)
    result = run_cchc("--data-dir", str(data_dir), "check")
    assert result.returncode == 1
    assert snapshot(data_dir) == before


def test_check_beside_an_open_window_sees_its_commits_and_leaves_its_wal(backed_up, data_dir):
    """The window's connection owns the -wal and -shm: check reads through them (its
    latest commits included) and removes neither."""
    db_path, _saved, _expected = backed_up
    window = Workspace.open(data_dir)
    try:
        with window.db.atomic():
            window.db.execute("INSERT INTO plan (unit_id, year, title) SELECT unit_id, year + 1, title FROM plan")
        wal = db_path.with_name("cchc.sqlite3-wal")
        assert wal.stat().st_size > 0  # the new plan is still only in the WAL
        result = run_cchc("--data-dir", str(data_dir), "check")
        assert result.returncode == 0, result.stderr
        assert "(2 kế hoạch, 44 nhiệm vụ)" in result.stdout
        assert wal.exists() and db_path.with_name("cchc.sqlite3-shm").exists()
        with window.db.atomic():  # the window goes on writing as before
            window.db.execute("UPDATE plan SET title = 'Sau khi kiểm tra' WHERE year = 2025")
    finally:
        window.close()
    assert integrity.check(data_dir).plans == 2
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", "cchc.sqlite3"]


def test_cchc_check_on_a_sound_and_a_damaged_database(backed_up, data_dir):
    db_path, _saved, _expected = backed_up
    sound = run_cchc("--data-dir", str(data_dir), "check")
    assert sound.returncode == 0, sound.stderr
    assert sound.stdout.strip() == f"Cơ sở dữ liệu tốt: {db_path} (1 kế hoạch, 44 nhiệm vụ)."
    damage_middle(db_path)
    broken = run_cchc("--data-dir", str(data_dir), "check")
    assert broken.returncode == 1
    assert broken.stderr.startswith("Lỗi: Cơ sở dữ liệu cchc.sqlite3 bị hỏng")
    assert len(broken.stderr.strip().splitlines()) == 1 and "Traceback" not in broken.stderr


def test_cchc_backup_and_restore(backed_up, data_dir, tmp_path):
    _db_path, _saved, expected = backed_up
    usb = tmp_path / "usb"
    usb.mkdir()
    made = run_cchc("--data-dir", str(data_dir), "backup", "--out", str(usb))
    assert made.returncode == 0, made.stderr
    copy = usb / made.stdout.strip().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    assert copy.exists() and dump(copy) == expected

    workspace = Workspace.open(data_dir)
    with workspace.db.atomic():
        workspace.db.execute("DELETE FROM plan")
    workspace.close()
    restored = run_cchc("--data-dir", str(data_dir), "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    lines = restored.stdout.strip().splitlines()
    assert lines[0].startswith(f"Đã khôi phục từ {copy} (sao lưu lúc ")
    assert lines[0].endswith(") của Phường 1: 1 kế hoạch, 44 nhiệm vụ.")
    assert lines[1].startswith("Dữ liệu trước khi khôi phục đã được sao lưu tại: ")
    assert dump(database_path(data_dir)) == expected


def test_cchc_restore_over_a_damaged_database_sets_it_aside(backed_up, data_dir):
    db_path, saved, expected = backed_up
    damaged_bytes = damage_middle(db_path)
    result = run_cchc("--data-dir", str(data_dir), "restore", str(saved))
    assert result.returncode == 0, result.stderr
    assert "Tệp cơ sở dữ liệu hỏng được giữ lại tại: " in result.stdout
    aside = [p for p in data_dir.iterdir()
             if p.name.startswith("cchc.sqlite3.hong-") and not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in aside] == [damaged_bytes]
    assert dump(db_path) == expected


def test_cchc_backup_of_a_damaged_database_is_refused(backed_up, data_dir):
    db_path, _saved, _expected = backed_up
    damage_middle(db_path)
    result = run_cchc("--data-dir", str(data_dir), "backup")
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: Cơ sở dữ liệu cchc.sqlite3 bị hỏng")
    assert [p.name for p in backups_dir(data_dir).iterdir()] == ["cchc-2026-11-23T12-30-05-khi-dong.sqlite3"]
