"""The search box over the appendix: rows found, their heights, the count."""

from PySide6.QtWidgets import QApplication

from ui.appendix_model import KIND_ROLE


def settle():
    for _ in range(5):
        QApplication.processEvents()


def rows_on_screen(view) -> range:
    if view.model().rowCount() == 0:
        return range(0)  # nothing found ("cụ thể": no task has those words)
    first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    return range(first, (view.model().rowCount() - 1 if last < 0 else last) + 1)


def unfitted_rows(view) -> list[int]:
    """Rows on screen whose height is not what measuring them again gives."""
    header = view.verticalHeader()  # what resizeRowToContents would set, without setting it
    return [row for row in rows_on_screen(view)
            if view.rowHeight(row) != max(view.sizeHintForRow(row), header.sectionSizeHint(row))]


def test_rows_on_screen_are_fitted_whatever_was_searched_before(window):
    view, search = window.appendix_view, window.appendix.filter_bar.search
    settle()
    assert len(rows_on_screen(view)) > 3 and unfitted_rows(view) == []
    for text in ("c", "cu", "cụ", "cụ thể", "cụ", "ke hoach", "tuyên", "", "đánh giá", "đ", ""):
        search.setText(text)
        settle()
        assert unfitted_rows(view) == [], text


def test_heights_are_measured_again_when_columns_change_width(qtbot, window):
    view, search = window.appendix_view, window.appendix.filter_bar.search
    search.setText("ke hoach")
    settle()
    search.setText("")
    settle()
    wide = [view.rowHeight(row) for row in rows_on_screen(view)]
    view.setColumnWidth(2, 60)  # the lead column narrows: its text wraps on more lines
    qtbot.waitUntil(lambda: unfitted_rows(view) == [])
    search.setText("ke hoach")  # heights kept from before the resize are not reused
    settle()
    assert unfitted_rows(view) == []
    search.setText("")
    settle()
    assert unfitted_rows(view) == []
    assert [view.rowHeight(row) for row in rows_on_screen(view)][:5] > wide[:5]


def test_search_shows_count_spans_and_keeps_the_current_task(window):
    view, proxy, bar = window.appendix_view, window.appendix_proxy, window.appendix.filter_bar
    window.appendix.select_task(next(t.task.id for t in window.appendix_model.trackings() if t.task.stt == 11))
    bar.search.setText("tuyên truyền")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount()) if proxy.index(r, 0).data(KIND_ROLE) == "task"] \
        == ["3", "11", "40"]
    assert [r for r in range(proxy.rowCount()) if view.columnSpan(r, 0) == 8] == [0, 2, 4]
    assert bar.count.text() == "3/44 nhiệm vụ"
    assert window.appendix.current_source_row().task.stt == 11
    bar.search.setText("")
    assert bar.count.text() == "44 nhiệm vụ" and proxy.rowCount() == 51
    assert window.appendix.current_source_row().task.stt == 11
    assert [r for r in range(proxy.rowCount()) if view.columnSpan(r, 0) == 8] == \
        [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(KIND_ROLE) == "area"]
