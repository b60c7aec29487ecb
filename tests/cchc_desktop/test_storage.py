import sqlite3

import pytest

from cchc_desktop import repo
from cchc_desktop.db import open_database, schema_is_current
from cchc_desktop.errors import DatabaseTooNew, DatabaseUnusable, DataDirError, NotFoundError
from cchc_desktop.migrations import known_migration_names
from cchc_desktop.models import Task
from cchc_desktop.paths import DATA_DIR_ENV, database_path, resolve_data_dir
from cchc_desktop.workspace import Workspace


def test_new_database_has_wal_foreign_keys_and_full_sync(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert schema_is_current(db)
    assert {"unit", "plan", "area", "task", "party", "task_party", "indicator", "progress"} <= set(db.table_names())


def test_reopening_applies_nothing_twice(workspace, data_dir):
    workspace.close()
    again = open_database(database_path(data_dir))
    applied = again.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert sorted(name for (name,) in applied) == sorted(known_migration_names())


def test_database_from_newer_version_is_refused_untouched(workspace, data_dir):
    workspace.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["cchc_desktop", "9999_from_the_future", "2030-01-01"],
    )
    workspace.db.conn.commit()
    workspace.close()
    path = database_path(data_dir)
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as raised:
        open_database(path)
    assert "phiên bản CCHC Desktop mới hơn" in raised.value.message
    assert path.read_bytes() == before


def test_random_bytes_are_not_a_database(data_dir):
    path = database_path(data_dir)
    path.write_bytes(b"\x00\x01 not a database " * 100)
    with pytest.raises(DatabaseUnusable) as raised:
        open_database(path)
    assert "không phải cơ sở dữ liệu" in raised.value.message
    assert path.read_bytes().startswith(b"\x00\x01 not a database")


def test_another_programs_database_is_refused_untouched(data_dir):
    """Never add our tables to somebody else's data, not even for a read-only command."""
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseUnusable) as raised:
        open_database(path)
    assert raised.value.message == (
        "Tệp cchc.sqlite3 là cơ sở dữ liệu của một chương trình khác, không phải của CCHC Desktop; "
        "tệp không bị thay đổi.")
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["cchc.sqlite3"]


def test_an_empty_sqlite_file_becomes_a_new_database(data_dir):
    path = database_path(data_dir)
    sqlite3.connect(path).close()  # a file with SQLite's header and no table at all
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM plan").fetchone()[0] == 0
    db.close()


def test_data_dir_override_order(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir() == tmp_path / "from-env"
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert "CCHC Desktop" in str(resolve_data_dir())


def test_default_data_dir_follows_platform_dirs(isolated_user_dirs):
    workspace = Workspace.open()
    try:
        assert workspace.db_path.exists()
        assert str(workspace.db_path).startswith(str(isolated_user_dirs))
    finally:
        workspace.close()


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DataDirError) as raised:
        Workspace.open(blocker)
    assert "không phải thư mục" in raised.value.message


def test_foreign_keys_reject_orphan_task(db, demo_plan_id):
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            repo.add_task(db, Task(None, demo_plan_id, area_id=987654, stt=99, content="x"))


def test_unknown_plan_is_not_found(db):
    with pytest.raises(NotFoundError) as raised:
        repo.get_plan(db, 42)
    assert raised.value.message == "Không có kế hoạch mã 42."


def test_a_plans_tasks_and_progress_read_whole_equal_those_read_one_by_one(db, demo_plan_id):
    """The whole-plan reads take a faster path (rows straight into records): dates, flags
    and every field must come out exactly as the one-row reads give them."""
    from datetime import date

    from cchc_desktop.changes import apply
    from cchc_desktop.edits.progress import add_progress
    from cchc_desktop.edits.tasks import edit_task

    first, second = repo.list_tasks(db, demo_plan_id)[:2]
    apply(db, edit_task(db, first.id, manual_due=date(2024, 7, 1), manual_due_kept=True))
    apply(db, add_progress(db, second.id, date(2024, 2, 3), "done", result="Đã ban hành"))
    apply(db, add_progress(db, second.id, date(2024, 1, 9), "in_progress", percent=40))

    tasks = repo.list_tasks(db, demo_plan_id)
    assert tasks == [repo.get_task(db, task.id) for task in tasks]
    assert tasks[0].manual_due == date(2024, 7, 1) and tasks[0].manual_due_kept is True
    assert tasks[1].manual_due is None and tasks[1].manual_due_kept is False  # a flag, not SQLite's 0
    progress = repo.progress_by_task(db, demo_plan_id)
    assert progress == {second.id: repo.list_progress(db, second.id)}
    assert [(update.on_date, update.status) for update in progress[second.id]] == [
        (date(2024, 1, 9), "in_progress"), (date(2024, 2, 3), "done")]
