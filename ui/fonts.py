"""Register the bundled Liberation Serif so Vietnamese renders on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from cchc_desktop.paths import resource

FAMILY = "Liberation Serif"
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
UI_POINT_SIZE = 11


def register_fonts() -> list[str]:
    """Add the bundled fonts to Qt; return the families that loaded."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def application_font() -> QFont:
    font = QFont(FAMILY, UI_POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
