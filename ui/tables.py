"""Tables look and behave the same everywhere in the application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QHeaderView, QTableView, QWidget

FIT_PASSES = 4  # fitted rows grow, so fewer fit on screen: a few passes settle it
VIEWPORT_NAME = "qt_scrollarea_viewport"  # the name Qt gives every scroll area's own viewport


def viewport_of(view: QAbstractScrollArea) -> QWidget:
    """``view.viewport()``, found by its name when it has one.

    The first time PySide6 (6.11) hands out a widget it has not wrapped yet whose class is
    plain QWidget, it loads every QWidget subclass of QtWidgets to pick the wrapper type:
    about 70 enums and 9 ms of the program's start. ``findChild`` wraps it directly.
    """
    found = view.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


class VisibleRowHeights(QObject):
    """Fit the rows on screen to their wrapped text, and only those.

    ``ResizeToContents`` measures every cell of every row each time anything changes:
    fine for 40 tasks, seconds for 10,000. Rows off screen keep a one-line height
    until they are scrolled into view.

    When the view's model has ``row_key(row)`` (an object standing for what the row
    shows, a new one when that changes), heights measured are kept for as long as the
    column widths stay the same: a row shown again after a filter change, or scrolled
    back to, is not measured again.
    """

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self._fitted: set[int] = set()
        self._heights: dict[int, tuple[object, int]] = {}  # id(row key) -> (row key, height)
        self._widths: tuple[int, ...] = ()  # the column widths the heights were measured at
        self._timer = QTimer(self)  # owned: it dies with the view, never firing at a deleted one
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit_visible)
        header = view.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)
        view.verticalScrollBar().valueChanged.connect(self.schedule)
        view.horizontalHeader().sectionResized.connect(self.refit)
        self._viewport = viewport_of(view)
        self._viewport.installEventFilter(self)
        model = view.model()
        # New rows altogether: fitted at once, before the view first paints them (from
        # a timer they would be painted one line high, then again fitted).
        model.modelReset.connect(self.forget)
        model.layoutChanged.connect(self.refit_now)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.refit)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()  # measured in another font
            self.refit()
        return False

    def forget(self, *_args) -> None:
        """New rows: heights kept for the old ones are of no more use."""
        self._heights.clear()
        self.refit_now()

    def refit(self, *_args) -> None:
        self._fitted.clear()
        self.schedule()

    def refit_now(self, *_args) -> None:
        self._fitted.clear()
        self.fit_visible()

    def schedule(self, *_args) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def fit_visible(self) -> None:
        view = self.view
        self._timer.stop()
        rows = view.model().rowCount()
        if not view.isVisible() or rows == 0:
            return  # fitted when shown
        row_key = getattr(view.model(), "row_key", None)
        header = view.verticalHeader()
        widths = tuple(view.columnWidth(column) for column in range(view.model().columnCount()))
        if widths != self._widths:
            self._heights.clear()
            self._widths = widths
        fitted_any = False
        # The view hears of each row resized and lays itself out and repaints for them
        # later, from a timer: once more than needed. Rows are resized quietly here,
        # then the view laid out once.
        header.blockSignals(True)
        try:
            for _ in range(FIT_PASSES):
                first = view.rowAt(0)
                if first < 0:
                    break  # scrolled past the rows left: fitted when the scroll bar catches up
                last = view.rowAt(self._viewport.height() - 1)
                last = rows - 1 if last < 0 else last
                todo = [row for row in range(first, last + 1) if row not in self._fitted]
                if not todo:
                    break
                for row in todo:
                    self._fit(row, row_key(row) if row_key is not None else None, header)
                    self._fitted.add(row)
                fitted_any = True
        finally:
            header.blockSignals(False)
        if fitted_any:
            view.doItemsLayout()

    def _fit(self, row: int, key, header: QHeaderView) -> None:
        known = self._heights.get(id(key)) if key is not None else None
        if known is not None and known[0] is key:
            header.resizeSection(row, known[1])
            return
        self.view.resizeRowToContents(row)
        if key is not None:
            self._heights[id(key)] = (key, self.view.rowHeight(row))


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
    stretching = [column for column, width in enumerate(widths) if width is None]
    if len(stretching) == 1 and len(widths) > 1:  # a one-column list just wraps
        view.text_column_width = TextColumnWidth(view, stretching[0])


class TextColumnWidth(QObject):
    """The stretching column (a task's or an indicator's text) takes the room the others
    leave, but never less than ``MINIMUM`` pixels: in a narrow window it stops
    stretching and the table scrolls sideways, instead of showing one word per line."""

    MINIMUM = 260

    def __init__(self, view: QTableView, column: int):
        super().__init__(view)
        self.view, self.column = view, column
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != self.column)
        room = self.view.width() - 2 * self.view.frameWidth() - self.view.verticalScrollBar().sizeHint().width() - others
        too_narrow = room < self.MINIMUM
        mode = QHeaderView.ResizeMode.Interactive if too_narrow else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(self.column) != mode:
            header.setSectionResizeMode(self.column, mode)
        if too_narrow:
            header.resizeSection(self.column, self.MINIMUM)
