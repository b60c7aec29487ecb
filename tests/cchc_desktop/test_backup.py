"""Backups on real SQLite files: names, verification, rotation, restore, and a disk in the way."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop import repo
from cchc_desktop.backup import (
    BackupInfo,
    ContentSummary,
    automatic_backup,
    backup_file_name,
    backup_to_folder,
    backups_dir,
    backups_to_keep,
    catalog,
    list_backups,
    parse_backup_name,
    restore_backup,
    restoring,
    rotate,
    verify_backup_file,
    write_backup,
    writing,
)
from cchc_desktop.backup.rotation import KEEP_LAST
from cchc_desktop.changes import apply
from cchc_desktop.demo import load_demo
from cchc_desktop.edits.plans import edit_unit
from cchc_desktop.errors import DatabaseUnusable, EnvironmentProblem, UserInputError

NOV_23 = datetime(2026, 11, 23, 12, 30, 5)


def dump(source) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two databases hold the same data iff dumps are equal."""
    conn = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True) if isinstance(source, Path) else source
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    finally:
        if isinstance(source, Path):
            conn.close()


def edit_first_task(db, content: str) -> None:
    with db.atomic():
        db.execute("UPDATE task SET content = ? WHERE id = (SELECT min(id) FROM task)", [content])


# Names -----------------------------------------------------------------------

def test_names_are_readable_sortable_and_say_why():
    name = backup_file_name(NOV_23, "open")
    assert name == "cchc-2026-11-23T12-30-05-khi-mo.sqlite3"
    info = parse_backup_name(Path(name))
    assert info == BackupInfo(Path(name), NOV_23, "open")
    assert info.reason_label == "Khi mở chương trình"
    assert parse_backup_name(Path(name + ".part")) is None
    assert parse_backup_name(Path("cchc.sqlite3")) is None
    assert parse_backup_name(Path("cchc-2026-13-45T99-00-00-open.sqlite3")) is None
    assert backup_file_name(NOV_23, "manual", serial=2) == "cchc-2026-11-23T12-30-05-thu-cong-2.sqlite3"
    assert [backup_file_name(NOV_23, reason)[25:] for reason in ("close", "before-restore")] == [
        "khi-dong.sqlite3", "truoc-khoi-phuc.sqlite3"]


def test_backups_named_by_earlier_versions_are_still_listed(tmp_path):
    for name in ("cchc-2026-11-23T12-30-05-open.sqlite3", "cchc-2026-11-23T12-30-05-manual-2.sqlite3",
                 "cchc-2026-11-22T08-00-00-before-restore.sqlite3"):
        (tmp_path / name).write_bytes(b"")
    listed = [(info.reason_label, info.taken_at_label) for info in list_backups(tmp_path)]
    assert listed == [("Sao lưu thủ công", "23/11/2026 12:30:05"), ("Khi mở chương trình", "23/11/2026 12:30:05"),
                      ("Trước khi khôi phục", "22/11/2026 08:00:00")]


def test_two_backups_in_the_same_second_do_not_collide(workspace, demo_plan_id):
    folder = backups_dir(workspace.data_dir)
    first = write_backup(workspace.db.conn, folder, "manual", NOV_23)
    second = write_backup(workspace.db.conn, folder, "manual", NOV_23)
    assert first.path != second.path
    assert [b.path for b in list_backups(folder)] == [second.path, first.path]
    third = write_backup(workspace.db.conn, folder, "open", NOV_23)  # another reason, the same second
    assert third.path.name == "cchc-2026-11-23T12-30-05-khi-mo-3.sqlite3"
    assert [b.path for b in list_backups(folder)] == [third.path, second.path, first.path]  # newest first


# Writing ---------------------------------------------------------------------

def test_backup_is_a_verified_standalone_copy(workspace, demo_plan_id):
    info = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual", NOV_23)
    assert info.path.name == "cchc-2026-11-23T12-30-05-thu-cong.sqlite3"
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]  # no -wal, no .part
    assert dump(info.path) == dump(workspace.db.conn)
    assert verify_backup_file(info.path).tasks == 44
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_automatic_backup_skips_an_empty_database(workspace):
    assert automatic_backup(workspace, "open") is None
    assert list_backups(backups_dir(workspace.data_dir)) == []
    load_demo(workspace.db)
    assert automatic_backup(workspace, "open").reason == "open"


