"""Backups in the window: the backup list, "Sao lưu…", the damaged-database dialog, the
session, errors. Restoring: test_restore_dialog.py."""

from __future__ import annotations

import errno
import sys
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cchc_desktop.applog import log_path
from cchc_desktop.backup import backup_file_name, backups_dir, catalog, describe_file, list_backups, write_backup
from cchc_desktop.demo import load_demo
from cchc_desktop.instance_lock import AlreadyRunning, InstanceLock
from cchc_desktop.integrity import DamagedDatabase
from cchc_desktop.paths import database_path
from tests.cchc_desktop.test_backup import dump
from tests.cchc_desktop.test_integrity import damage_middle
from tests.ui.background_helpers import press_cancel
from ui import backup_dialogs, errors
from ui.backup_dialogs import DamagedDatabaseDialog, open_desktop_session
from ui.restore_dialog import PATH_ROLE, BackupListModel

NOV_23 = datetime(2026, 11, 23, 12, 30, 5)


@pytest.fixture
def three_backups(workspace, demo_plan_id):
    """Two good backups (an hour apart, the newer one after an edit) and a damaged newest one."""
    folder = backups_dir(workspace.data_dir)
    first = write_backup(workspace.db.conn, folder, "open", NOV_23)
    with workspace.db.atomic():
        workspace.db.execute("DELETE FROM task WHERE id = (SELECT max(id) FROM task)")
    second = write_backup(workspace.db.conn, folder, "close", NOV_23 + timedelta(hours=1))
    broken = folder / backup_file_name(NOV_23 + timedelta(hours=2), "manual")
    broken.write_bytes(b"\x00 not a backup " * 100)
    return first, second, broken


def test_backup_list_model(qtmodeltester, workspace, three_backups):
    first, second, broken = three_backups
    model = BackupListModel()
    model.set_backups(catalog(backups_dir(workspace.data_dir)))
    qtmodeltester.check(model, force_py=True)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["23/11/2026 14:30:05", "Sao lưu thủ công (tệp hỏng, không đọc được)", "—", "—"],
        ["23/11/2026 13:30:05", "Khi đóng chương trình", "1", "43"],
        ["23/11/2026 12:30:05", "Khi mở chương trình", "1", "44"],
    ]
    assert model.index(1, 0).data(PATH_ROLE) == str(second.path)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable  # a broken file is not offered


@pytest.fixture
def usb_chosen(tmp_path, monkeypatch):
    """"Sao lưu…" to a folder on a USB stick: the folder the user picks, and what they are told."""
    usb = tmp_path / "usb"
    usb.mkdir()
    informed = []
    monkeypatch.setattr(backup_dialogs, "choose_folder", lambda parent: usb)
    monkeypatch.setattr(backup_dialogs, "inform", lambda parent, text: informed.append(text))
    return usb, informed


def test_backup_to_a_chosen_folder_says_where(qtbot, workspace, demo_plan_id, usb_chosen):
    usb, informed = usb_chosen
    job = backup_dialogs.save_backup_to_chosen_folder(None, workspace)
    assert informed == []  # written by a worker thread, on its own connection
    job.wait()
    [written] = list(usb.iterdir())
    assert dump(written) == dump(workspace.db.conn)
    assert informed == [f"Đã sao lưu dữ liệu vào:\n{written}"]


def test_a_cancelled_backup_to_a_folder_leaves_no_file(qtbot, workspace, demo_plan_id, usb_chosen):
    usb, informed = usb_chosen
    job = backup_dialogs.save_backup_to_chosen_folder(None, workspace)
    press_cancel(job)
    job.wait()
    assert job.outcome == "cancelled" and informed == [] and list(usb.iterdir()) == []


