"""Qt's own menus (right-click in a text field or a spin box) speak Vietnamese."""

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox

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
