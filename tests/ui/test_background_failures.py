"""Adversarial cases for the work done in worker threads: a disk that fills up while a
worker writes, cancels at every stage, a second operation started while one runs, a
damaged backup, and closing the session while the backup at open or a worker is still
busy. Real SQLite files and real xlsx files throughout; a full disk is SQLite's own
SQLITE_FULL (``PRAGMA max_page_count`` on the worker's connection) or an OS call that
fails with ENOSPC."""

from __future__ import annotations

import errno
import os
import threading

import pytest
from PySide6.QtWidgets import QApplication

from cchc_desktop import repo
from cchc_desktop.backup import backups_dir, list_backups, write_backup, writing
from cchc_desktop.demo import load_demo
from cchc_desktop.edits import plans
from cchc_desktop.instance_lock import InstanceLock
from cchc_desktop.paths import database_path
from cchc_desktop.undo import UndoStack
from tests.cchc_desktop.test_backup import NOV_23, dump, edit_first_task
from tests.cchc_desktop.test_integrity import damage_middle
from tests.ui.background_helpers import cancel_when, press_cancel, start_endless_write
from ui import actions, background, errors, import_dialog, operations as operations_module, restore_dialog
from ui.backup_dialogs import open_desktop_session
from ui.import_dialog import ImportDialog
from ui.operations import Operations
from ui.restore_dialog import RestoreDialog

DISK_FULL = ("Không thể hoàn tất thao tác: ổ đĩa đã đầy. "
             "Hãy xóa bớt tệp không cần để giải phóng dung lượng rồi thử lại.")