def test_damaged_database_dialog_offers_the_latest_good_backup(qtbot, workspace, three_backups):
    _first, second, _broken = three_backups
    damage = DamagedDatabase("Cơ sở dữ liệu cchc.sqlite3 bị hỏng (x).", workspace.db_path,
                             describe_file(second.path))
    dialog = DamagedDatabaseDialog(damage)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button.text() == "Khôi phục bản sao lưu lúc 23/11/2026 13:30:05"
    assert "giữ lại trong thư mục dữ liệu, không bị xóa" in dialog.message.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == DamagedDatabaseDialog.RESTORE and dialog.result() == 1


def test_damaged_database_dialog_without_a_backup(qtbot, workspace):
    dialog = DamagedDatabaseDialog(DamagedDatabase("Hỏng.", workspace.db_path, None))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible()
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == DamagedDatabaseDialog.START_EMPTY


# The session: start-up to exit ---------------------------------------------------------

def test_session_backs_up_at_open_and_at_close_and_holds_the_lock(data_dir):
    first = open_desktop_session(data_dir)
    load_demo(first.workspace.db)
    first.close()
    assert [b.reason for b in list_backups(backups_dir(data_dir))] == ["close"]
    edit_elsewhere(data_dir)
    second = open_desktop_session(data_dir)
    try:
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    finally:
        second.close()  # nothing changed: no close backup
    assert sorted(b.reason for b in list_backups(backups_dir(data_dir))) == ["close", "open"]
    InstanceLock(data_dir).acquire().release()


def edit_elsewhere(data_dir) -> None:
    """A change made while the window was closed (the command line, say)."""
    from cchc_desktop.db import open_database

    db = open_database(database_path(data_dir))
    with db.atomic():
        db.execute("UPDATE task SET content = content || ' (đã sửa)' WHERE id = (SELECT min(id) FROM task)")
    db.close()


def test_opening_unchanged_data_again_and_again_adds_no_backup(data_dir):
    """Opening the program more often than the rotation keeps backups, with nothing
    changed, must not push the earlier, different backups out."""
    from cchc_desktop.backup.rotation import KEEP_LAST

    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.close()
    edit_elsewhere(data_dir)
    for _ in range(KEEP_LAST + 1):
        open_desktop_session(data_dir).close()
    kept = list_backups(backups_dir(data_dir))
    assert [b.reason for b in kept] == ["open", "close"]  # the first open after the change, and before it
    assert dump(kept[0].path) != dump(kept[1].path)


