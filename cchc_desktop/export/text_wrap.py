"""Greedy line wrapping with real font metrics, fast enough for 10,000-row tables.

Words repeat a great deal in an appendix ("Công chức", "năm 2024"), so each word's
width is measured once per font and size and kept. Lines break at spaces only (no
hyphenation); a single word wider than the column is cut after a ``/`` or ``-``
if it has one, else between characters. Runs
of spaces are kept (a draft's ``số      /KH-UBND``), and ``\\n`` starts a new line.

Widths are reportlab's ``stringWidth``, computed the way it computes them for a
TrueType font (the sum of the characters' advances, times 0.001, times the size: the
order of rl_accel's C code, which reportlab uses when it is installed) but from
a table of advances per character, so a new word costs one C-level sum instead of a
Python loop over its characters. The result is the same float, bit for bit.

A word far wider than the column (a pasted URL, a run of 200,000 characters) is cut
in time proportional to its length (times its logarithm at worst), not its square:
each piece's end is found by a search over the widths of that piece's starts,
measured without filling the table (see ``_cut_word``), and the pieces are the very
ones a character-by-character scan gives.
"""

from __future__ import annotations

from collections.abc import Callable

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

    def measure(self, text: str) -> float:
        """``self[text]`` without keeping it: for the many starts of a word being cut."""
        if self._advances is None:  # not a TrueType font: ask reportlab
            return stringWidth(text, self._font_name, self._size)
        # what reportlab's instanceStringWidthTTF (rl_accel's C version) computes, in the same order
        return sum(map(self._advances.__getitem__, text)) * 0.001 * self._size

    def __missing__(self, text: str) -> float:
        width = self.measure(text)
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


def line_starts(paragraph: str, font_name: str, size: float, width: float) -> list[int]:
    """Where each line of ``_wrap_paragraph(paragraph, …)`` starts in ``paragraph``.

    The same loop (keep the two alike: test_xlsx_rows checks they agree), tracking
    offsets instead of making lines: a line starts at its first word, after the one
    space it broke at, or inside a word cut where it did not fit. Used to cut a cell
    too long for a spreadsheet row between two of its lines (``xlsx_rows``).
    """
    widths = _widths_for(font_name, size)
    words = paragraph.split(" ")
    word_widths = list(map(widths.__getitem__, words))
    space = widths[" "]
    if sum(word_widths) + space * (len(words) - 1) <= width:
        return [0]
    starts: list[int] = []
    line_open = False
    current_width = 0.0
    line_start = next_word = 0
    for word, word_width in zip(words, word_widths):
        start, next_word = next_word, next_word + len(word) + 1
        if line_open and current_width + space + word_width <= width:
            current_width += space + word_width
            continue
        if line_open and word_width > width:
            head, word = _soft_head(word, font_name, size, width - current_width - space)
            if head:
                start += len(head)
                word_width = widths[word]
        if line_open:
            starts.append(line_start)
        if word_width > width:
            *pieces, word = _cut_word(word, font_name, size, width)
            for piece in pieces:
                starts.append(start)
                start += len(piece)
            word_width = widths[word]
        line_open, current_width, line_start = True, word_width, start
    starts.append(line_start)
    return starts


def _cut_word(word: str, font_name: str, size: float, width: float) -> list[str]:
    """A word too long for the column, cut into pieces that fit (the last may be short).

    Each piece ends after a ``/`` or ``-`` when one fits (``3989/KH-`` ``UBND``), else
    between characters; a piece has at least one character, even one wider than the
    column. The pieces are those of the plain loop (while the rest is too wide, cut off
    its longest fitting start, back to its last ``/`` or ``-``), without remeasuring
    the rest for every piece: whether the rest fits is whether its longest fitting
    start is all of it.
    """
    widths = _widths_for(font_name, size)
    if not widths[word] > width:  # also a NaN width, which nothing exceeds
        return [word]
    measure = widths.measure
    pieces: list[str] = []
    start = 0
    fitting = 2  # where the search for the next piece's end starts: pieces run alike
    while True:
        rest = len(word) - start
        if rest >= 2:
            fitting = _fitting_length(measure, word, start, width, fitting)
            if fitting == rest:  # the rest fits
                break
        elif rest == 0 or not measure(word[start:]) > width:
            break  # (an empty rest, left by a character wider than the column, always fits)
        else:
            fitting = 1
        cut = start + fitting
        soft = max(word.rfind("/", start, cut), word.rfind("-", start, cut)) + 1
        if soft > start:
            cut = soft
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def _soft_head(word: str, font_name: str, size: float, room: float) -> tuple[str, str]:
    """The longest start of ``word`` ending in ``/`` or ``-`` that fits in ``room``, and the rest."""
    if room <= 0:
        return "", word
    fitting = _fitting_length(_widths_for(font_name, size).measure, word, 0, room)
    cut = max(word.rfind("/", 0, fitting), word.rfind("-", 0, fitting)) + 1
    if cut <= 0 or text_width(word[:cut], font_name, size) > room:
        return "", word
    return word[:cut], word[cut:]


def _fitting_length(measure: Callable[[str], float], word: str, start: int, width: float, guess: int = 2) -> int:
    """How many characters of ``word`` from ``start`` fit in ``width`` (at least one).

    That is the largest ``n >= 2`` with ``measure(word[start:start + n]) <= width``, or
    1 when there is none: what counting up from one character until the next no longer
    fits gives, as the width of a start never shrinks when it grows by a character
    (advances are never negative, and rounding a sum never undoes an addend). So the
    answer is bracketed by doubling steps away from ``guess`` (the previous piece's
    length: two measurements when pieces run alike), then bisected.
    """
    rest = len(word) - start
    if rest < 2:
        return 1
    lo, hi = 1, rest + 1  # lo is 1 or fits; hi does not fit or is past the end
    probe = min(max(guess, 2), rest)
    step = 1
    if measure(word[start : start + probe]) <= width:
        lo = probe
        while lo < rest:
            probe = min(lo + step, rest)
            if measure(word[start : start + probe]) <= width:
                lo, step = probe, 2 * step
            else:
                hi = probe
                break
    else:
        hi = probe
        while (probe := hi - step) >= 2:
            if measure(word[start : start + probe]) <= width:
                lo = probe
                break
            hi, step = probe, 2 * step
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if measure(word[start : start + middle]) <= width:
            lo = middle
        else:
            hi = middle
    return lo
