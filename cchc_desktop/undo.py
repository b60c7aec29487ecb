"""Undo and redo across the session, for every kind of edit."""

from __future__ import annotations

from cchc_desktop.sqlite_db import Database

from cchc_desktop.changes import Change, StaleChange, apply


class UndoStack:
    def __init__(self, db: Database):
        self.db = db
        self._done: list[Change] = []
        self._undone: list[Change] = []

    def do(self, change: Change) -> Change:
        """Write ``change`` now (one transaction) and remember it for undo."""
        if change.is_empty():
            return change
        apply(self.db, change, "sửa")
        self._done.append(change)
        self._undone.clear()
        return change

    def record(self, change: Change) -> Change:
        """Remember ``change`` for undo when it was already written, in one transaction, on
        another connection to the same file (a worker thread's): as if ``do`` had written it."""
        if not change.is_empty():
            self._done.append(change)
            self._undone.clear()
        return change

    # A large undo or redo is written by a worker thread: it writes ``next_undo().inverse()``
    # (or ``next_redo()``), then the stack is told with ``undone`` (or ``redone``).

    def next_undo(self) -> Change | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Change | None:
        return self._undone[-1] if self._undone else None

    def undone(self, change: Change) -> None:
        if self.next_undo() is change:
            self._undone.append(self._done.pop())

    def redone(self, change: Change) -> None:
        if self.next_redo() is change:
            self._done.append(self._undone.pop())

    def undo(self) -> Change | None:
        if not self._done:
            return None
        change = self._done[-1]
        self._replay(change.inverse(), "hoàn tác")
        self._undone.append(self._done.pop())
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone[-1]
        self._replay(change, "làm lại")
        self._done.append(self._undone.pop())
        return change

    def _replay(self, change: Change, action: str) -> None:
        try:
            apply(self.db, change, action)
        except StaleChange:
            # The rows moved on under us: no older step can be replayed safely either.
            self.clear()
            raise

    def clear(self) -> list[Change]:
        """Forget every step. The steps are returned: a caller that must not pause to free
        a large history (a window) can let go of them a slice at a time."""
        forgotten = self._done + self._undone
        self._done.clear()
        self._undone.clear()
        return forgotten

    @property
    def undo_text(self) -> str:
        return f"Hoàn tác: {self._done[-1].description}" if self._done else "Hoàn tác"

    @property
    def redo_text(self) -> str:
        return f"Làm lại: {self._undone[-1].description}" if self._undone else "Làm lại"

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)
