"""Greedy line wrapping with real font metrics, fast enough for 10,000-row tables.

Words repeat a great deal in an appendix ("Công chức", "năm 2024"), so each word's
width is measured once per font and size and kept. Lines break at spaces only (no
hyphenation); a single word wider than the column is cut after a ``/`` or ``-``
if it has one, else between characters. Runs
of spaces are kept (a draft's ``số      /KH-UBND``), and ``\\n`` starts a new line.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth


@lru_cache(maxsize=200_000)
def text_width(text: str, font_name: str, size: float) -> float:
    return stringWidth(text, font_name, size)


def wrap_text(text: str, font_name: str, size: float, width: float) -> list[str]:
    """The lines of ``text`` that fit in ``width`` points; at least one line (maybe empty)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font_name, size, width))
    return lines


def _wrap_paragraph(paragraph: str, font_name: str, size: float, width: float) -> list[str]:
    words = paragraph.split(" ")
    widths = [text_width(word, font_name, size) for word in words]
    space = text_width(" ", font_name, size)
    if sum(widths) + space * (len(words) - 1) <= width:
        return [paragraph]
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word, word_width in zip(words, widths):
        if current and current_width + space + word_width <= width:
            current.append(word)
            current_width += space + word_width
            continue
        if current and word_width > width:
            head, word = _soft_head(word, font_name, size, width - current_width - space)
            if head:
                current.append(head)
                word_width = text_width(word, font_name, size)
        if current:
            lines.append(" ".join(current))
        if word_width > width:
            *pieces, word = _cut_word(word, font_name, size, width)
            lines.extend(pieces)
            word_width = text_width(word, font_name, size)
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
