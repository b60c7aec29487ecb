"""Table layout for the PDF: wrap every row once, then cut the rows into pages.

reportlab's own Table re-measures all remaining rows at every page break, which is
quadratic in the number of rows. Here each row is wrapped exactly once and pages
are filled in a single pass, so 10,000 rows cost ten times 1,000. A row taller than
a whole page is split between lines; an area row is kept with the row after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc_desktop.export.text_wrap import wrap_text

HEADER, AREA, TASK = "header", "area", "task"
LEFT, CENTRE = "left", "centre"
MIN_LINES_TO_SPLIT = 3


@dataclass(frozen=True)
class TableStyle:
    column_widths: tuple[float, ...]
    font_size: float = 12
    leading: float = 14
    pad_x: float = 3
    pad_top: float = 3
    pad_bottom: float = 2.5

    @property
    def width(self) -> float:
        return sum(self.column_widths)

    def height_of(self, line_count: int) -> float:
        return self.pad_top + line_count * self.leading + self.pad_bottom


@dataclass(frozen=True)
class LaidRow:
    """A row with each cell already broken into lines. An area row has one cell."""

    kind: str
    font: str
    cells: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    aligns: tuple[str, ...]

    @property
    def line_count(self) -> int:
        return max(len(lines) for lines in self.cells)


@dataclass(frozen=True)
class RowSlice:
    """The lines ``first``..``last`` (exclusive) of a row: all of it unless the row was split."""

    row: LaidRow
    first: int
    last: int

    def height(self, style: TableStyle) -> float:
        return style.height_of(self.last - self.first)

    def split(self, lines: int) -> tuple["RowSlice", "RowSlice"]:
        cut = self.first + lines
        return RowSlice(self.row, self.first, cut), RowSlice(self.row, cut, self.last)


def lay_out_row(kind: str, texts, font: str, aligns, style: TableStyle) -> LaidRow:
    """Wrap ``texts`` into their columns; an area row spans the whole table width."""
    widths = (style.width,) if kind == AREA else style.column_widths
    cells = tuple(
        tuple(wrap_text(text, font, style.font_size, width - 2 * style.pad_x))
        for text, width in zip(texts, widths)
    )
    return LaidRow(kind, font, cells, widths, tuple(aligns))


def paginate(rows: list[LaidRow], first_room: float, room_per_page: float, style: TableStyle) -> list[list[RowSlice]]:
    """Cut ``rows`` into pages: ``first_room`` points on page 1, ``room_per_page`` after.

    Both rooms exclude the header row, which every page repeats.
    """
    pages: list[list[RowSlice]] = [[]]
    room = first_room
    for index, row in enumerate(rows):
        keep = _keep_with_next(rows, index, room_per_page, style)
        piece = RowSlice(row, 0, row.line_count)
        while piece is not None:
            page = pages[-1]
            height = piece.height(style)
            if height + keep <= room or (not page and height <= room):
                page.append(piece)
                room -= height
                piece = None
                continue
            fitting = int((room - style.height_of(0)) // style.leading)
            if page and (height <= room_per_page or fitting < MIN_LINES_TO_SPLIT):
                pages.append([])
                room = room_per_page
                continue
            head, piece = piece.split(max(fitting, 1))
            page.append(head)
            pages.append([])
            room = room_per_page
    return pages


def _keep_with_next(rows: list[LaidRow], index: int, room_per_page: float, style: TableStyle) -> float:
    """Room an area row needs below it so it never ends a page alone: the whole next
    row when that row would move to a new page rather than split, else the least
    part of it that may be split off."""
    if rows[index].kind != AREA or index + 1 >= len(rows):
        return 0.0
    following = style.height_of(rows[index + 1].line_count)
    if following <= room_per_page:
        return following
    return style.height_of(MIN_LINES_TO_SPLIT)
