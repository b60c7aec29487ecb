"""Vietnamese for the few texts Qt's own widgets show: the right-click menu of every text
field and spin box. Qt ships no Vietnamese translation of them (its translations folder
has none), so this translator answers those look-ups from a table; the program's own
texts are Vietnamese already and never pass through it.

Calendars (the drop-down of every date field) take their month and day names from the
default locale: ``install`` makes it Vietnamese. Date fields set their own format
(dd/MM/yyyy); spin boxes show no digit grouping, so years stay "2026"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

_EDITING = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "&Xóa",
    "Select All": "&Chọn tất cả",
}

# (Qt's context, English source) -> Vietnamese; "&" marks the access key, one per menu.
TEXTS: dict[tuple[str, str], str] = {
    **{("QLineEdit", source): text for source, text in _EDITING.items()},
    **{("QWidgetTextControl", source): text for source, text in _EDITING.items()},
    ("QWidgetTextControl", "Copy &Link Location"): "Sao chép địa chỉ liê&n kết",
    ("QAbstractSpinBox", "&Select All"): "&Chọn tất cả",
    ("QAbstractSpinBox", "&Step up"): "&Tăng",
    ("QAbstractSpinBox", "Step &down"): "&Giảm",
    ("QUnicodeControlCharacterMenu", "Insert Unicode control character"): "Chèn ký tự điều khiển Unicode",
}


class QtTextsInVietnamese(QTranslator):
    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return TEXTS.get((context, source_text))  # None, a null string: Qt keeps its own text

    def isEmpty(self) -> bool:  # a translator without a .qm file counts as empty to Qt
        return False


def install(app: QCoreApplication) -> QtTextsInVietnamese:
    """Install the translator on ``app`` (it is kept as the application's child) and make
    Vietnamese the default locale."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QtTextsInVietnamese(app)
    app.installTranslator(translator)
    return translator
