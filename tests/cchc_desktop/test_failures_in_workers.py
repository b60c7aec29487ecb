"""Failures in the middle of the work the worker threads do, on real SQLite files: a disk
that fills up (SQLite's own "database or disk is full", made real with
``PRAGMA max_page_count``; or an OS call failing with ENOSPC), nested transactions
that end badly, and backups that stop half-way. Each leaves the data exactly as they
were and no unfinished file behind."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from cchc_desktop import repo
from cchc_desktop.backup import backups_dir, list_backups, restore_backup, write_backup
from cchc_desktop.backup_background import BackgroundBackup
from cchc_desktop.edits import plans
from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.os_errors import describe_os_error
from cchc_desktop.sqlite_db import Database
from cchc_desktop.undo import UndoStack

from .test_backup import NOV_23, dump, edit_first_task

DISK_FULL = "ổ đĩa đã đầy"


def fill_the_disk(db: Database) -> None:
    """From now on this connection cannot grow the file by a single page: SQLite reports
    SQLITE_FULL exactly as on a full disk."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def files_in(folder) -> set[str]:
    return {p.name for p in folder.rglob("*")} if folder.exists() else set()


# The handle: nested atomic() ---------------------------------------------------------

@pytest.fixture
def handle(tmp_path):
    db = Database.connect(tmp_path / "t.sqlite3")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)")
    db.insert("note", {"text": "đã có"})
    yield db
    db.close()


def committed(tmp_path) -> list[str]:
    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    try:
        return [text for (text,) in conn.execute("SELECT text FROM note ORDER BY id")]
    finally:
        conn.close()


def test_disk_full_in_a_nested_block_rolls_everything_back_and_the_handle_goes_on(handle, tmp_path):
    """Not caught: the error ends the whole transaction; nothing of it is committed, no
    transaction stays open, and the next atomic() on the same handle works."""
    with pytest.raises(sqlite3.OperationalError, match="full"):
        with handle.atomic():
            handle.insert("note", {"text": "ngoài"})
            with handle.atomic():
                fill_the_disk(handle)
                for number in range(2000):
                    handle.insert("note", {"text": f"dòng {number} " + "x" * 400})
    assert committed(tmp_path) == ["đã có"]
    assert not handle.conn.in_transaction
    handle.execute("PRAGMA max_page_count = 1000000")  # space freed
    with handle.atomic():
        with handle.atomic():
            handle.insert("note", {"text": "sau khi giải phóng"})
    assert committed(tmp_path) == ["đã có", "sau khi giải phóng"]


def test_a_cancel_in_a_nested_block_is_rolled_back_by_the_savepoint_only(handle, tmp_path):
    """A BaseException (a Cancelled, a KeyboardInterrupt) in the inner block: the
    savepoint rolls back just its own work, the outer block may go on and commit."""
    from cchc_desktop.progress import Cancelled

    with handle.atomic():
        handle.insert("note", {"text": "ngoài"})
        with pytest.raises(Cancelled):
            with handle.atomic():
                handle.insert("note", {"text": "trong"})
                with handle.atomic():
                    handle.insert("note", {"text": "sâu hơn"})
                raise Cancelled()
        assert handle.conn.in_transaction
        handle.insert("note", {"text": "sau"})
    assert committed(tmp_path) == ["đã có", "ngoài", "sau"]


@pytest.mark.parametrize("how", ["disk full", "insert or rollback"])
def test_an_inner_failure_that_ends_the_transaction_never_commits_half_of_the_outer_block(handle, tmp_path, how):
    with pytest.raises(sqlite3.Error):
        with handle.atomic():
            handle.insert("note", {"text": "trước"})
            try:
                with handle.atomic():
                    if how == "disk full":
                        fill_the_disk(handle)
                        for number in range(2000):
                            handle.insert("note", {"text": f"dòng {number} " + "x" * 400})
                    else:
                        handle.execute("INSERT OR ROLLBACK INTO note (text) VALUES ('đã có')")
            except sqlite3.Error:
                pass  # the outer block decides to go on without the inner one
            handle.execute("PRAGMA max_page_count = 1000000")
            handle.insert("note", {"text": "sau"})
    # all or nothing: either both "trước" and "sau", or neither (here the commit failed)
    assert committed(tmp_path) == ["đã có"]


# Edits on a full disk ----------------------------------------------------------------

def test_an_edit_on_a_full_disk_changes_nothing_and_keeps_the_undo_history(workspace, demo_plan_id):
    db = workspace.db
    stack = UndoStack(db)
    stack.do(plans.edit_plan(db, demo_plan_id, title="Lần sửa trước"))
    before, undo_text = dump(db.conn), stack.undo_text
    fill_the_disk(db)
    with pytest.raises(sqlite3.OperationalError) as raised:
        stack.do(plans.copy_plan_to_year(db, demo_plan_id, 2025))
    assert describe_os_error(raised.value, "hoàn tất thao tác").endswith(
        "ổ đĩa đã đầy. Hãy xóa bớt tệp không cần để giải phóng dung lượng rồi thử lại.")
    assert dump(db.conn) == before and not db.conn.in_transaction
    assert stack.undo_text == undo_text and not stack.can_redo()
    db.execute("PRAGMA max_page_count = 1000000")
    stack.undo()  # Ctrl+Z undoes the edit before the failure, nothing else
    assert repo.get_plan(db, demo_plan_id).title != "Lần sửa trước"
    assert [p.year for p in repo.list_plans(db)] == [2024]


# Backups when the OS fails -----------------------------------------------------------

@pytest.fixture
def enospc():
    def fail(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return fail


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_background_backup_on_a_full_disk_leaves_no_file(workspace, demo_plan_id, monkeypatch, enospc, failing):
    monkeypatch.setattr(os, failing, enospc)
    job = BackgroundBackup(workspace.data_dir, "open", NOV_23)
    with pytest.raises(EnvironmentProblem) as raised:
        job.wait()
    assert DISK_FULL in raised.value.message and "sao lưu" in raised.value.message
    assert list_backups(backups_dir(workspace.data_dir)) == []
    assert not any(".part" in name for name in files_in(backups_dir(workspace.data_dir)))


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_restore_whose_safety_copy_fails_keeps_the_data(workspace, demo_plan_id, monkeypatch, enospc, failing):
    folder = backups_dir(workspace.data_dir)
    source = write_backup(workspace.db.conn, folder, "open", NOV_23)
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    before, files_before = dump(workspace.db.conn), files_in(folder)
    monkeypatch.setattr(os, failing, enospc)
    with pytest.raises(EnvironmentProblem) as raised:
        restore_backup(workspace, source.path)
    assert DISK_FULL in raised.value.message
    assert dump(workspace.db.conn) == before and not workspace.db.conn.in_transaction
    assert files_in(folder) == files_before  # no safety copy, no .part, no journal
    monkeypatch.undo()
    restore_backup(workspace, source.path)  # space freed: the same restore goes through
    assert dump(workspace.db.conn) == dump(source.path)
