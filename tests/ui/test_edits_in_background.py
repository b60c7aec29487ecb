"""Large edits run in a worker thread: copying a plan to a new year, and undoing or
redoing a change of many rows. The worker writes on its own connection in one
transaction; the change then joins the undo stack on the GUI thread. (A small plan
here: the thresholds are lowered.)"""

from __future__ import annotations

import pytest

from cchc_desktop import repo
from cchc_desktop.edits import plans
from tests.ui.background_helpers import cancel_when, press_cancel
from ui import actions, background, operations as operations_module


@pytest.fixture
def window(copying_window):
    return copying_window


def _years(window) -> list[int]:
    return [p.year for p in repo.list_plans(window.workspace.db)]


def _counts(db) -> tuple[int, ...]:
    return tuple(db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
                 for table in ("plan", "area", "task", "task_party", "indicator", "task_history"))


def test_copy_to_a_new_year_runs_in_a_worker(qtbot, window):
    window.copy_plan_action.trigger()
    assert window.operations.busy and _years(window) == [2024]  # the result comes from the worker
    window.copy_job.wait()
    assert _years(window) == [2025, 2024]
    new_id = repo.list_plans(window.workspace.db)[0].id
    assert window.current_plan_id == new_id
    assert window.appendix_proxy.index(1, 5).data() == "Tháng 02/2025"
    assert window.undo_action.text() == "Hoàn tác: Sao chép kế hoạch sang năm 2025"
    window.undo_action.trigger()
    assert _years(window) == [2024]


def test_a_cancelled_copy_writes_nothing_and_keeps_undo_as_it_was(qtbot, window, monkeypatch):
    db = window.workspace.db
    before = _counts(db)
    window.copy_plan_action.trigger()
    cancel_when(window.copy_job, monkeypatch, 0.99)  # every row written, not yet committed
    window.copy_job.wait()
    assert window.copy_job.outcome == "cancelled"
    assert _counts(db) == before and _years(window) == [2024]
    assert not window.operations.undo_stack.can_undo() and window.undo_action.text() == "Hoàn tác"


def test_other_edits_wait_while_a_change_is_written(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(operations_module, "show_error", lambda parent, error: shown.append(error.message))
    db, plan_id = window.workspace.db, window.current_plan_id
    window.operations.run(lambda: plans.edit_plan(db, plan_id, title="Trước"))
    window.copy_plan_action.trigger()
    assert window.operations.run(lambda: plans.edit_plan(db, plan_id, title="Khác")) is None
    assert shown == ["Chương trình đang thực hiện một thao tác khác. Hãy chờ thao tác đó xong rồi thử lại."]
    assert window.operations.undo() is None  # Ctrl+Z waits quietly
    window.copy_job.wait()
    assert repo.get_plan(db, plan_id).title == "Trước"


def test_large_undo_and_redo_run_in_a_worker(qtbot, window, monkeypatch):
    monkeypatch.setattr(actions, "COPY_IN_BACKGROUND_ABOVE", 10_000)  # this copy here, at once
    window.copy_plan_action.trigger()
    assert _years(window) == [2025, 2024]
    monkeypatch.setattr(operations_module, "BACKGROUND_ROWS", 0)
    operations = window.operations
    assert operations.undo() is None  # started, not done
    assert operations.busy and _years(window) == [2025, 2024]
    operations.job.wait()
    assert _years(window) == [2024]
    assert operations.undo_stack.can_redo() and not operations.undo_stack.can_undo()
    assert window.redo_action.text() == "Làm lại: Sao chép kế hoạch sang năm 2025"
    operations.redo()
    operations.job.wait()
    assert _years(window) == [2025, 2024] and operations.undo_stack.can_undo()


def test_a_cancelled_undo_leaves_data_and_history(qtbot, window, monkeypatch):
    monkeypatch.setattr(actions, "COPY_IN_BACKGROUND_ABOVE", 10_000)
    window.copy_plan_action.trigger()
    before = _counts(window.workspace.db)
    monkeypatch.setattr(operations_module, "BACKGROUND_ROWS", 0)
    window.operations.undo()
    press_cancel(window.operations.job)
    window.operations.job.wait()
    assert _counts(window.workspace.db) == before
    assert window.operations.undo_stack.can_undo() and not window.operations.undo_stack.can_redo()


def test_a_stale_undo_in_the_background_clears_the_history(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(background, "show_error", lambda parent, error: shown.append(error.message))
    monkeypatch.setattr(actions, "COPY_IN_BACKGROUND_ABOVE", 10_000)
    window.copy_plan_action.trigger()
    db = window.workspace.db
    new_id = repo.list_plans(db)[0].id
    with db.atomic():  # another program changes the copied plan meanwhile
        db.execute("UPDATE plan SET title = 'Sửa ở nơi khác' WHERE id = ?", [new_id])
    monkeypatch.setattr(operations_module, "BACKGROUND_ROWS", 0)
    window.operations.undo()
    window.operations.job.wait()
    assert shown and "vừa được sửa ở nơi khác" in shown[0]
    assert not window.operations.undo_stack.can_undo() and _years(window) == [2025, 2024]
