"""Completion of room and title names from the directory, for the Chủ trì / Phối hợp fields.

Matching ignores case and diacritics ("van phong" finds "Công chức Văn phòng-Thống kê")
and works on the ';'-separated part under the cursor only, so a second party can be
completed after the first. A name not in the directory may still be typed: it joins
the directory when the task is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from cchc_desktop.directory import list_parties
from cchc_desktop.textnorm import fold, sort_key

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
SEPARATOR = ";"


def current_part(text: str, cursor: int) -> tuple[int, int]:
    """Bounds of the ';'-separated part around ``cursor``, its leading spaces left out."""
    start = text.rfind(SEPARATOR, 0, cursor) + 1
    end = text.find(SEPARATOR, cursor)
    end = len(text) if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    return start, end


def replace_part(text: str, cursor: int, name: str) -> str:
    """``text`` with the part around ``cursor`` replaced by ``name`` (one space after ';')."""
    start, end = current_part(text, cursor)
    before = text[:start]
    if before and not before.endswith(" "):
        before += " "
    return before + name + text[end:]


class PartyNameModel(QAbstractListModel):
    """Directory names in Vietnamese order; ``FOLDED_ROLE`` gives each one's search key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self._folded: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.beginResetModel()
        self._names = sorted(set(names), key=sort_key)
        self._folded = [fold(name) for name in self._names]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._names)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._names)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._names[index.row()]
        if role == FOLDED_ROLE:
            return self._folded[index.row()]
        return None


class PartyCompleter(QCompleter):
    def __init__(self, db, line_edit: QLineEdit):
        super().__init__(line_edit)
        self.db = db
        self.names = PartyNameModel(self)
        self.setModel(self.names)
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        self._typed, self._cursor = "", 0
        self.refresh()

    def refresh(self) -> None:
        """Reload the names (after the directory changed)."""
        self.names.set_names([name for _id, name, _kind in list_parties(self.db)])

    def splitPath(self, path: str) -> list[str]:
        # Remember what was typed and where: highlighting an entry in the popup rewrites
        # the line (and moves its cursor) before the entry is chosen.
        self._typed, self._cursor = path, self._cursor_in(path)
        start, end = current_part(path, self._cursor)
        return [fold(path[start:end])]

    def pathFromIndex(self, index: QModelIndex) -> str:
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        return replace_part(self._typed, self._cursor, name)

    def _cursor_in(self, path: str) -> int:
        edit = self.widget()
        if isinstance(edit, QLineEdit) and edit.text() == path:
            return edit.cursorPosition()
        return len(path)


def attach_party_completer(line_edit: QLineEdit, db) -> PartyCompleter:
    """Give ``line_edit`` completion from the directory; returns the completer."""
    completer = PartyCompleter(db, line_edit)
    line_edit.setCompleter(completer)
    return completer