def test_a_backup_of_unchanged_data_is_not_kept(workspace, demo_plan_id):
    """Each state of the data is kept once: copies of the same data would rotate the
    earlier, different states away (the last KEEP_LAST are kept)."""
    folder = backups_dir(workspace.data_dir)
    states = []
    for hour in range(3):
        with workspace.db.atomic():
            workspace.db.execute("UPDATE task SET content = ? WHERE id = (SELECT min(id) FROM task)",
                                 [f"Nhiệm vụ sửa lần {hour + 1}"])
        states.append(automatic_backup(workspace, "close", NOV_23 + timedelta(hours=hour)))
    for minute in range(KEEP_LAST + 1):
        assert automatic_backup(workspace, "open", NOV_23 + timedelta(hours=3, minutes=minute)) == states[-1]
    assert list_backups(folder) == states[::-1]  # every state, once; nothing else
    first, second, third = (dump(info.path) for info in states)
    assert first != second != third != first


def test_catalog_reads_what_each_backup_holds(workspace, demo_plan_id):
    folder = backups_dir(workspace.data_dir)
    write_backup(workspace.db.conn, folder, "open", NOV_23)
    broken = folder / backup_file_name(NOV_23 + timedelta(hours=1), "close")
    broken.write_bytes(b"not a database at all" * 50)
    (older_info, older_content), = [row for row in catalog(folder) if row[0].reason == "open"]
    rows = catalog(folder)
    assert [info.path for info, _ in rows] == [broken, older_info.path]
    assert rows[0][1] is None
    assert (older_content.plans, older_content.tasks) == (1, 44)


def test_backup_to_a_chosen_folder(workspace, demo_plan_id, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup_to_folder(workspace, usb, NOV_23)
    assert info.path.parent == usb and info.reason == "manual"
    assert dump(info.path) == dump(workspace.db.conn)
    with pytest.raises(UserInputError) as raised:
        backup_to_folder(workspace, tmp_path / "unplugged")
    assert "không tồn tại" in raised.value.message
    a_file = tmp_path / "baocao.docx"
    a_file.write_text("")
    with pytest.raises(UserInputError) as raised:
        backup_to_folder(workspace, a_file)
    assert raised.value.message == f"{a_file} là một tệp, không phải thư mục: hãy chọn thư mục để lưu bản sao."


# Rotation --------------------------------------------------------------------

def fake_backups(times: list[datetime]) -> list[BackupInfo]:
    return [BackupInfo(Path(backup_file_name(t, "close")), t, "close") for t in times]


def test_rotation_keeps_the_last_ten_and_one_per_month_for_a_year():
    now = datetime(2026, 11, 23, 9, 0)
    daily = [now - timedelta(days=d) for d in range(0, 40)]  # 40 days: Oct 15 .. Nov 23
    monthly = [datetime(2025, m, 10) for m in range(1, 13)] + [datetime(2026, m, 10) for m in range(1, 10)]
    backups = fake_backups(daily + monthly)
    keep = backups_to_keep(backups, now)
    kept_times = sorted((b.taken_at for b in backups if b.path in keep), reverse=True)
    assert kept_times[:10] == daily[:10]
    older = kept_times[10:]
    assert older[0] == datetime(2026, 10, 31, 9, 0)  # the newest of October
    assert [(t.year, t.month) for t in older] == [(2026, m) for m in range(10, 0, -1)] + [(2025, 12)]
    assert len(keep) == 10 + 11  # November is among the last ten


def test_rotate_removes_files_and_stale_partials(tmp_path):
    now = datetime(2026, 11, 23, 9, 0)
    for info in fake_backups([now - timedelta(hours=h) for h in range(15)]):
        (tmp_path / info.path.name).write_bytes(b"x")
    stale = tmp_path / "cchc-2026-01-01T00-00-00-open.sqlite3.part"
    stale.write_bytes(b"half")
    fresh = tmp_path / "cchc-2026-11-23T09-00-00-manual.sqlite3.part"
    fresh.write_bytes(b"being written by another process")
    old = datetime(2026, 1, 1).timestamp()
    import os

    os.utime(stale, (old, old))
    removed = rotate(tmp_path, now)
    assert len(removed) == 5
    assert len(list_backups(tmp_path)) == 10
    assert not stale.exists() and fresh.exists()


# Restoring -------------------------------------------------------------------

def test_restore_brings_back_the_backup_and_keeps_the_state_before(workspace, demo_plan_id):
    folder = backups_dir(workspace.data_dir)
    saved = write_backup(workspace.db.conn, folder, "manual", NOV_23)
    before_edit = dump(workspace.db.conn)
    edit_first_task(workspace.db, "Nội dung đã sửa sau khi sao lưu")
    after_edit = dump(workspace.db.conn)

    report = restore_backup(workspace, saved.path, NOV_23 + timedelta(minutes=1))

    assert dump(workspace.db.conn) == before_edit
    assert (report.content.plans, report.content.tasks) == (1, 44)
    assert report.safety_copy.name == "cchc-2026-11-23T12-31-05-truoc-khoi-phuc.sqlite3"
    assert dump(report.safety_copy) == after_edit


def test_restore_refuses_damaged_and_foreign_files_and_changes_nothing(workspace, demo_plan_id, tmp_path):
    before = dump(workspace.db.conn)
    garbage = tmp_path / "cchc-2026-11-23T12-30-05-manual.sqlite3"
    garbage.write_bytes(b"\x00\x01 random " * 500)
    with pytest.raises(DatabaseUnusable) as raised:
        restore_backup(workspace, garbage)
    assert raised.value.message.startswith(f"Tệp {garbage.name} không dùng để khôi phục được")
    foreign = tmp_path / "other.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE notes (x)").connection.close()
    with pytest.raises(DatabaseUnusable):
        restore_backup(workspace, foreign)
    assert dump(workspace.db.conn) == before
    assert list_backups(backups_dir(workspace.data_dir)) == []


