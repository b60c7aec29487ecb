""""Khôi phục…": the list, checking a file, and the restore itself, each in a worker
thread with its own connection; a cancel leaves the data and the backups as they were."""

from __future__ import annotations

from cchc_desktop.backup import backups_dir, list_backups, unit_names, write_backup, writing
from cchc_desktop.edits import plans
from cchc_desktop.models import Unit
from cchc_desktop.setup_unit import create_unit_with_plan
from cchc_desktop.workspace import Workspace
from tests.cchc_desktop.test_backup import NOV_23, dump
from tests.ui.background_helpers import cancel_when, press_cancel
from tests.ui.test_backup_dialogs import three_backups  # noqa: F401 - the fixture
from ui import background, restore_dialog
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog

QUESTION = (
    "Khôi phục dữ liệu về bản sao lưu lúc 23/11/2026 12:30:05 của Phường 1 (1 kế hoạch, 44 nhiệm vụ)?\n\n"
    "Dữ liệu hiện tại sẽ được thay thế; trước đó chương trình sao lưu nó để có thể quay lại."
)


def _opened(qtbot, workspace) -> RestoreDialog:
    dialog = RestoreDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.busy and dialog.model.rowCount() == 0  # each file is checked in the worker
    assert not dialog.restore_button.isEnabled()
    dialog.job.wait()
    return dialog


def _safety_copies(workspace) -> list:
    return [b for b in list_backups(backups_dir(workspace.data_dir)) if b.reason == "before-restore"]


def test_the_list_is_read_in_the_background(qtbot, workspace, three_backups):  # noqa: F811
    dialog = _opened(qtbot, workspace)
    assert dialog.model.rowCount() == 3
    assert dialog.selected()[0].reason == "close"  # newest readable backup selected first
    assert dialog.restore_button.isEnabled()


def test_restore_runs_in_a_worker_after_confirmation(qtbot, workspace, three_backups, monkeypatch):  # noqa: F811
    first, _second, _broken = three_backups
    asked = []
    monkeypatch.setattr(restore_dialog, "confirm", lambda parent, text, yes="": asked.append(text) or True)
    dialog = _opened(qtbot, workspace)
    dialog.view.selectRow(2)
    dialog.restore_selected()
    assert asked == [QUESTION]
    assert dialog.busy and dialog.report is None and not dialog.restore_button.isEnabled()
    dialog.job.wait()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dump(workspace.db.conn) == dump(first.path)  # the window's connection sees the restored data
    assert dialog.report.safety_copy.name.endswith("-truoc-khoi-phuc.sqlite3")


def test_restore_does_nothing_when_not_confirmed(qtbot, workspace, three_backups, monkeypatch):  # noqa: F811
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: False)
    before = dump(workspace.db.conn)
    dialog = _opened(qtbot, workspace)
    dialog.restore_selected()
    assert not dialog.busy and dialog.report is None and dump(workspace.db.conn) == before


def test_cancel_while_copying_leaves_the_data_and_no_safety_copy(qtbot, workspace, three_backups,  # noqa: F811
                                                                monkeypatch):
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(writing, "PAGES_PER_STEP", 1)  # a small database copied in many steps
    before = dump(workspace.db.conn)
    dialog = _opened(qtbot, workspace)
    dialog.view.selectRow(2)
    dialog.restore_selected()
    cancel_when(dialog.job, monkeypatch, 0.75)  # half way through copying the backup in
    dialog.job.wait()
    assert dialog.job.outcome == "cancelled"
    assert dump(workspace.db.conn) == before
    assert _safety_copies(workspace) == []  # the copy of the data "before restore" went too
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.report is None
    assert dialog.restore_button.isEnabled()  # the user may try again


def test_cancel_button_before_anything_is_written(qtbot, workspace, three_backups, monkeypatch):  # noqa: F811
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    before = dump(workspace.db.conn)
    dialog = _opened(qtbot, workspace)
    dialog.restore_selected()
    press_cancel(dialog.job)
    dialog.job.wait()
    assert dump(workspace.db.conn) == before and _safety_copies(workspace) == []


def test_escape_while_restoring_cancels_and_keeps_the_dialog(qtbot, workspace, three_backups,  # noqa: F811
                                                            monkeypatch):
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    dialog = _opened(qtbot, workspace)
    dialog.restore_selected()
    dialog.reject()  # Escape, or "Đóng": stops the worker, the dialog stays
    assert dialog.job.cancel.is_set()
    dialog.job.wait()
    assert dialog.job.outcome == "cancelled" and dialog.result() != dialog.DialogCode.Accepted


