"""The appendix as a PDF: A4 landscape, Liberation Serif embedded, Nghị định 30/2020 layout.

Page 1 opens with ``Phụ lục`` (bold 14), the title (bold caps 14) and the italic
attachment line (14); then the table, whose header row is repeated on every page.
Pages from 2 on carry their number, 13 pt, centred in the top margin.
"""

from __future__ import annotations

from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop import __version__
from cchc_desktop.export.appendix_data import AppendixDocument, AreaRow
from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cchc_desktop.export.pdf_table import (
    AREA, CENTRE, HEADER, LEFT, TASK, LaidRow, RowSlice, TableStyle, lay_out_row, paginate,
)
from cchc_desktop.export.text_wrap import text_width, wrap_text
from cchc_desktop.progress import step, steps

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm
COLUMN_WIDTHS_MM = (12, 95, 38, 38, 38, 31)
TABLE = TableStyle(column_widths=tuple(w * mm for w in COLUMN_WIDTHS_MM))
TASK_ALIGNS = (CENTRE, LEFT, LEFT, LEFT, LEFT, LEFT)

HEADING_SIZE = 14
HEADING_LEADING = 17
GAP_AFTER_HEADING = 4
GAP_BEFORE_TABLE = 12
PAGE_NUMBER_SIZE = 13
RULE_WIDTH = 0.5
ASCENT = 0.891  # Liberation Serif ascender, in ems: first baseline below a box's top


def write_appendix_pdf(document: AppendixDocument, path: Path) -> int:
    """Write ``document`` to ``path``; return the number of pages."""
    register_fonts()
    heading = _heading_lines(document)
    heading_height = _heading_height(heading)
    header = lay_out_row(HEADER, document.headers, BOLD, [CENTRE] * 6, TABLE)
    rows = [_lay_out(row) for row in steps(document.rows)]
    frame = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    room = frame - TABLE.height_of(header.line_count)
    pages = paginate(rows, room - heading_height, room, TABLE)

    buffer = BytesIO()
    canvas = _new_canvas(buffer, document)
    for number, slices in enumerate(pages, start=1):
        step(number, len(pages))
        top = PAGE_HEIGHT - MARGIN_TOP
        if number == 1:
            _draw_heading(canvas, heading, top)
            top -= heading_height
        else:
            _draw_page_number(canvas, number)
        _draw_table_page(canvas, [RowSlice(header, 0, header.line_count), *slices], top)
        canvas.showPage()
    with _flate_only():
        canvas.save()
    # Written here, not by reportlab: on a disk error it leaves its file open.
    path.write_bytes(buffer.getvalue())
    return len(pages)


@contextmanager
def _flate_only():
    """Compress streams without the extra ASCII85 pass reportlab adds by default.

    ASCII85 only matters for 7-bit channels; in pure Python it took a third of the
    time of a 10,000-row export. The setting is read while saving, so it is switched
    off just for that and restored (either value yields a valid PDF).
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def _lay_out(row) -> LaidRow:
    if isinstance(row, AreaRow):
        return lay_out_row(AREA, [row.label], BOLD, [LEFT], TABLE)
    return lay_out_row(TASK, row.texts(), REGULAR, TASK_ALIGNS, TABLE)


def _new_canvas(output: BytesIO, document: AppendixDocument) -> Canvas:
    canvas = Canvas(
        output,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=REGULAR,  # else reportlab references Helvetica on every page
        initialFontSize=TABLE.font_size,
        pageCompression=1,
        lang="vi",
    )
    canvas.setTitle(f"{document.heading}: {document.title}")
    canvas.setSubject(document.attachment)
    canvas.setCreator(f"CCHC Desktop {__version__}")
    canvas.setAuthor("")  # not reportlab's "anonymous"
    return canvas


# Page 1 heading ------------------------------------------------------------

def _heading_lines(document: AppendixDocument) -> list[tuple[str, str]]:
    """(font, line) pairs, each centred: heading, title, attachment line."""
    lines = [(BOLD, document.heading)]
    for font, text in ((BOLD, document.title), (ITALIC, document.attachment)):
        lines += [(font, line) for line in wrap_text(text, font, HEADING_SIZE, TEXT_WIDTH)]
    return lines


def _heading_height(lines) -> float:
    return len(lines) * HEADING_LEADING + GAP_AFTER_HEADING + GAP_BEFORE_TABLE


def _draw_heading(canvas: Canvas, lines, top: float) -> None:
    """Draw the centred heading lines from ``top`` down."""
    centre = MARGIN_LEFT + TEXT_WIDTH / 2
    baseline = top - HEADING_SIZE * ASCENT
    for index, (font, line) in enumerate(lines):
        if index == 1:
            baseline -= GAP_AFTER_HEADING
        canvas.setFont(font, HEADING_SIZE)
        canvas.drawCentredString(centre, baseline, line)
        baseline -= HEADING_LEADING


def _draw_page_number(canvas: Canvas, number: int) -> None:
    centre = MARGIN_LEFT + TEXT_WIDTH / 2
    baseline = PAGE_HEIGHT - MARGIN_TOP / 2 - PAGE_NUMBER_SIZE * 0.3
    canvas.setFont(REGULAR, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(centre, baseline, str(number))


# Table ---------------------------------------------------------------------

def _draw_table_page(canvas: Canvas, slices: list[RowSlice], top: float) -> None:
    """Draw the rows of one page from ``top`` down: all text in one text object, then the rules."""
    text = canvas.beginText()
    left, right = MARGIN_LEFT, MARGIN_LEFT + TABLE.width
    rules = [(left, top, right, top)]
    for piece in slices:
        _put_row_text(text, piece, left, top)
        bottom = top - piece.height(TABLE)
        rules.append((left, bottom, right, bottom))
        rules += [(x, top, x, bottom) for x in _column_edges(piece.row, left)]
        top = bottom
    canvas.drawText(text)
    canvas.setLineWidth(RULE_WIDTH)
    canvas.addLiteral(_stroked_path(rules))


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


def _put_row_text(text, piece: RowSlice, left: float, top: float) -> None:
    """One text origin per cell; its lines follow at the font's leading (T*)."""
    row = piece.row
    size = TABLE.font_size
    text.setFont(row.font, size, TABLE.leading)
    x = left
    for lines, width, align in zip(row.cells, row.widths, row.aligns):
        shown = lines[piece.first:piece.last]
        if any(shown):
            baseline = top - TABLE.pad_top - size * ASCENT - _vertical_offset(row, piece, len(shown))
            _put_cell_lines(text, shown, row.font, x, baseline, width, align)
        x += width


def _put_cell_lines(text, lines, font: str, x: float, baseline: float, width: float, align: str) -> None:
    if align == CENTRE:
        for line in lines:
            text.setTextOrigin(_centred_x(line, font, x, width), baseline)
            text.textOut(line)
            baseline -= TABLE.leading
        return
    text.setTextOrigin(x + TABLE.pad_x, baseline)
    for line in lines:
        text.textLine(line)


def _vertical_offset(row: LaidRow, piece: RowSlice, shown: int) -> float:
    """Header cells are centred vertically; body cells start at the top."""
    if row.kind != HEADER:
        return 0.0
    return (piece.last - piece.first - shown) * TABLE.leading / 2


def _centred_x(line: str, font: str, x: float, width: float) -> float:
    return x + (width - text_width(line, font, TABLE.font_size)) / 2
