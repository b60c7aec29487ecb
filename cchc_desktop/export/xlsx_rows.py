"""Table rows too long for one spreadsheet row, continued on the rows below.

A spreadsheet row is at most 409 points tall (Excel's limit: a taller row is written,
but shown and printed 409 points tall, the rest of its text cut off), and a cell holds
at most 32,767 characters (the xlsx format's limit: openpyxl cuts the rest off). A
table row whose text needs more is laid out here on several sheet rows: each long
cell's text is cut between two of its wrapped lines (the lines ``text_wrap`` counts
for the row heights) into pieces of at most ``max_lines`` lines and
``max_characters`` characters, one piece a sheet row, as few pieces as that allows,
evened out (no last row holding one stray line); a short cell keeps its text
in the first row (the writers merge it down over the row's other sheet rows).

The pieces of a cell are slices of its text, back to back: the space or line break
where a piece ends stays at the end of that piece, so ``"".join(pieces) == text``
and nothing is lost, not even a double space. A piece ending in a line break shows
an empty last line, which its height counts.

This is plain data (no openpyxl): the appendix and report workbooks render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc_desktop.export.text_wrap import line_count, line_starts

MAX_ROW_HEIGHT = 409.0  # points: Excel's largest row
CELL_CHARACTERS = 32_767  # the most text an xlsx cell holds

# Where a piece of a continued cell sits, for its borders: the whole text, or its
# first, a middle or its last piece (open below, on both sides, above).
WHOLE, FIRST, MIDDLE, LAST = "whole", "first", "middle", "last"


def lines_per_row(line_height: float, padding: float, max_height: float = MAX_ROW_HEIGHT) -> int:
    """The most wrapped lines a row of ``line_height`` points a line plus ``padding`` can show."""
    return max(2, int((max_height - padding) // line_height))


@dataclass(frozen=True)
class ContinuedRow:
    """One table row laid out on ``row_count`` sheet rows.

    ``pieces[c]`` is column ``c``'s text cut into pieces, top to bottom (one piece,
    the whole text, for a cell that fits); ``lines[r]`` is the wrapped line count of
    sheet row ``r``: the most of the pieces it holds, at least 1.
    """

    pieces: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]

    @property
    def row_count(self) -> int:
        return len(self.lines)

    def cells(self):
        """``(row offset, column index, text, place)`` of every cell holding a piece,
        row by row, left to right; ``place`` is WHOLE, FIRST, MIDDLE or LAST."""
        for offset in range(self.row_count):
            for column, pieces in enumerate(self.pieces):
                if offset < len(pieces):
                    yield offset, column, pieces[offset], _place(offset, len(pieces))

    def merges(self):
        """``(column index, first row offset, last row offset)``: the last piece of each
        column with fewer pieces than the row has rows, spread over the rows left."""
        last = self.row_count - 1
        for column, pieces in enumerate(self.pieces):
            if len(pieces) - 1 < last:
                yield column, len(pieces) - 1, last


def _place(offset: int, count: int) -> str:
    if count == 1:
        return WHOLE
    if offset == 0:
        return FIRST
    return LAST if offset == count - 1 else MIDDLE


def fits(text: str, font_name: str, size: float, width: float, max_lines: int,
         max_characters: int = CELL_CHARACTERS) -> bool:
    """Whether ``text`` fits one sheet row (at most ``max_lines`` lines and ``max_characters``)."""
    return len(text) <= max_characters and line_count(text, font_name, size, width) <= max_lines


def lay_out_row(texts, font_name: str, size: float, widths, max_lines: int,
                max_characters: int = CELL_CHARACTERS) -> ContinuedRow:
    """``texts`` (one per column, ``widths`` in points our wrapping may fill) laid out
    on as many sheet rows as their longest cell needs."""
    pieces, counts = [], []
    for text, width in zip(texts, widths):
        count = line_count(text, font_name, size, width) if len(text) <= max_characters else max_lines + 1
        if count <= max_lines:
            pieces.append((text,))
            counts.append((count,))
        else:
            pieces.append(split_text(text, font_name, size, width, max_lines, max_characters))
            counts.append(tuple(line_count(piece, font_name, size, width) for piece in pieces[-1]))
    lines = [1] * max(map(len, pieces))
    for column in counts:
        for offset, count in enumerate(column):
            lines[offset] = max(lines[offset], count)
    return ContinuedRow(tuple(pieces), tuple(lines))


def split_text(text: str, font_name: str, size: float, width: float, max_lines: int,
               max_characters: int = CELL_CHARACTERS) -> tuple[str, ...]:
    """``text`` cut between wrapped lines into pieces of at most ``max_lines`` lines
    (as ``line_count`` counts them) and ``max_characters``, about even in lines;
    ``"".join`` of them is ``text``. A text that fits is its own single piece."""
    if fits(text, font_name, size, width, max_lines, max_characters):
        return (text,)
    max_lines = max(2, max_lines)  # a line and the line break kept at its end
    starts = _line_starts(text, font_name, size, width, max_characters - 1)
    if starts[-1] == len(text):  # the empty line after a final line break goes with the line before it
        starts.pop()
    starts.append(len(text))
    lines = len(starts) - 1
    pieces: list[str] = []
    first = 0
    while first < lines:
        # As few pieces as the lines left need, evened out (26 lines: 13 and 13, not 25 and 1).
        left = lines - first
        last = first + -(-left // -(-left // max_lines))  # the piece is lines first..last-1
        while True:
            piece = text[starts[first]:starts[last]]
            # One line always goes: it is narrower than the column, shorter than the limit.
            if last - first == 1 or fits(piece, font_name, size, width, max_lines, max_characters):
                break
            last -= 1
        pieces.append(piece)
        first = last
    return tuple(pieces)


def _line_starts(text: str, font_name: str, size: float, width: float, longest: int) -> list[int]:
    """Where each wrapped line of ``text`` starts (offsets, increasing, the first 0),
    as ``wrap_text`` breaks it; a line longer than ``longest`` characters (characters
    of no width fit many to a line) is cut into more."""
    starts: list[int] = []
    offset = 0  # of the paragraph in the text
    for paragraph in text.split("\n"):
        found = line_starts(paragraph, font_name, size, width)
        for start, end in zip(found, found[1:] + [len(paragraph)]):
            starts.extend(range(offset + start, offset + end, longest) if end - start > longest else (offset + start,))
        offset += len(paragraph) + 1
    return starts
