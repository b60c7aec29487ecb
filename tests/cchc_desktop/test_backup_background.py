"""The backup at open, written by a thread: same verified copy, a consistent snapshot
while the window edits, and its errors handed to whoever waits."""

from __future__ import annotations

import pytest

from cchc_desktop.backup import backups_dir, list_backups, verify_backup_file
from cchc_desktop.backup_background import BackgroundBackup
from cchc_desktop.errors import EnvironmentProblem

from .test_backup import NOV_23, dump, edit_first_task


def test_a_background_backup_is_a_verified_copy_of_the_database(workspace, demo_plan_id):
    info = BackgroundBackup(workspace.data_dir, "open", NOV_23).wait()
    assert info.path.parent == backups_dir(workspace.data_dir)
    assert info.path.name == "cchc-2026-11-23T12-30-05-khi-mo.sqlite3"
    assert verify_backup_file(info.path).tasks == 44
    assert dump(info.path) == dump(workspace.db.conn)


def test_editing_while_it_runs_leaves_the_data_as_they_were_at_open(workspace, demo_plan_id):
    before = dump(workspace.db.conn)
    job = BackgroundBackup(workspace.data_dir, "open", NOV_23)
    edit_first_task(workspace.db, "Sửa trong lúc sao lưu")  # the window goes on writing at once
    assert dump(workspace.db.conn) != before
    assert dump(job.wait().path) == before  # however late the thread ran: its snapshot was taken first


def test_an_edit_at_once_on_a_busy_machine_is_not_in_the_copy(workspace, demo_plan_id, monkeypatch):
    """The thread is slow to get going (a busy old PC): the session still waits for the
    snapshot only, and an edit made right after is not in the copy."""
    import time

    from cchc_desktop import backup_background

    connect_at_once = backup_background.connect_read_only

    def connect_slowly(path):
        time.sleep(0.3)
        return connect_at_once(path)

    monkeypatch.setattr(backup_background, "connect_read_only", connect_slowly)
    before = dump(workspace.db.conn)
    job = BackgroundBackup(workspace.data_dir, "open", NOV_23)
    edit_first_task(workspace.db, "Sửa ngay khi mở")
    assert dump(job.wait().path) == before


def test_an_empty_database_is_not_backed_up(workspace):
    assert BackgroundBackup(workspace.data_dir, "open", NOV_23).wait() is None
    assert list_backups(backups_dir(workspace.data_dir)) == []


def test_its_error_reaches_whoever_waits(workspace, demo_plan_id):
    backups_dir(workspace.data_dir).write_text("một tệp đứng chỗ thư mục sao lưu")
    job = BackgroundBackup(workspace.data_dir, "open", NOV_23)
    with pytest.raises(EnvironmentProblem) as raised:
        job.wait()
    assert "sao lưu" in raised.value.message
    assert job.done


def test_commits_during_the_copy_neither_restart_it_nor_leak_into_it(workspace, demo_plan_id, monkeypatch):
    """The copy goes a page at a time; the window commits between its steps. The copy is
    still the snapshot of its start, and it finishes (SQLite would restart a copy whose
    source another connection changed, unless the copy reads inside one transaction)."""
    from cchc_desktop.backup import writing
    from cchc_desktop.backup_background import backup_database_file
    from cchc_desktop.progress import reporting

    monkeypatch.setattr(writing, "PAGES_PER_STEP", 1)
    before = dump(workspace.db.conn)
    steps = []

    def edit_between_steps(done, total):
        steps.append(done)
        if len(steps) > 500:
            raise AssertionError("the copy keeps starting over")
        edit_first_task(workspace.db, f"Sửa lần {len(steps)}")

    with reporting(edit_between_steps):
        info = backup_database_file(workspace.data_dir, "open", NOV_23)
    assert dump(info.path) == before
    assert dump(workspace.db.conn) != before  # the edits went on meanwhile
