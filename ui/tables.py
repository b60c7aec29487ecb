"""Tables look and behave the same everywhere in the application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

FIT_PASSES = 4  # fitted rows grow, so fewer fit on screen: a few passes settle it


class VisibleRowHeights(QObject):
    """Fit the rows on screen to their wrapped text, and only those.

    ``ResizeToContents`` measures every cell of every row each time anything changes:
    fine for 40 tasks, seconds for 10,000. Rows off screen keep a one-line height
    until they are scrolled into view.
    """

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self._fitted: set[int] = set()
        self._timer = QTimer(self)  # owned: it dies with the view, never firing at a deleted one
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit_visible)
        header = view.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)
        view.verticalScrollBar().valueChanged.connect(self.schedule)
        view.horizontalHeader().sectionResized.connect(self.refit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.refit)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def refit(self, *_args) -> None:
        self._fitted.clear()
        self.schedule()

    def schedule(self, *_args) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def fit_visible(self) -> None:
        if not self.view.isVisible():
            return  # a hidden tab has no screen to fit: its Show event schedules the fit
        rows = self.view.model().rowCount()
        for _ in range(FIT_PASSES):
            first = max(self.view.rowAt(0), 0)
            last = self.view.rowAt(self.view.viewport().height() - 1)
            last = rows - 1 if last < 0 else last
            todo = [row for row in range(first, last + 1) if row not in self._fitted]
            if not todo:
                return
            for row in todo:
                self.view.resizeRowToContents(row)
                self._fitted.add(row)


def configure_table(view: QTableView, widths: tuple[int | None, ...]) -> None:
    """Rows selected whole, wrapped text, one stretching column, the rest fixed widths."""
    view.setWordWrap(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.row_heights = VisibleRowHeights(view)
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if width is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
