"""The report's appendix, the tasks with their status, on A4 landscape pages.

The rows are wrapped once and cut into pages in one pass (``export.pdf_table``), then
each page becomes one flowable that fills a landscape frame. The appendix is numbered
on its own (Nghị định 30/2020): its first page carries no number, the next ones 2, 3…
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from cchc_desktop.export.fonts import BOLD, REGULAR
from cchc_desktop.export.pdf_table import (
    AREA, CENTRE, HEADER, LEFT, TASK, LaidRow, RowSlice, TableStyle, lay_out_row, paginate,
)
from cchc_desktop.progress import step
from cchc_desktop.report.model import ReportDocument
from cchc_desktop.export.pdf_grid import (
    MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH,
    TASK_ALIGNS, draw_heading, draw_page_number, draw_rows, heading_height, heading_lines,
)

FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
COLUMN_WIDTHS_MM = (12, 92, 40, 32, 34, 42)
TABLE = TableStyle(column_widths=tuple(w * mm for w in COLUMN_WIDTHS_MM))
SAFETY = 1.0  # points kept free at the foot of a frame against rounding


class StatusTablePage(Flowable):
    """One landscape page of the appendix: the heading on the first, then table rows."""

    def __init__(self, number: int, heading: list[tuple[str, str]], slices: list[RowSlice], pages: int = 1):
        super().__init__()
        self.number, self.pages = number, pages
        self.heading = heading
        self.slices = slices

    def wrap(self, available_width, available_height):
        self.height = heading_height(self.heading) + sum(piece.height(TABLE) for piece in self.slices)
        return TABLE.width, self.height

    def draw(self) -> None:
        step(self.number, self.pages)  # drawing the pages is most of a long report's writing
        top = self.height
        if self.heading:
            draw_heading(self.canv, self.heading, top, FRAME_WIDTH / 2)
            top -= heading_height(self.heading)
        draw_rows(self.canv, self.slices, TABLE, 0, top)

    def drawOn(self, canvas, x, y, _sW=0):
        super().drawOn(canvas, x, y, _sW)
        if self.number > 1:
            draw_page_number(canvas, self.number)


def status_pages(document: ReportDocument) -> list[StatusTablePage]:
    """The appendix as page flowables (the caller puts a page break between them)."""
    appendix = document.appendix
    heading = heading_lines(appendix.heading, appendix.title, appendix.attachment, FRAME_WIDTH)
    header = lay_out_row(HEADER, appendix.headers, BOLD, [CENTRE] * len(appendix.headers), TABLE)
    rows = _laid_rows(document)
    room = FRAME_HEIGHT - SAFETY - TABLE.height_of(header.line_count)
    pages = paginate(rows, room - heading_height(heading), room, TABLE)
    head = RowSlice(header, 0, header.line_count)
    return [
        StatusTablePage(number, heading if number == 1 else [], [head, *slices], len(pages))
        for number, slices in enumerate(pages, start=1)
    ]


def _laid_rows(document: ReportDocument) -> list[LaidRow]:
    rows = []
    for area in document.areas:
        rows.append(lay_out_row(AREA, [area.label], BOLD, [LEFT], TABLE))
        rows += [lay_out_row(TASK, task.texts(), REGULAR, TASK_ALIGNS, TABLE) for task in area.tasks]
    return rows
