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
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop import __version__
from cchc_desktop.export.appendix_data import AppendixDocument, AreaRow
from cchc_desktop.export.fonts import BOLD, REGULAR, register_fonts
from cchc_desktop.export.pdf_table import (
    AREA, CENTRE, HEADER, LEFT, TASK, LaidRow, RowSlice, TableStyle, lay_out_row, paginate,
)
from cchc_desktop.export.pdf_grid import (
    MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH,
    TASK_ALIGNS, draw_heading, draw_page_number, draw_rows, heading_height, heading_lines,
)
from cchc_desktop.progress import step, steps

TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm
COLUMN_WIDTHS_MM = (12, 95, 38, 38, 38, 31)
TABLE = TableStyle(column_widths=tuple(w * mm for w in COLUMN_WIDTHS_MM))



def write_appendix_pdf(document: AppendixDocument, path: Path) -> int:
    """Write ``document`` to ``path``; return the number of pages."""
    register_fonts()
    heading = heading_lines(document.heading, document.title, document.attachment, TEXT_WIDTH)
    heading_height_pt = heading_height(heading)
    header = lay_out_row(HEADER, document.headers, BOLD, [CENTRE] * 6, TABLE)
    rows = [_lay_out(row) for row in steps(document.rows)]
    frame = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    room = frame - TABLE.height_of(header.line_count)
    pages = paginate(rows, room - heading_height_pt, room, TABLE)

    buffer = BytesIO()
    canvas = _new_canvas(buffer, document)
    for number, slices in enumerate(pages, start=1):
        step(number, len(pages))
        top = PAGE_HEIGHT - MARGIN_TOP
        if number == 1:
            draw_heading(canvas, heading, top, MARGIN_LEFT + TEXT_WIDTH / 2)
            top -= heading_height_pt
        else:
            draw_page_number(canvas, number)
        draw_rows(canvas, [RowSlice(header, 0, header.line_count), *slices], TABLE, MARGIN_LEFT, top)
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