BUSY = "Chương trình đang thực hiện một thao tác khác. Hãy chờ thao tác đó xong rồi thử lại."
WAIT_MS = 10_000


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Every message the one error display shows (through the real show_error)."""
    messages: list[str] = []
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: messages.append(self.message_label.text()))
    return messages


@pytest.fixture
def full_disk(monkeypatch):
    """The worker threads' connections cannot grow the database file by one page."""
    opened = background.open_database

    def open_on_a_full_disk(path):
        db = opened(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(background, "open_database", open_on_a_full_disk)
    return lambda: monkeypatch.setattr(background, "open_database", opened)  # space freed


def finish(qtbot, job) -> None:
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    QApplication.processEvents()


def files_in(folder) -> set[str]:
    return {p.name for p in folder.rglob("*")}


def no_partial_files(folder) -> bool:
    return not any(".part" in name for name in files_in(folder))


# Importing ---------------------------------------------------------------------------------

@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def importing(qtbot, db, demo_file, operations, monkeypatch):
    """An import dialog on the demo file, every table large (imported by a worker), after
    one ordinary edit that sits on the undo stack."""
    monkeypatch.setattr(import_dialog, "BACKGROUND_ABOVE_ROWS", 0)
    plan_id = repo.list_plans(db)[0].id
    operations.run(lambda: plans.edit_plan(db, plan_id, title="Sửa trước khi nhập"))
    dialog = ImportDialog(db, demo_file, operations=operations)
    qtbot.addWidget(dialog)
    return dialog


def test_an_import_on_a_full_disk_shows_one_message_and_undo_reaches_the_edit_before(
        qtbot, importing, db, operations, shown, full_disk):
    plan_id = repo.list_plans(db)[0].id
    before, undo_text = dump(db.conn), operations.undo_stack.undo_text
    importing.import_button.click()
    finish(qtbot, importing.job)
    assert importing.job.outcome == "error"
    assert shown == [DISK_FULL]
    assert dump(db.conn) == before and not db.conn.in_transaction
    assert operations.undo_stack.undo_text == undo_text and not operations.undo_stack.can_redo()
    assert importing.result() != importing.DialogCode.Accepted and importing.result_plan_id is None
    assert importing.import_button.isEnabled() and not importing.busy  # the user may try again
    assert operations.undo() is not None  # Ctrl+Z: the edit before, nothing else
    assert repo.get_plan(db, plan_id).title != "Sửa trước khi nhập"
    assert [p.year for p in repo.list_plans(db)] == [2024] and not operations.undo_stack.can_undo()
    full_disk()
    importing.import_button.click()  # space freed: the same import goes through
    finish(qtbot, importing.job)
    assert len(repo.list_tasks(db, importing.result_plan_id)) == 44 and shown == [DISK_FULL]


@pytest.mark.parametrize("reached", [None, 0.1, 0.5, 0.9, 1.0])
def test_an_import_cancelled_at_any_point_leaves_every_row_and_file_as_it_was(
        qtbot, importing, db, workspace, operations, shown, monkeypatch, reached):
    """None: "Hủy" before the worker started; 1.0: at the last step, every row written,
    just before the commit."""
    before, files, undo_text = dump(db.conn), files_in(workspace.data_dir), operations.undo_stack.undo_text
    importing.import_button.click()
    if reached is None:
        press_cancel(importing.job)
    else:
        cancel_when(importing.job, monkeypatch, reached)
    finish(qtbot, importing.job)
    assert importing.job.outcome == "cancelled" and shown == []
    assert dump(db.conn) == before
    assert files_in(workspace.data_dir) == files
    assert operations.undo_stack.undo_text == undo_text and not operations.undo_stack.can_redo()
    assert importing.import_button.isEnabled() and importing.result_plan_id is None


# Copies, undo and redo in the window ---------------------------------------------------------

@pytest.fixture
def window(copying_window):
    return copying_window


def test_a_copy_on_a_full_disk_shows_one_message_and_changes_nothing(qtbot, window, shown, full_disk):
    db = window.workspace.db
    before = dump(db.conn)
    window.copy_plan_action.trigger()
    finish(qtbot, window.copy_job)
    assert window.copy_job.outcome == "error" and shown == [DISK_FULL]
    assert dump(db.conn) == before
    assert not window.operations.undo_stack.can_undo() and window.undo_action.text() == "Hoàn tác"
    assert not window.operations.busy


def _copied(window, monkeypatch):
    """A copy written at once (small), then undo and redo lowered to run in a worker."""
    monkeypatch.setattr(actions, "COPY_IN_BACKGROUND_ABOVE", 10_000)
    window.copy_plan_action.trigger()
    assert [p.year for p in repo.list_plans(window.workspace.db)] == [2025, 2024]
    monkeypatch.setattr(operations_module, "BACKGROUND_ROWS", 0)


def test_a_large_undo_on_a_full_disk_keeps_the_data_and_the_history(qtbot, window, shown, full_disk, monkeypatch):
    _copied(window, monkeypatch)
    db, stack = window.workspace.db, window.operations.undo_stack
    before, undo_text = dump(db.conn), stack.undo_text
    assert window.operations.undo() is None
    finish(qtbot, window.operations.job)
    assert window.operations.job.outcome == "error"
    # Undoing a copy deletes rows, yet the history rows it writes need new pages
    assert shown == [DISK_FULL]
    assert dump(db.conn) == before
    assert stack.undo_text == undo_text and not stack.can_redo()  # not cleared: only a stale change is
    full_disk()
    window.operations.undo()
    finish(qtbot, window.operations.job)
    assert [p.year for p in repo.list_plans(db)] == [2024] and stack.can_redo() and not stack.can_undo()


@pytest.mark.parametrize("reached", [0.3, 1.0])
def test_a_large_redo_cancelled_at_any_point_leaves_data_and_history(qtbot, window, shown, monkeypatch, reached):
    _copied(window, monkeypatch)
    db, operations = window.workspace.db, window.operations
    operations.undo()
    finish(qtbot, operations.job)
    before, redo_text = dump(db.conn), operations.undo_stack.redo_text
    operations.redo()
    cancel_when(operations.job, monkeypatch, reached)
    finish(qtbot, operations.job)
    assert operations.job.outcome == "cancelled" and shown == []
    assert dump(db.conn) == before
    assert operations.undo_stack.redo_text == redo_text and not operations.undo_stack.can_undo()


# Two operations at once -----------------------------------------------------------------------

def test_an_import_started_while_a_copy_is_written_is_refused(qtbot, window, demo_file, shown, monkeypatch):
    monkeypatch.setattr(import_dialog, "BACKGROUND_ABOVE_ROWS", 0)
    db = window.workspace.db
    dialog = ImportDialog(db, demo_file, operations=window.operations)
    qtbot.addWidget(dialog)
    window.copy_plan_action.trigger()
    dialog.import_button.click()
    assert shown == [BUSY]
    assert dialog.job is None and not dialog.busy and dialog.import_button.isEnabled()
    finish(qtbot, window.copy_job)
    assert sorted(p.year for p in repo.list_plans(db)) == [2024, 2025]  # the copy, no import
    stack = window.operations.undo_stack
    assert stack.undo_text == "Hoàn tác: Sao chép kế hoạch sang năm 2025"
    window.operations.undo()  # Ctrl+Z undoes the copy, the only change written
    assert [p.year for p in repo.list_plans(db)] == [2024] and not stack.can_undo()
    dialog.import_button.click()  # once it is done, the import may go
    finish(qtbot, dialog.job)
    assert dialog.result_plan_id is not None and shown == [BUSY]


def test_two_background_changes_in_the_same_turn_the_second_is_refused(qtbot, window, shown, monkeypatch):
    _copied(window, monkeypatch)
    db, operations = window.workspace.db, window.operations
    plan_id = repo.list_plans(db)[1].id  # the 2024 plan
    assert operations.undo() is None  # the large undo, in a worker: not started yet
    second = operations.run_in_background("Đang sửa…", lambda db: plans.edit_plan(db, plan_id, title="Khác"))
    assert second is None and shown == [BUSY]
    assert operations.redo() is None and operations.undo() is None  # quietly ignored while busy
    finish(qtbot, operations.job)
    assert [p.year for p in repo.list_plans(db)] == [2024]
    assert repo.get_plan(db, plan_id).title != "Khác"
    assert operations.undo_stack.can_redo() and not operations.undo_stack.can_undo()


def test_a_restore_started_while_a_change_is_written_is_refused(qtbot, window, shown, monkeypatch):
    db = window.workspace.db
    write_backup(db.conn, backups_dir(window.workspace.data_dir), "open", NOV_23)
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    dialog = RestoreDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    finish(qtbot, dialog.job)
    before = dump(db.conn)
    window.copy_plan_action.trigger()
    dialog.restore_selected()
    refused = not dialog.busy
    if not refused:  # started: stopped before its worker runs, so this test itself never interleaves
        dialog.job.cancel.set()
    finish(qtbot, window.copy_job)
    finish(qtbot, dialog.job)
    assert dump(db.conn) != before and sorted(p.year for p in repo.list_plans(db)) == [2024, 2025]  # the copy
    assert refused and shown == [BUSY]


# Restoring a damaged backup -------------------------------------------------------------------

@pytest.fixture
def one_backup(workspace):
    load_demo(workspace.db)
    info = write_backup(workspace.db.conn, backups_dir(workspace.data_dir), "open", NOV_23)
    edit_first_task(workspace.db, "Sửa sau khi sao lưu")
    return info


def _restore_dialog(qtbot, workspace) -> RestoreDialog:
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    finish(qtbot, dialog.job)
    return dialog


def test_a_damaged_file_chosen_elsewhere_is_refused_before_anything_is_written(
        qtbot, workspace, one_backup, tmp_path, shown, monkeypatch):
    """A sound header, a damaged middle (a failing USB stick): checked in the worker, refused."""
    usb_copy = tmp_path / "usb.sqlite3"
    usb_copy.write_bytes(one_backup.path.read_bytes())
    damage_middle(usb_copy)
    asked = []
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: asked.append(a) or True)
    monkeypatch.setattr(restore_dialog, "choose_backup_file", lambda parent: usb_copy)
    before, files = dump(workspace.db.conn), files_in(workspace.data_dir)
    dialog = _restore_dialog(qtbot, workspace)
    dialog.restore_other_file()
    finish(qtbot, dialog.job)
    assert dialog.job.outcome == "error" and asked == []
    assert shown == [f"Tệp {usb_copy.name} không dùng để khôi phục được: tệp bị hỏng."]
    assert dump(workspace.db.conn) == before and files_in(workspace.data_dir) == files  # no safety copy
    assert dialog.report is None and dialog.file_button.isEnabled() and dialog.restore_button.isEnabled()


