"""Keeping an area heading with its first task on a printed sheet.

Spreadsheets have no "keep with next": left alone, LibreOffice and Excel may end a
page with "II. CẢI CÁCH THỂ CHẾ" and print its tasks overleaf (the PDF never does).
Every row's height is set by us, and a sheet fits its page width unshrunk, so where
each page ends can be worked out in points; a manual page break goes before a
heading that would otherwise end its page.
"""

from __future__ import annotations

from collections.abc import Collection

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

# A spreadsheet may lay a page out a few points differently (rounding to its own units):
# a heading and its first task are kept together unless they fit with this much to spare.
SPARE_PT = 12.0
DEFAULT_ROW_PT = 15.0  # a row whose height we did not set (none of the table's)


def keep_headings_with_tasks(sheet: Worksheet, header_row: int, headings: Collection[int], last_row: int,
                             page: float) -> list[int]:
    """Add a page break before each row of ``headings`` that would end a printed page
    ``page`` points high; the rows it now goes before. ``header_row`` is repeated at the
    top of every page."""
    heights = {row: _height(sheet, row) for row in range(1, last_row + 1)}
    repeated = heights[header_row]
    used = sum(heights[row] for row in range(1, header_row + 1))  # page 1: the title lines too
    moved = []
    for row in range(header_row + 1, last_row + 1):
        if used + heights[row] > page:  # the spreadsheet's own page break
            used = repeated
        alone = row in headings and row < last_row and used > repeated
        if alone and used + heights[row] + heights[row + 1] > page - SPARE_PT:
            sheet.row_breaks.append(Break(id=row - 1))  # openpyxl: the break comes after row id
            moved.append(row)
            used = repeated
        used += heights[row]
    return moved


def _height(sheet: Worksheet, row: int) -> float:
    dimension = sheet.row_dimensions.get(row)  # never [row]: that would add a row to the file
    return dimension.height if dimension is not None and dimension.height else DEFAULT_ROW_PT
