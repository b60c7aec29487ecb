"""The one helper that runs an edit: through the undo stack, errors to the one display.

Views listen to ``changed`` and refresh only when the change touched their tables
(``Change.touched``) — the window never reloads everything after each keystroke.

A change of thousands of rows (copying a large plan, importing a large appendix, and
undoing or redoing those) is built and written in a worker thread, on the worker's own
connection, with a progress bar and "Hủy" (``run_in_background``); it joins the undo
stack and is announced on the GUI thread once written. While one runs, other edits wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cchc_desktop.changes import Change, StaleChange, apply
from cchc_desktop.db import database_file
from cchc_desktop.errors import CchcError
from cchc_desktop.progress import portion
from cchc_desktop.undo import UndoStack
from ui.background import BackgroundJob, run_in_background
from ui.errors import show_error
from ui.release import SlicedRelease

# An undo or redo of more rows than this is written in a worker thread (about 15 ms per
# 1,000 rows on the development machine; an old office PC is several times slower).
BACKGROUND_ROWS = 1000


class Busy(CchcError):
    def __init__(self) -> None:
        super().__init__("Chương trình đang thực hiện một thao tác khác. Hãy chờ thao tác đó xong rồi thử lại.")


class Operations(QObject):
    changed = Signal(object)  # the Change done, undone or redone
    undo_state_changed = Signal()

    def __init__(self, undo_stack: UndoStack, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.undo_stack = undo_stack
        self.parent_widget = parent_widget
        self.job: BackgroundJob | None = None
        self._release = SlicedRelease(self)

    @property
    def db(self):
        return self.undo_stack.db

    @property
    def busy(self) -> bool:
        """A change is being written in the background."""
        return self.job is not None and not self.job.done

    def run(self, make_change: Callable[[], Change],
            on_done: Callable[[Change], None] | None = None) -> Change | None:
        """Build the change and write it; on failure show why and change nothing.

        ``on_done(change)`` runs once it is written, before the views hear of it: it may
        choose what they show when they reload (the plan just made, say)."""
        try:
            if self.busy:
                raise Busy()
            change = self.undo_stack.do(make_change())
        except Exception as error:  # noqa: BLE001 - every failure goes to the one error display
            show_error(self.parent_widget, error)
            return None
        if on_done is not None:
            on_done(change)
        if not change.is_empty():
            self._announce(change)
        return change

    def run_in_background(self, label: str, make_change: Callable[[object], Change],
                          on_done: Callable[[Change], None] | None = None, action: str = "sửa",
                          on_cancel: Callable[[], None] | None = None,
                          on_error: Callable[[BaseException], None] | None = None) -> BackgroundJob | None:
        """``make_change(db)`` builds the change in a worker thread from the worker's own
        connection, which writes it in one transaction (a cancel or a failure rolls it
        back: nothing is written). Then, on the GUI thread, the change joins the undo
        stack, ``on_done(change)`` runs and the change is announced (as with ``run``).
        None when another change is still being written (after saying so)."""
        if self.busy:
            show_error(self.parent_widget, Busy())
            return None

        def job(db) -> Change:
            with portion(0.0, 0.5):
                change = make_change(db)
            with portion(0.5, 1.0):
                apply(db, change, action)
            return change

        def done(change: Change) -> None:
            self.undo_stack.record(change)
            if on_done is not None:
                on_done(change)
            if not change.is_empty():
                self._announce(change)

        self.job = run_in_background(self.parent_widget, label, job, done, db_path=database_file(self.db),
                                     on_cancel=on_cancel, on_error=on_error)
        return self.job

    def undo(self) -> Change | None:
        """The change undone; None when there was none, or when it is large and is
        being undone in the background (announced when written). While a change is
        being written, Ctrl+Z does nothing (the progress dialog says what is going on)."""
        if self.busy:
            return None
        change = self.undo_stack.next_undo()
        if change is not None and len(change.rows) > BACKGROUND_ROWS:
            return self._replay_in_background(change, undo=True)
        return self._step(self.undo_stack.undo)

    def redo(self) -> Change | None:
        if self.busy:
            return None
        change = self.undo_stack.next_redo()
        if change is not None and len(change.rows) > BACKGROUND_ROWS:
            return self._replay_in_background(change, undo=False)
        return self._step(self.undo_stack.redo)

    def _step(self, action: Callable[[], Change | None]) -> Change | None:
        try:
            change = action()
        except Exception as error:  # noqa: BLE001
            show_error(self.parent_widget, error)
            return None
        if change is not None:
            self._announce(change)
        return change

    def _replay_in_background(self, change: Change, undo: bool) -> None:
        action = "hoàn tác" if undo else "làm lại"
        stack = self.undo_stack

        def job(db) -> Change:
            apply(db, change.inverse() if undo else change, action)  # the inverse of 30,000 rows is made here too
            return change

        def done(_change: Change) -> None:
            (stack.undone if undo else stack.redone)(change)
            self._announce(change)

        def failed(error: BaseException) -> None:
            if isinstance(error, StaleChange):  # as UndoStack does: no older step is safe either
                stack.clear()
                self.undo_state_changed.emit()

        label = "Đang hoàn tác…" if undo else "Đang làm lại…"
        self.job = run_in_background(self.parent_widget, label, job, done, db_path=database_file(self.db),
                                     on_error=failed)
        return None

    def forget_history(self) -> None:
        """Nothing to undo or redo any more (the data was replaced: a restore). A history of
        tens of thousands of rows is freed over the next turns of the event loop."""
        self._release.release(*(change.rows for change in self.undo_stack.clear()))
        self.undo_state_changed.emit()

    def _announce(self, change: Change) -> None:
        self.changed.emit(change)
        self.undo_state_changed.emit()
