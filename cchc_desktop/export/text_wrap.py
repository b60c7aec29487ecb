"""Greedy line wrapping with real font metrics, fast enough for 10,000-row tables.

Words repeat a great deal in an appendix ("Công chức", "năm 2024"), so each word's
width is measured once per font and size and kept. Lines break at spaces only (no
hyphenation); a single word wider than the column is cut after a ``/`` or ``-``
if it has one, else between characters. Runs
of spaces are kept (a draft's ``số      /KH-UBND``), and ``\\n`` starts a new line.

Widths are reportlab's ``stringWidth``, computed the way it computes them for a
TrueType font (the sum of the characters' advances, times ``0.001 * size``) but from
a table of advances per character, so a new word costs one C-level sum instead of a
Python loop over its characters. The result is the same float, bit for bit.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont

WORDS_KEPT = 100_000  # per font and size; the table starts afresh when full


class _Advances(dict):
    """Advance of each character of a TrueType font, in thousandths of the font size."""

    def __init__(self, font: TTFont):
        super().__init__()
        self._char_widths = font.face.charWidths
        self._default = font.face.defaultWidth

    def __missing__(self, char: str) -> float:
        advance = self[char] = self._char_widths.get(ord(char), self._default)
        return advance


class _Widths(dict):
    """Width in points of each text measured so far, for one font and size."""

    def __init__(self, font_name: str, size: float):
        super().__init__()
        self._font_name, self._size = font_name, size
        font = getFont(font_name)
        self._advances = _ADVANCES.setdefault(font_name, _Advances(font)) if isinstance(font, TTFont) else None
        self._scale = 0.001 * size

    def __missing__(self, text: str) -> float:
        if self._advances is None:  # not a TrueType font: ask reportlab
            width = stringWidth(text, self._font_name, self._size)
        else:  # what reportlab's instanceStringWidthTTF computes, in the same order
            width = self._scale * sum(map(self._advances.__getitem__, text))
        if len(self) >= WORDS_KEPT:
            self.clear()
        self[text] = width
        return width


_ADVANCES: dict[str, _Advances] = {}
_WIDTHS: dict[tuple[str, float], _Widths] = {}


def _widths_for(font_name: str, size: float) -> _Widths:
    """The width table of ``font_name`` at ``size``: ``_widths_for(f, s)[text]`` is
    ``text_width(text, f, s)``, without the call."""
    try:
        return _WIDTHS[font_name, size]
    except KeyError:
        return _WIDTHS.setdefault((font_name, size), _Widths(font_name, size))


def text_width(text: str, font_name: str, size: float) -> float:
    return _widths_for(font_name, size)[text]


def wrap_text(text: str, font_name: str, size: float, width: float) -> list[str]:
    """The lines of ``text`` that fit in ``width`` points; at least one line (maybe empty)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font_name, size, width))
    return lines


def line_count(text: str, font_name: str, size: float, width: float) -> int:
    """``len(wrap_text(text, font_name, size, width))``, without making the lines."""
    widths = _widths_for(font_name, size)
    space = widths[" "]
    count = 0
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        word_widths = list(map(widths.__getitem__, words))
        if sum(word_widths) + space * (len(words) - 1) <= width:
            count += 1
            continue
        # The loop of _wrap_paragraph, counting the lines it closes instead of keeping them.
        current_width = None  # no word on the line yet
        for word, word_width in zip(words, word_widths):
            if current_width is not None:
                if current_width + space + word_width <= width:
                    current_width += space + word_width
                    continue
                if word_width > width:
                    head, word = _soft_head(word, font_name, size, width - current_width - space)
                    if head:
                        word_width = widths[word]
                count += 1
            if word_width > width:
                *pieces, word = _cut_word(word, font_name, size, width)
                count += len(pieces)
                word_width = widths[word]
            current_width = word_width
        count += 1
    return count


def _wrap_paragraph(paragraph: str, font_name: str, size: float, width: float) -> list[str]:
    widths = _widths_for(font_name, size)
    words = paragraph.split(" ")
    word_widths = list(map(widths.__getitem__, words))
    space = widths[" "]
    if sum(word_widths) + space * (len(words) - 1) <= width:
        return [paragraph]
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word, word_width in zip(words, word_widths):
        if current and current_width + space + word_width <= width:
            current.append(word)
            current_width += space + word_width
            continue
        if current and word_width > width:
            head, word = _soft_head(word, font_name, size, width - current_width - space)
            if head:
                current.append(head)
                word_width = widths[word]
        if current:
            lines.append(" ".join(current))
        if word_width > width:
            *pieces, word = _cut_word(word, font_name, size, width)
            lines.extend(pieces)
            word_width = widths[word]
        current, current_width = [word], word_width
    lines.append(" ".join(current))
    return lines


def _cut_word(word: str, font_name: str, size: float, width: float) -> list[str]:
    """A word too long for the column, cut into pieces that fit (the last may be short).

    Each piece ends after a ``/`` or ``-`` when one fits (``3989/KH-`` ``UBND``), else
    between characters.
    """
    pieces: list[str] = []
    while text_width(word, font_name, size) > width:
        cut = _longest_fitting_prefix(word, font_name, size, width)
        soft = max(word.rfind("/", 0, cut), word.rfind("-", 0, cut)) + 1
        cut = soft if soft > 0 else cut
        pieces.append(word[:cut])
        word = word[cut:]
    pieces.append(word)
    return pieces


def _soft_head(word: str, font_name: str, size: float, room: float) -> tuple[str, str]:
    """The longest start of ``word`` ending in ``/`` or ``-`` that fits in ``room``, and the rest."""
    if room <= 0:
        return "", word
    fitting = _longest_fitting_prefix(word, font_name, size, room)
    cut = max(word.rfind("/", 0, fitting), word.rfind("-", 0, fitting)) + 1
    if cut <= 0 or text_width(word[:cut], font_name, size) > room:
        return "", word
    return word[:cut], word[cut:]


def _longest_fitting_prefix(word: str, font_name: str, size: float, width: float) -> int:
    """How many leading characters of ``word`` fit in ``width`` (at least one)."""
    fitting = 1
    while fitting < len(word) and text_width(word[: fitting + 1], font_name, size) <= width:
        fitting += 1
    return fitting