def test_restore_refuses_a_backup_from_a_newer_version(workspace, demo_plan_id):
    saved = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual", NOV_23)
    conn = sqlite3.connect(saved.path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["cchc_desktop", "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnusable) as raised:
        restore_backup(workspace, saved.path)
    assert "phiên bản CCHC Desktop mới hơn" in raised.value.message


def backup_from_before_migration_3(workspace, keep_column: str | None = None) -> Path:
    """A backup as version 0.1 (migrations 0001 and 0002) wrote it. ``keep_column``: one of
    the columns migration 0003 adds is left in, so that migrating the file fails."""
    saved = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual", NOV_23)
    conn = sqlite3.connect(saved.path)
    for column in {"issuing_body", "parent_body", "place_name"} - {keep_column}:
        conn.execute(f"ALTER TABLE plan DROP COLUMN {column}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_plan_keeps_issuer_names'")
    conn.commit()
    conn.close()
    return saved.path


def test_a_backup_from_an_older_version_is_brought_up_to_date(workspace, demo_plan_id):
    older = backup_from_before_migration_3(workspace)
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    restore_backup(workspace, older, NOV_23 + timedelta(minutes=1))
    plan = workspace.db.execute("SELECT issuing_body, place_name FROM plan").fetchone()
    unit = workspace.db.execute("SELECT issuing_body, place_name FROM unit").fetchone()
    assert tuple(plan) == tuple(unit) and plan[1] == "Phường 1"  # filled in by migration 0003
    assert workspace.db.execute("SELECT count(*) FROM task").fetchone()[0] == 44
    assert not list(workspace.data_dir.glob("*.part*"))


def test_plans_from_before_migration_4_keep_the_unit_name_they_had(workspace, demo_plan_id):
    """Migration 0004 gives each plan the unit's name of the day: a later renaming no
    longer changes the name its documents and their files carry."""
    saved = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual", NOV_23)
    conn = sqlite3.connect(saved.path)
    conn.execute("ALTER TABLE plan DROP COLUMN unit_name")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_plan_keeps_unit_name'")
    conn.commit()
    conn.close()
    restore_backup(workspace, saved.path, NOV_23 + timedelta(minutes=1))
    assert workspace.db.execute("SELECT unit_name FROM plan").fetchall() == [("Phường 1",)]
    apply(workspace.db, edit_unit(workspace.db, 1, name="Phường Tân Ninh"))
    assert repo.document_unit(workspace.db, repo.get_plan(workspace.db, demo_plan_id)).name == "Phường 1"


def test_a_backup_that_cannot_be_brought_up_to_date_changes_nothing(workspace, demo_plan_id):
    """It looks like ours and is sound, but migrating it fails: refused before anything is replaced."""
    broken = backup_from_before_migration_3(workspace, keep_column="place_name")
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    before = dump(workspace.db.conn)
    backups_before = list_backups(backups_dir(workspace.data_dir))
    with pytest.raises(DatabaseUnusable) as raised:
        restore_backup(workspace, broken, NOV_23 + timedelta(minutes=1))
    assert raised.value.message == (
        f"Tệp {broken.name} không dùng để khôi phục được: không chuyển được sang phiên bản này của "
        "CCHC Desktop. Dữ liệu hiện tại không bị thay đổi.")
    assert dump(workspace.db.conn) == before
    assert list_backups(backups_dir(workspace.data_dir)) == backups_before  # no safety copy left behind
    assert not list(workspace.data_dir.glob("*.part*"))


def test_another_programs_database_is_not_taken_for_a_backup(workspace, demo_plan_id, tmp_path):
    """Tables named like ours are not enough: a file of ours records its migrations."""
    lookalike = tmp_path / "lookalike.sqlite3"
    conn = sqlite3.connect(lookalike)
    conn.executescript("CREATE TABLE plan (id, deleted_at); CREATE TABLE task (id, plan_id);"
                       "INSERT INTO plan VALUES (1, NULL);")
    conn.close()
    with pytest.raises(DatabaseUnusable) as raised:
        verify_backup_file(lookalike)
    assert raised.value.message == f"Tệp {lookalike.name} không dùng để khôi phục được: không phải cơ sở dữ liệu của CCHC Desktop."


# The disk in the way ---------------------------------------------------------

def failing_copy(code: int):
    def copy(source, target_path: Path) -> None:
        target_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # half a copy, then the disk gives up
        raise OSError(code, "injected")
    return copy


@pytest.mark.parametrize(
    "code, expected",
    [(errno.ENOSPC, "ổ đĩa đã đầy"), (errno.EROFS, "chỉ cho phép đọc"), (errno.EIO, "lỗi đọc/ghi ổ đĩa")],
)
def test_failing_disk_during_backup_loses_nothing(workspace, demo_plan_id, monkeypatch, code, expected):
    folder = backups_dir(workspace.data_dir)
    before = dump(workspace.db.conn)
    monkeypatch.setattr(writing, "_copy_database", failing_copy(code))
    with pytest.raises(EnvironmentProblem) as raised:
        write_backup(workspace.db.conn, folder, "open", NOV_23)
    assert raised.value.message.startswith(f"Không thể ghi bản sao lưu vào {folder}: ")
    assert expected in raised.value.message
    assert list(folder.iterdir()) == []  # no partial file left, nothing named like a backup
    assert dump(workspace.db.conn) == before


def test_failing_disk_during_restore_keeps_the_current_data(workspace, demo_plan_id, monkeypatch):
    saved = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual", NOV_23)
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    before = dump(workspace.db.conn)

    def unplugged(path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(restoring, "connect_read_only", unplugged)
    monkeypatch.setattr(restoring, "verify_backup_file", lambda path: ContentSummary(1, 44))
    with pytest.raises(EnvironmentProblem) as raised:
        restore_backup(workspace, saved.path)
    assert "lỗi đọc/ghi ổ đĩa" in raised.value.message
    assert dump(workspace.db.conn) == before


# The same with a real small or read-only file system, where the machine allows mounting.

@pytest.fixture
def mount_tmpfs(tmp_path):
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        if not sys.platform.startswith("linux") or not shutil.which("mount"):
            pytest.skip("tmpfs needs Linux")
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if result.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_really_full_usb_stick(workspace, demo_plan_id, mount_tmpfs):
    stick = mount_tmpfs("size=48k")
    with pytest.raises(EnvironmentProblem) as raised:
        backup_to_folder(workspace, stick, NOV_23)
    assert "ổ đĩa đã đầy" in raised.value.message
    assert list(stick.iterdir()) == []
    assert verify_backup_file(write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "manual").path)


def test_a_really_read_only_usb_stick(workspace, demo_plan_id, mount_tmpfs):
    stick = mount_tmpfs("ro,size=1m")
    with pytest.raises(EnvironmentProblem) as raised:
        backup_to_folder(workspace, stick, NOV_23)
    assert "chỉ cho phép đọc" in raised.value.message
    assert list(stick.iterdir()) == []


def test_a_backup_of_another_unit_is_named_before_it_is_restored():
    from cchc_desktop.backup import other_units_warning

    ours = ("Phường Hòa An",)
    same_unit_written_otherwise = ContentSummary(1, 44, ("phường  Hoà An",))
    assert other_units_warning(ours, same_unit_written_otherwise) is None
    assert other_units_warning((), ContentSummary(1, 44, ("Xã Hoằng Lộc",))) is None  # nothing in use yet
    assert other_units_warning(ours, ContentSummary(0, 0, ())) is None
    assert other_units_warning(ours, ContentSummary(1, 44, ("Xã Hoằng Lộc",))) == (
        "Lưu ý: bản sao lưu này là dữ liệu của Xã Hoằng Lộc, không phải của Phường Hòa An đang dùng. "
        "Sau khi khôi phục, dữ liệu của Phường Hòa An chỉ còn trong bản sao lưu trước khi khôi phục."
    )
    assert other_units_warning(ours, ContentSummary(1, 44, ("Phường Hoà Ân",))) is not None  # another ward
