"""Backups in the window: the restore list, the damaged-database dialog, the session, errors."""

from __future__ import annotations

import errno
import sys
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.applog import log_path
from cchc_desktop.backup import backup_file_name, backups_dir, list_backups, write_backup
from cchc_desktop.demo import load_demo
from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.instance_lock import AlreadyRunning, InstanceLock
from cchc_desktop.integrity import DamagedDatabase
from cchc_desktop.paths import database_path
from tests.cchc_desktop.test_backup import dump
from tests.cchc_desktop.test_integrity import damage_middle
from ui import backup_dialogs, errors
from ui.backup_dialogs import (
    PATH_ROLE,
    BackupListModel,
    DamagedDatabaseDialog,
    RestoreDialog,
    open_desktop_session,
)
from ui.main_window import MainWindow

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
    model.set_backups(backup_dialogs.catalog(backups_dir(workspace.data_dir)))
    qtmodeltester.check(model, force_py=True)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["23/11/2026 14:30:05", "Sao lưu thủ công (tệp hỏng, không đọc được)", "—", "—"],
        ["23/11/2026 13:30:05", "Khi đóng chương trình", "1", "43"],
        ["23/11/2026 12:30:05", "Khi mở chương trình", "1", "44"],
    ]
    assert model.index(1, 0).data(PATH_ROLE) == str(second.path)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable  # a broken file is not offered


def test_restore_dialog_restores_the_chosen_backup_after_confirmation(qtbot, workspace, three_backups, monkeypatch):
    first, _second, _broken = three_backups
    asked = []
    monkeypatch.setattr(backup_dialogs, "confirm", lambda parent, text, yes="": asked.append(text) or True)
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.selected()[0].reason == "close"  # newest readable backup selected first
    dialog.view.selectRow(2)
    dialog.restore_selected()
    assert asked == [
        "Khôi phục dữ liệu về bản sao lưu lúc 23/11/2026 12:30:05 (1 kế hoạch, 44 nhiệm vụ)?\n\n"
        "Dữ liệu hiện tại sẽ được thay thế; trước đó chương trình sao lưu nó để có thể quay lại."
    ]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dump(workspace.db.conn) == dump(first.path)
    assert dialog.report.safety_copy.name.endswith("-before-restore.sqlite3")


def test_restore_dialog_does_nothing_when_not_confirmed(qtbot, workspace, three_backups, monkeypatch):
    monkeypatch.setattr(backup_dialogs, "confirm", lambda *a, **k: False)
    before = dump(workspace.db.conn)
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    assert dialog.report is None and dump(workspace.db.conn) == before


def test_restore_from_a_file_elsewhere(qtbot, workspace, three_backups, tmp_path, monkeypatch):
    first, _second, broken = three_backups
    usb_copy = tmp_path / "sao-luu-tren-usb.sqlite3"
    usb_copy.write_bytes(first.path.read_bytes())
    shown = []
    monkeypatch.setattr(backup_dialogs, "show_error", lambda parent, error: shown.append(error.message))
    monkeypatch.setattr(backup_dialogs, "confirm", lambda *a, **k: True)
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(backup_dialogs, "choose_backup_file", lambda parent: broken)
    dialog.restore_other_file()
    assert shown == [f"Tệp {broken.name} không dùng để khôi phục được: không phải cơ sở dữ liệu của CCHC Desktop."]
    monkeypatch.setattr(backup_dialogs, "choose_backup_file", lambda parent: usb_copy)
    dialog.restore_other_file()
    assert dialog.report.source == usb_copy
    assert dump(workspace.db.conn) == dump(first.path)


def test_restore_from_the_menu_refreshes_the_window_and_forgets_undo(qtbot, workspace, three_backups, monkeypatch):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[-3:] == ["Sao lưu…", "Khôi phục…", "Thoát"]
    informed = []
    monkeypatch.setattr(backup_dialogs, "inform", lambda parent, text: informed.append(text))
    monkeypatch.setattr(backup_dialogs, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: (self.view.selectRow(2), self.restore_selected(),
                                                            self.result())[-1])
    report = backup_dialogs.open_restore_dialog(window)
    assert (report.content.plans, report.content.tasks) == (1, 44)
    assert "44 nhiệm vụ" in window.plan_heading.text()
    assert not window.operations.undo_stack.can_undo()
    assert informed[0].startswith("Đã khôi phục dữ liệu từ cchc-2026-11-23T12-30-05-open.sqlite3: 1 kế hoạch, 44 nhiệm vụ.")


def test_backup_to_a_chosen_folder_says_where(qtbot, workspace, demo_plan_id, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    informed = []
    monkeypatch.setattr(backup_dialogs, "choose_folder", lambda parent: usb)
    monkeypatch.setattr(backup_dialogs, "inform", lambda parent, text: informed.append(text))
    info = backup_dialogs.save_backup_to_chosen_folder(None, workspace)
    assert info.path.parent == usb
    assert informed == [f"Đã sao lưu dữ liệu vào:\n{info.path}"]


def test_damaged_database_dialog_offers_the_latest_good_backup(qtbot, workspace, three_backups):
    _first, second, _broken = three_backups
    damage = DamagedDatabase("Cơ sở dữ liệu cchc.sqlite3 bị hỏng (x).", workspace.db_path,
                             backup_dialogs.describe_file(second.path))
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
    second = open_desktop_session(data_dir)
    try:
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    finally:
        second.close()  # nothing changed: no close backup
    assert sorted(b.reason for b in list_backups(backups_dir(data_dir))) == ["close", "open"]
    InstanceLock(data_dir).acquire().release()


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


def test_session_when_the_user_quits_at_the_damage_dialog(data_dir):
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    assert open_desktop_session(data_dir, ask=lambda damage: None) is None
    assert database_path(data_dir).read_bytes() == b"garbage" * 1000
    InstanceLock(data_dir).acquire().release()  # let go


def test_session_warns_when_the_backup_at_open_fails(data_dir, monkeypatch):
    session = open_desktop_session(data_dir)
    load_demo(session.workspace.db)
    session.close()
    warned = []

    def full_disk(*args, **kwargs):
        raise EnvironmentProblem("Không thể ghi bản sao lưu: ổ đĩa đã đầy.")

    monkeypatch.setattr(backup_dialogs, "automatic_backup", full_disk)
    session = open_desktop_session(data_dir, warn=warned.append)
    session.close()
    assert [w.message for w in warned] == ["Không thể ghi bản sao lưu: ổ đĩa đã đầy."]


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


def test_restore_dialog_screenshot(qtbot, workspace, three_backups, tmp_path):
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(tmp_path / "restore.png"))


def test_the_application_backs_up_and_lets_go_when_it_quits(qtbot, qapp, data_dir):
    from ui import app as desktop_app

    window = desktop_app.start(desktop_app.parse_args(["--data-dir", str(data_dir), "--demo"]))
    qtbot.addWidget(window)
    with pytest.raises(AlreadyRunning):
        InstanceLock(data_dir).acquire()
    qapp.aboutToQuit.emit()  # what app.exec() does when the last window closes
    assert [b.reason for b in list_backups(backups_dir(data_dir))] == ["close"]  # empty at open: no copy
    InstanceLock(data_dir).acquire().release()
