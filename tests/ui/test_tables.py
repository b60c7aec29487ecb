"""Shared table behaviour: rows on screen fitted to their wrapped text."""

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QPlainTextEdit, QTableView

from ui.tables import TextColumnWidth, configure_table, viewport_of

LONG_TEXT = ("Triển khai thực hiện có hiệu quả Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ "
             "quy định cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập. ") * 3


def test_viewport_of_is_the_views_own_viewport(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    QPlainTextEdit(view)  # a scroll area inside the view (as an open cell editor is) has a viewport too
    assert viewport_of(view) is view.viewport()


def fitted(view, row: int) -> bool:
    return view.rowHeight(row) == view.sizeHintForRow(row) > view.verticalHeader().defaultSectionSize()


def test_rows_coming_into_sight_are_fitted_when_the_view_grows_taller(qtbot):
    model = QStandardItemModel(30, 2)
    for row in range(30):
        model.setItem(row, 0, QStandardItem(str(row + 1)))
        model.setItem(row, 1, QStandardItem(LONG_TEXT))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    configure_table(view, (40, None))
    view.resize(800, 150)
    view.show()
    qtbot.waitUntil(lambda: fitted(view, 0))
    below = next(row for row in range(30) if not fitted(view, row))  # out of sight: one line high
    assert view.rowViewportPosition(below) > view.viewport().height()
    view.resize(800, 700)  # the columns keep their widths: only the viewport's resize tells
    qtbot.waitUntil(lambda: fitted(view, below))


def test_the_text_column_stops_stretching_before_it_gets_too_narrow(qtbot):
    model = QStandardItemModel(3, 4)
    view = QTableView()
    view.setModel(model)
    configure_table(view, (40, None, 200, 200))
    qtbot.addWidget(view)
    header = view.horizontalHeader()
    view.resize(1200, 300)
    view.show()
    qtbot.waitUntil(lambda: header.sectionSize(1) > 500)  # wide: it takes the room left
    view.resize(500, 300)
    qtbot.waitUntil(lambda: header.sectionSize(1) == TextColumnWidth.MINIMUM)
    assert view.horizontalScrollBar().maximum() > 0  # the table scrolls sideways instead
    view.resize(1200, 300)
    qtbot.waitUntil(lambda: header.sectionSize(1) > 500)  # and stretches again
