"""The one helper that runs an edit: through the undo stack, errors to the one display.

Views listen to ``changed`` and refresh only when the change touched their tables
(``Change.touched``) — the window never reloads everything after each keystroke.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cchc_desktop.changes import Change
from cchc_desktop.undo import UndoStack
from ui.errors import show_error


class Operations(QObject):
    changed = Signal(object)  # the Change done, undone or redone
    undo_state_changed = Signal()

    def __init__(self, undo_stack: UndoStack, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.undo_stack = undo_stack
        self.parent_widget = parent_widget

    @property
    def db(self):
        return self.undo_stack.db

    def run(self, make_change: Callable[[], Change]) -> Change | None:
        """Build the change and write it; on failure show why and change nothing."""
        try:
            change = self.undo_stack.do(make_change())
        except Exception as error:  # noqa: BLE001 - every failure goes to the one error display
            show_error(self.parent_widget, error)
            return None
        if not change.is_empty():
            self._announce(change)
        return change

    def undo(self) -> Change | None:
        return self._step(self.undo_stack.undo)

    def redo(self) -> Change | None:
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

    def _announce(self, change: Change) -> None:
        self.changed.emit(change)
        self.undo_state_changed.emit()