def test_a_backup_damaged_after_it_was_listed_is_refused_by_the_restore_itself(
        qtbot, workspace, one_backup, shown, monkeypatch):
    """The list said it was sound; between that and "Khôi phục" the file went bad."""
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: bool(damage_middle(one_backup.path)))
    before = dump(workspace.db.conn)
    dialog = _restore_dialog(qtbot, workspace)
    assert dialog.selected()[0].path == one_backup.path
    dialog.restore_selected()
    finish(qtbot, dialog.job)
    assert dialog.job.outcome == "error"
    assert shown == [f"Tệp {one_backup.path.name} không dùng để khôi phục được: tệp bị hỏng."]
    assert dump(workspace.db.conn) == before
    assert [b.reason for b in list_backups(backups_dir(workspace.data_dir))] == ["open"]  # no safety copy
    assert no_partial_files(workspace.data_dir) and dialog.report is None


def test_a_restore_on_a_full_disk_shows_one_message_and_keeps_the_data(qtbot, workspace, one_backup, shown,
                                                                       monkeypatch):
    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    before, files = dump(workspace.db.conn), files_in(workspace.data_dir)
    dialog = _restore_dialog(qtbot, workspace)
    monkeypatch.setattr(os, "fsync", no_space)  # the safety copy cannot be made durable
    dialog.restore_selected()
    finish(qtbot, dialog.job)
    assert dialog.job.outcome == "error" and len(shown) == 1
    assert "ổ đĩa đã đầy" in shown[0] and "sao lưu" in shown[0]
    assert dump(workspace.db.conn) == before and files_in(workspace.data_dir) == files
    assert dialog.report is None and dialog.restore_button.isEnabled()