def test_session_on_a_damaged_database_restores_what_the_user_chose(data_dir):
    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    expected = dump(session.workspace.db.conn)
    session.close()
    damaged = damage_middle(database_path(data_dir))
    offered = []
    session = open_desktop_session(data_dir, ask=lambda damage: offered.append(damage) or DamagedDatabaseDialog.RESTORE)
    try:
        assert dump(session.workspace.db.conn) == expected
    finally:
        session.close()
    assert offered[0].latest_backup.reason == "close"
    aside = [p for p in data_dir.iterdir() if ".hong-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in aside] == [damaged]


def test_session_backs_up_at_close_after_a_worker_thread_wrote(data_dir):
    """A large import or copy is written on a worker's own connection: the window's
    connection wrote nothing itself, yet the data changed and are backed up at close."""
    from cchc_desktop.db import open_database

    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.backup("open")
    worker_db = open_database(database_path(data_dir))
    with worker_db.atomic():
        worker_db.execute("DELETE FROM task WHERE id = (SELECT max(id) FROM task)")
    worker_db.close()
    session.close()
    assert sorted(b.reason for b in list_backups(backups_dir(data_dir))) == ["close", "open"]


def test_closing_the_session_stops_a_worker_that_is_writing(qtbot, data_dir):
    """Quitting while a large change is being written: the worker is cancelled and
    waited for (its transaction rolls back), then the session lets go."""
    from tests.ui.background_helpers import start_endless_write

    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.backup("open")
    before = dump(session.workspace.db.conn)
    job = start_endless_write(qtbot, database_path(data_dir))
    session.close()
    assert not job.worker.isRunning()
    job.wait()
    assert job.outcome == "cancelled"
    reopened = open_desktop_session(data_dir)
    try:
        assert dump(reopened.workspace.db.conn) == before
    finally:
        reopened.close()


def test_session_when_the_user_quits_at_the_damage_dialog(data_dir):
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    assert open_desktop_session(data_dir, ask=lambda damage: None) is None
    assert database_path(data_dir).read_bytes() == b"garbage" * 1000
    InstanceLock(data_dir).acquire().release()  # let go


def test_session_warns_when_the_backup_at_open_fails(qtbot, data_dir):
    """The backup at open runs in a thread; its failure reaches the window's thread."""
    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.close()
    for old in backups_dir(data_dir).iterdir():
        old.unlink()
    backups_dir(data_dir).rmdir()
    backups_dir(data_dir).write_text("một tệp đứng chỗ thư mục sao lưu")
    warned = []
    session = open_desktop_session(data_dir, warn=warned.append)
    try:
        qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    finally:
        session.close()
    assert len(warned) == 1 and "sao lưu" in warned[0].message


def test_the_backup_at_open_does_not_hold_up_the_window(qtbot, data_dir):
    """open_desktop_session returns before the copy is written; closing waits for it."""
    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.close()
    edit_elsewhere(data_dir)
    session = open_desktop_session(data_dir)
    assert session._open_backup is not None  # still on its way, or just done
    session.close()
    reasons = sorted(b.reason for b in list_backups(backups_dir(data_dir)))
    assert reasons == ["close", "open"]


# Errors: the log file and the hook ------------------------------------------------------

def test_unexpected_errors_are_logged_with_their_traceback(qtbot, data_dir, monkeypatch):
    session = open_desktop_session(data_dir)
    shown = []
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: shown.append(self.message_label.text()))
    try:
        try:
            {}["missing"]
        except KeyError as bug:
            errors.show_error(None, bug)
        errors.show_error(None, OSError(errno.ENOSPC, "No space left on device"))
    finally:
        session.close()
    assert shown[0] == errors.BUG_TEXT
    assert shown[1] == (
        "Không thể hoàn tất thao tác: ổ đĩa đã đầy. Hãy xóa bớt tệp không cần để giải phóng dung lượng rồi thử lại."
    )
    text = log_path(data_dir).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "KeyError: 'missing'" in text


def test_excepthook_routes_uncaught_errors_to_the_display(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, error: shown.append(error))
    errors.install_excepthook()
    bug = ZeroDivisionError("division by zero")
    sys.excepthook(type(bug), bug, None)
    assert shown == [bug]


def test_the_application_backs_up_and_lets_go_when_it_quits(qtbot, qapp, data_dir):
    from ui import app as desktop_app

    window, _session = desktop_app.start(desktop_app.parse_args(["--data-dir", str(data_dir), "--demo"]))
    qtbot.addWidget(window)
    with pytest.raises(AlreadyRunning):
        InstanceLock(data_dir).acquire()
    qapp.aboutToQuit.emit()  # what app.exec() does when the last window closes
    assert [b.reason for b in list_backups(backups_dir(data_dir))] == ["close"]  # empty at open: no copy
    InstanceLock(data_dir).acquire().release()


def test_a_bug_shows_an_apology_with_the_traceback_folded_away(qtbot):
    try:
        {}["missing"]
    except KeyError as bug:
        dialog = errors.error_dialog(None, bug)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message_label.text() == errors.BUG_TEXT
    assert not dialog.details.isVisible()  # no traceback in the user's face
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied and "KeyError: 'missing'" in copied
    dialog.show_details.click()
    assert dialog.details.isVisible() and dialog.show_details.text() == "Ẩn chi tiết"
    dialog.show_details.click()
    assert not dialog.details.isVisible() and dialog.show_details.text() == "Xem chi tiết"


def test_an_expected_failure_has_no_details_to_show(qtbot):
    dialog = errors.error_dialog(None, OSError(errno.ENOSPC, "No space left on device"))
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "show_details") and not dialog.details.isVisible()
