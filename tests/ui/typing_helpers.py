"""Typing Vietnamese in tests.

``qtbot.keyClicks`` aborts on non-ASCII text, so each character is sent as a key
event that carries it, the way Unikey/EVKey deliver composed characters.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def open_cell_editor(view: QAbstractItemView) -> QWidget:
    """The editor a view opened for its current cell (offscreen windows never get focus,
    so ``QApplication.focusWidget()`` cannot find it)."""
    editors = [w for w in view.viewport().findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit)) and w.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]
