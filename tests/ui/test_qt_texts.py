"""Qt's own menus (right-click in a text field or a spin box) and calendars speak Vietnamese."""

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QPlainTextEdit, QSpinBox, QTableView, QToolButton

from ui import qt_texts


def menu_texts(widget) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [action.text() for action in menu.actions() if not action.isSeparator()]
    finally:
        menu.deleteLater()


def test_the_right_click_menu_of_text_fields_is_vietnamese(qtbot, qapp):
    translator = qt_texts.install(qapp)
    try:
        line_edit, text_edit, spin_box = QLineEdit(), QPlainTextEdit(), QSpinBox()
        for widget in (line_edit, text_edit, spin_box):
            qtbot.addWidget(widget)
        expected = ["&Hoàn tác\tCtrl+Z", "&Làm lại\tCtrl+Y", "Cắ&t\tCtrl+X", "&Sao chép\tCtrl+C",
                    "&Dán\tCtrl+V", "&Xóa", "&Chọn tất cả\tCtrl+A"]
        assert menu_texts(line_edit) == expected  # key names such as Ctrl stay as Qt says them
        assert menu_texts(text_edit) == expected
        assert menu_texts(spin_box.lineEdit()) == expected
    finally:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def test_every_access_key_of_a_menu_is_different():
    for context in {context for context, _source in qt_texts.TEXTS}:
        keys = [text[text.index("&") + 1].lower() for (ctx, _s), text in qt_texts.TEXTS.items()
                if ctx == context and "&" in text]
        assert len(keys) == len(set(keys)), context


def test_calendars_name_months_and_days_in_vietnamese(qtbot, qapp):
    previous = QLocale()
    translator = qt_texts.install(qapp)
    try:
        calendar, year = QCalendarWidget(), QSpinBox()
        for widget in (calendar, year):
            qtbot.addWidget(widget)
        calendar.setSelectedDate(QDate(2026, 11, 23))
        assert calendar.findChild(QToolButton, "qt_calendar_monthbutton").text() == "Tháng 11"
        days = calendar.findChild(QTableView, "qt_calendar_calendarview").model()
        assert [days.index(0, column).data() for column in range(1, 8)] == [
            "Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]  # the week starts on Monday
        year.setRange(2000, 2100)
        year.setValue(2026)
        assert year.text() == "2026"  # no "2.026"
    finally:
        QLocale.setDefault(previous)
        qapp.removeTranslator(translator)
        translator.deleteLater()