def test_restore_from_a_file_elsewhere(qtbot, workspace, three_backups, tmp_path, monkeypatch):  # noqa: F811
    first, _second, broken = three_backups
    usb_copy = tmp_path / "sao-luu-tren-usb.sqlite3"
    usb_copy.write_bytes(first.path.read_bytes())
    shown = []
    monkeypatch.setattr(background, "show_error", lambda parent, error: shown.append(error.message))
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)
    dialog = _opened(qtbot, workspace)
    monkeypatch.setattr(restore_dialog, "choose_backup_file", lambda parent: broken)
    dialog.restore_other_file()
    dialog.job.wait()
    assert shown == [f"Tệp {broken.name} không dùng để khôi phục được: không phải cơ sở dữ liệu của CCHC Desktop."]
    monkeypatch.setattr(restore_dialog, "choose_backup_file", lambda parent: usb_copy)
    dialog.restore_other_file()
    dialog.job.wait()  # checked
    dialog.job.wait()  # restored
    assert dialog.report.source == usb_copy
    assert dump(workspace.db.conn) == dump(first.path)


def test_restore_from_the_menu_refreshes_the_window_and_forgets_undo(qtbot, workspace, three_backups,  # noqa: F811
                                                                    monkeypatch):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[-3:] == ["&Sao lưu…", "&Khôi phục…", "&Thoát"]
    informed = []
    monkeypatch.setattr(restore_dialog, "inform", lambda parent, text: informed.append(text))
    monkeypatch.setattr(restore_dialog, "confirm", lambda *a, **k: True)

    def run(self):
        self.job.wait()
        self.view.selectRow(2)
        self.restore_selected()
        self.job.wait()
        return self.result()

    monkeypatch.setattr(RestoreDialog, "exec", run)
    plan_id = window.current_plan_id
    window.operations.run(lambda: plans.edit_plan(workspace.db, plan_id, title="Sửa rồi hoàn tác"))
    window.operations.run(lambda: plans.edit_plan(workspace.db, plan_id, title="Sửa lần nữa"))
    window.operations.undo()
    assert window.undo_action.isEnabled() and window.redo_action.isEnabled()
    window.restore_action.trigger()
    assert "44 nhiệm vụ" in window.plan_heading.text()
    assert not window.operations.undo_stack.can_undo() and not window.operations.undo_stack.can_redo()
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()  # the menu knows
    assert informed[0].startswith("Đã khôi phục dữ liệu từ bản sao lưu lúc 23/11/2026 12:30:05: 1 kế hoạch, 44 nhiệm vụ.")


def test_restore_dialog_screenshot(qtbot, workspace, three_backups, tmp_path):  # noqa: F811
    dialog = _opened(qtbot, workspace)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(tmp_path / "restore.png"))


def _another_units_backup(tmp_path):
    other = Workspace.open(tmp_path / "xa-khac")
    try:
        create_unit_with_plan(other.db, Unit(None, "Xã Hoằng Lộc", "xã"), 2026)
        return write_backup(other.db.conn, tmp_path / "usb", "manual", NOV_23).path
    finally:
        other.close()


def test_restoring_another_units_backup_names_both_units(qtbot, workspace, three_backups, tmp_path,  # noqa: F811
                                                         monkeypatch):
    asked = []
    monkeypatch.setattr(restore_dialog, "confirm", lambda parent, text, yes="": asked.append(text) or False)
    dialog = _opened(qtbot, workspace)
    monkeypatch.setattr(restore_dialog, "choose_backup_file", lambda parent: _another_units_backup(tmp_path))
    dialog.restore_other_file()
    dialog.job.wait()
    assert asked == [
        "Khôi phục dữ liệu về bản sao lưu lúc 23/11/2026 12:30:05 của Xã Hoằng Lộc (1 kế hoạch, 0 nhiệm vụ)?\n\n"
        "Dữ liệu hiện tại sẽ được thay thế; trước đó chương trình sao lưu nó để có thể quay lại.\n\n"
        "Lưu ý: bản sao lưu này là dữ liệu của Xã Hoằng Lộc, không phải của Phường 1 đang dùng. "
        "Sau khi khôi phục, dữ liệu của Phường 1 chỉ còn trong bản sao lưu trước khi khôi phục."
    ]
    assert unit_names(workspace.db.conn) == ("Phường 1",)  # not confirmed: nothing changed
