"""In a large plan, an edit that renumbers the appendix (a task added, deleted or moved,
an area moved or deleted) is built and written in a worker, and the appendix is read
again in a worker; the cursor ends where it would in a small plan, and a new task's
first cell is open for typing. (The demo plan, with the threshold lowered.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cchc_desktop import repo
from tests.ui.background_helpers import press_cancel
from tests.ui.typing_helpers import open_cell_editor, type_text
from ui import actions, background

DEMO_TASKS = 44


@pytest.fixture
def window(window, monkeypatch):
    monkeypatch.setattr(background, "LARGE_PLAN_TASKS", 10)  # the demo's 44 tasks count as large
    monkeypatch.setattr(actions, "confirm", lambda *a, **k: True)
    return window


def put_cursor_on(window, stt: int) -> None:
    task = next(t for t in repo.list_tasks(window.workspace.db, window.current_plan_id) if t.stt == stt)
    assert window.appendix.select_task(task.id)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.appendix_view, key, modifier)


def contents_by_stt(window) -> dict[int, str]:
    return {t.stt: t.content for t in repo.list_tasks(window.workspace.db, window.current_plan_id)}


def finish(qtbot, window) -> None:
    """Wait for the edit's worker, then for the worker reading the plan again."""
    assert window.operations.busy  # started, not yet written
    window.operations.job.wait()
    assert window.shown_plan_id is None or not window._load_job.done  # being read again
    window._load_job.wait()
    assert window.shown_plan_id == window.current_plan_id


def cursor_stt(window) -> int:
    return window.appendix.current_source_row().task.stt


def test_ctrl_n_writes_in_a_worker_then_opens_the_new_task_for_typing(qtbot, window):
    put_cursor_on(window, 2)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(contents_by_stt(window)) == DEMO_TASKS  # nothing yet on the GUI thread
    finish(qtbot, window)
    assert len(contents_by_stt(window)) == DEMO_TASKS + 1
    assert cursor_stt(window) == 3 and window.appendix_model.task_count() == DEMO_TASKS + 1
    editor = open_cell_editor(window.appendix_view)
    type_text(editor, "Rà soát quy chế làm việc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contents_by_stt(window)[3] == "Rà soát quy chế làm việc")
    assert contents_by_stt(window)[4] == "Xây dựng kế hoạch tuyên truyền CCHC năm 2024"


def test_deleting_puts_the_cursor_on_the_row_that_took_its_place(qtbot, window):
    put_cursor_on(window, 10)
    eleventh = contents_by_stt(window)[11]
    press(qtbot, window, Qt.Key.Key_Delete)
    finish(qtbot, window)
    assert len(contents_by_stt(window)) == DEMO_TASKS - 1
    assert cursor_stt(window) == 10 and window.appendix.current_source_row().task.content == eleventh
    assert window.undo_action.text() == "Hoàn tác: Xóa nhiệm vụ số 10"


def test_a_moved_task_keeps_the_cursor(qtbot, window):
    put_cursor_on(window, 3)
    third = contents_by_stt(window)[3]
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    finish(qtbot, window)
    assert contents_by_stt(window)[2] == third
    assert cursor_stt(window) == 2


def test_cancelling_the_edit_writes_nothing(qtbot, window):
    before = contents_by_stt(window)
    put_cursor_on(window, 2)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    job = window.operations.job
    press_cancel(job)
    job.wait()
    assert job.outcome == "cancelled"
    assert contents_by_stt(window) == before and not window.operations.undo_stack.can_undo()
    assert cursor_stt(window) == 2


def test_cancelling_the_reading_again_drops_what_waited_for_it(qtbot, window):
    """The change is written (and can be undone); the plan is shown as stopped, and no
    editor opens later on a plan read again by a click."""
    put_cursor_on(window, 2)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.operations.job.wait()
    press_cancel(window._load_job)
    window._load_job.wait()
    assert window.shown_plan_id is None and len(contents_by_stt(window)) == DEMO_TASKS + 1
    assert "Đã dừng mở kế hoạch này" in window.plan_heading.text()
    window.show_plan(window.current_plan_id)
    window._load_job.wait()
    assert window.appendix_model.task_count() == DEMO_TASKS + 1
    assert window.appendix.view.state() != window.appendix.view.State.EditingState


def test_a_small_plan_is_still_renumbered_at_once(qtbot, window, monkeypatch):
    monkeypatch.setattr(background, "LARGE_PLAN_TASKS", 1500)
    put_cursor_on(window, 2)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not window.operations.busy and len(contents_by_stt(window)) == DEMO_TASKS + 1
    assert cursor_stt(window) == 3
    assert window.appendix.view.state() == window.appendix.view.State.EditingState
