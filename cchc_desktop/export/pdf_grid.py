"""Drawing rows laid out by ``pdf_table`` (wrapped once, paginated in one pass) onto a
canvas, for a table of any column widths: the plan's appendix and the report's table of
task statuses both draw their pages with ``draw_rows``."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR
from cchc_desktop.export.pdf_table import CENTRE, HEADER, LEFT, LaidRow, RowSlice, TableStyle
from cchc_desktop.export.text_wrap import text_width, wrap_text

# The landscape page both tables are printed on (Nghị định 30/2020 margins and sizes).
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
TASK_ALIGNS = (CENTRE, LEFT, LEFT, LEFT, LEFT, LEFT)
HEADING_SIZE = 14
HEADING_LEADING = 17
GAP_AFTER_HEADING = 4
GAP_BEFORE_TABLE = 12
PAGE_NUMBER_SIZE = 13

RULE_WIDTH = 0.5
ASCENT = 0.891  # Liberation Serif ascender, in ems: first baseline below a cell's top


def draw_rows(canvas: Canvas, slices: Sequence[RowSlice], style: TableStyle, left: float, top: float) -> float:
    """Draw ``slices`` from ``top`` down, with their grid; return the bottom."""
    text = canvas.beginText()
    right = left + style.width
    rules = [(left, top, right, top)]
    for piece in slices:
        _put_row_text(text, piece, style, left, top)
        bottom = top - piece.height(style)
        rules.append((left, bottom, right, bottom))
        rules += [(x, top, x, bottom) for x in _column_edges(piece.row, left)]
        top = bottom
    canvas.drawText(text)
    canvas.setLineWidth(RULE_WIDTH)
    canvas.addLiteral(_stroked_path(rules))
    return top


def _stroked_path(rules) -> str:
    """The rules as one PDF path. Formatted here: reportlab's pure-Python number
    formatting (without its optional C accelerator) was a third of the export time."""
    segments = " ".join(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l" for x1, y1, x2, y2 in rules)
    return f"n {segments} S"


def _column_edges(row: LaidRow, left: float) -> list[float]:
    edges = [left]
    for width in row.widths:
        edges.append(edges[-1] + width)
    return edges


def _put_row_text(text, piece: RowSlice, style: TableStyle, left: float, top: float) -> None:
    row = piece.row
    text.setFont(row.font, style.font_size, style.leading)
    x = left
    for lines, width, align in zip(row.cells, row.widths, row.aligns):
        shown = lines[piece.first:piece.last]
        if any(shown):
            offset = _vertical_offset(row, piece, len(shown), style)
            baseline = top - style.pad_top - style.font_size * ASCENT - offset
            _put_cell_lines(text, shown, row.font, style, x, baseline, width, align)
        x += width


def _put_cell_lines(text, lines, font: str, style: TableStyle, x: float, baseline: float,
                    width: float, align: str) -> None:
    """Centred lines each get their origin; left-aligned ones follow at the leading (T*)."""
    if align == CENTRE:
        for line in lines:
            text.setTextOrigin(x + (width - text_width(line, font, style.font_size)) / 2, baseline)
            text.textOut(line)
            baseline -= style.leading
        return
    text.setTextOrigin(x + style.pad_x, baseline)
    for line in lines:
        text.textLine(line)


def _vertical_offset(row: LaidRow, piece: RowSlice, shown: int, style: TableStyle) -> float:
    """Header cells are centred vertically; body cells start at the top."""
    if row.kind != HEADER:
        return 0.0
    return (piece.last - piece.first - shown) * style.leading / 2


def heading_lines(heading: str, title: str, attachment: str, width: float) -> list[tuple[str, str]]:
    """(font, line) pairs, each centred: the heading (``Phụ lục``), the title in bold and
    the attachment line in italics, wrapped to ``width``."""
    lines = [(BOLD, heading)]
    for font, text in ((BOLD, title), (ITALIC, attachment)):
        lines += [(font, line) for line in wrap_text(text, font, HEADING_SIZE, width)]
    return lines


def heading_height(lines) -> float:
    """Room the centred heading takes above a table (none when there is no heading)."""
    if not lines:
        return 0.0
    return len(lines) * HEADING_LEADING + GAP_AFTER_HEADING + GAP_BEFORE_TABLE


def draw_heading(canvas: Canvas, lines, top: float, centre: float) -> None:
    """Draw the heading lines (font, text), centred on ``centre``, from ``top`` down;
    the first line stands a little apart from the rest."""
    baseline = top - HEADING_SIZE * ASCENT
    for index, (font, line) in enumerate(lines):
        if index == 1:
            baseline -= GAP_AFTER_HEADING
        canvas.setFont(font, HEADING_SIZE)
        canvas.drawCentredString(centre, baseline, line)
        baseline -= HEADING_LEADING


def draw_page_number(canvas: Canvas, number: int, page_width: float = PAGE_WIDTH,
                     page_height: float = PAGE_HEIGHT) -> None:
    """The page number, 13 pt, centred over the text area in the top margin (any page size:
    the report's portrait body pages use it too)."""
    centre = MARGIN_LEFT + (page_width - MARGIN_LEFT - MARGIN_RIGHT) / 2
    canvas.saveState()
    canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(centre, page_height - MARGIN_TOP / 2 - PAGE_NUMBER_SIZE * 0.3, str(number))
    canvas.restoreState()