# Closing the session --------------------------------------------------------------------------

def _session_with_data(data_dir):
    first = open_desktop_session(data_dir)
    load_demo(first.workspace.db)
    first.close()
    for old in backups_dir(data_dir).iterdir():
        old.unlink()


def test_closing_while_the_open_backup_copies_and_a_worker_writes(qtbot, data_dir, monkeypatch):
    """Close at the worst moment: the backup at open is half-way through its copy, and a
    worker is inside its write transaction. The worker is rolled back, the backup at open
    is finished whole (the snapshot of its start), the backup at close holds the edit made
    meanwhile, no unfinished file remains, the lock is let go."""
    _session_with_data(data_dir)
    monkeypatch.setattr(writing, "PAGES_PER_STEP", 1)
    copying, closing = threading.Event(), threading.Event()
    copy_progress = writing._copy_progress

    def held_copy(status, remaining, total):
        if threading.current_thread().name == "backup-open":
            copying.set()
            assert closing.wait(WAIT_MS / 1000)
        copy_progress(status, remaining, total)

    monkeypatch.setattr(writing, "_copy_progress", held_copy)
    warned = []
    session = open_desktop_session(data_dir, warn=warned.append)
    assert copying.wait(WAIT_MS / 1000)
    at_open = dump(session.workspace.db.conn)
    edit_first_task(session.workspace.db, "Sửa trong khi sao lưu")
    edited = dump(session.workspace.db.conn)
    job = start_endless_write(qtbot, database_path(data_dir), WAIT_MS)
    waited = session.wait_for_open_backup
    still_copying = []

    def wait_for_open_backup():
        if session._open_backup is not None:  # asked again before the close backup: already done
            still_copying.append(not session._open_backup.done)
        closing.set()
        waited()

    monkeypatch.setattr(session, "wait_for_open_backup", wait_for_open_backup)
    session.close()
    finish(qtbot, job)
    assert still_copying == [True] and job.outcome == "cancelled" and warned == []
    backups = {b.reason: b.path for b in list_backups(backups_dir(data_dir))}
    assert sorted(backups) == ["close", "open"]
    assert dump(backups["open"]) == at_open and dump(backups["close"]) == edited
    assert no_partial_files(data_dir)
    InstanceLock(data_dir).acquire().release()  # let go
    reopened = open_desktop_session(data_dir)
    try:
        assert dump(reopened.workspace.db.conn) == edited
    finally:
        reopened.close()


def test_an_open_backup_on_a_full_disk_warns_once_and_closing_still_lets_go(qtbot, data_dir, monkeypatch):
    _session_with_data(data_dir)

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    warned = []
    session = open_desktop_session(data_dir, warn=warned.append)
    qtbot.waitUntil(lambda: bool(warned), timeout=WAIT_MS)
    edit_first_task(session.workspace.db, "Sửa khi ổ đầy")
    edited = dump(session.workspace.db.conn)
    session.close()  # its backup fails too: logged, not raised
    QApplication.processEvents()
    assert len(warned) == 1 and "ổ đĩa đã đầy" in warned[0].message
    assert list_backups(backups_dir(data_dir)) == [] and no_partial_files(data_dir)
    assert session.lock is None
    InstanceLock(data_dir).acquire().release()
    monkeypatch.undo()
    reopened = open_desktop_session(data_dir)
    try:
        assert dump(reopened.workspace.db.conn) == edited
    finally:
        reopened.close()
