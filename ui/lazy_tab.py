"""A tab page built when the user first opens it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    """Holds the place of a tab's content until the tab is first shown (or the content
    is asked for): what the user does not look at costs nothing at the program's start.

    ``build`` makes the content; ``on_built(content)`` brings it up to date with what
    happened while it did not exist.
    """

    def __init__(self, build: Callable[[], QWidget], on_built: Callable[[QWidget], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._on_built = on_built
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._build()
            self._layout.addWidget(self._content)
            if self._on_built is not None:
                self._on_built(self._content)
        return self._content

    def showEvent(self, event) -> None:
        self.content()
        super().showEvent(event)
