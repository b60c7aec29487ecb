"""The appendix as an Excel workbook: same lines and table as the PDF, ready to print.

Excel and LibreOffice do not grow a row to fit wrapped text written by another
program, so every row height is computed here from the wrapped line count (Liberation
Serif metrics, which match Times New Roman, with some slack for the spreadsheet's own
line breaking). Text that looks like a formula (``=SUM(A1)``) is stored as text.

A task (or area) whose text needs a row taller than a spreadsheet can show (409
points) or a cell longer than it can hold (32,767 characters) goes on more rows: its
long cells continue on the rows below, cut between lines, and its other cells are
merged down over those rows, so it still reads as one task (see ``xlsx_rows``).

The task rows (all but a dozen of the rows) take a faster road through openpyxl
(pinned to 3.1.5) than its public cell API, for the same file: see ``_TaskRows``.
A 10,000-task appendix is then written in about 1.1 times the time openpyxl needs for
the bare cells, instead of 1.9 times (bench/xlsx_probe.py).
"""

from __future__ import annotations

from copy import copy
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop import __version__
from cchc_desktop.export.appendix_data import AppendixDocument, AreaRow, TaskRow
from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cchc_desktop.export.text_wrap import line_count
from cchc_desktop.export.xlsx_pages import keep_headings_with_tasks
from cchc_desktop.export.xlsx_rows import (
    CELL_CHARACTERS, FIRST, LAST, MIDDLE, WHOLE, ContinuedRow, lay_out_row, lines_per_row,
)
from cchc_desktop.progress import steps

FONT_NAME = "Times New Roman"
SHEET_TITLE = "Phụ lục"
COLUMN_COUNT = 6
# Widths in Excel character units: the width of a digit of the workbook's default
# font, Times New Roman 12 here (6 pt, 8 px at 96 dpi). These are the PDF's
# 12/95/38/38/38/31 mm, 252 mm in all.
COLUMN_WIDTHS = (5.7, 44.9, 17.95, 17.95, 17.95, 14.6)
DIGIT_WIDTH_PT = 6.0
HEADER_ROW = 5
FIRST_BODY_ROW = HEADER_ROW + 1
BODY_SIZE = 12
TITLE_SIZE = 14
LINE_HEIGHT = {BODY_SIZE: 15.75, TITLE_SIZE: 18.75}  # points per line, as Excel spaces them
ROW_PADDING = 2.0
MAX_LINES = lines_per_row(LINE_HEIGHT[BODY_SIZE], ROW_PADDING)  # 25: a row of more is cut off
WRAP_SLACK = 0.9  # wrap our estimate narrower than the cell: never fewer lines than the spreadsheet
CELL_PADDING_PT = 4.5
MM_PER_INCH = 25.4
MARGINS_MM = {"left": 30, "right": 15, "top": 20, "bottom": 20, "header": 10, "footer": 10}
A4_SHORT_MM, A4_LONG_MM = 210, 297

_THIN = Side(style="thin")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
NO_BORDER = Border()
# A cell continued on the rows below has no line between its pieces: one cell to the eye.
PIECE_BORDERS = {
    WHOLE: GRID,
    FIRST: Border(left=_THIN, right=_THIN, top=_THIN),
    MIDDLE: Border(left=_THIN, right=_THIN),
    LAST: Border(left=_THIN, right=_THIN, bottom=_THIN),
}
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT_MIDDLE = Alignment(horizontal="left", vertical="center", wrap_text=True)
BODY_FONT = Font(name=FONT_NAME, size=BODY_SIZE)
BOLD_FONT = Font(name=FONT_NAME, size=BODY_SIZE, bold=True)
TASK_ALIGNMENTS = (TOP_CENTRE, TOP_LEFT, TOP_LEFT, TOP_LEFT, TOP_LEFT, TOP_LEFT)


def write_appendix_xlsx(document: AppendixDocument, path: Path) -> None:
    register_fonts()  # the metrics used to estimate row heights
    workbook = Workbook()
    _use_default_font(workbook, Font(name=FONT_NAME, size=BODY_SIZE))
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    workbook.properties.title = f"{document.heading}: {document.title}"
    workbook.properties.creator = f"CCHC Desktop {__version__}"
    _set_columns(sheet)
    _write_heading(sheet, document)
    _write_table(sheet, document)
    _set_print_setup(sheet)
    path.write_bytes(_saved(workbook))


def _saved(workbook: Workbook) -> bytes:
    """The workbook file's bytes. Built in memory and then written in one go, so a
    disk error reaches the caller as a plain OSError instead of leaving openpyxl's
    zip archive half-open (it then fails again, noisily, when collected)."""
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _use_default_font(workbook: Workbook, font: Font) -> None:
    """Make ``font`` the workbook's default (the Normal style and empty cells).

    Spreadsheets measure column widths in digits of this font, so with Times New
    Roman (Liberation Serif in LibreOffice, same metrics) the widths mean the same
    everywhere, instead of depending on whether Calibri is installed. openpyxl has no
    public setting for it: the first font of the list is the default one.
    """
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def _set_columns(sheet: Worksheet) -> None:
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


# Heading lines ---------------------------------------------------------------

def _write_heading(sheet: Worksheet, document: AppendixDocument) -> None:
    lines = (
        (1, document.heading, Font(name=FONT_NAME, size=TITLE_SIZE, bold=True), BOLD),
        (2, document.title, Font(name=FONT_NAME, size=TITLE_SIZE, bold=True), BOLD),
        (3, document.attachment, Font(name=FONT_NAME, size=TITLE_SIZE, italic=True), ITALIC),
    )
    for row, text, font, metrics_font in lines:
        _put_text(sheet, row, 1, text, font, CENTRE)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMN_COUNT)
        lines_needed = _line_count(text, metrics_font, TITLE_SIZE, sum(COLUMN_WIDTHS))
        sheet.row_dimensions[row].height = _row_height(lines_needed, TITLE_SIZE)
    sheet.row_dimensions[4].height = 8


# Table -----------------------------------------------------------------------

def _write_table(sheet: Worksheet, document: AppendixDocument) -> None:
    _write_cells(sheet, HEADER_ROW, document.headers, BOLD_FONT, [CENTRE] * COLUMN_COUNT, BOLD)
    task_rows = None  # made at the first task row: styles are registered in the order of the rows
    row_number = FIRST_BODY_ROW
    headings = []
    for row in steps(document.rows):
        if isinstance(row, AreaRow):
            headings.append(row_number)
            row_number += _write_area_row(sheet, row_number, row)
        else:
            task_rows = task_rows or _TaskRows(sheet)
            row_number += task_rows.write(row_number, row)
    sheet.freeze_panes = sheet.cell(FIRST_BODY_ROW, 1)
    keep_headings_with_tasks(sheet, HEADER_ROW, set(headings), row_number - 1, printable_height_pt(landscape=True))


def _write_area_row(sheet: Worksheet, row_number: int, row: AreaRow) -> int:
    """Bold, merged across the six columns (every cell gets the grid so the merge is boxed).
    A label too long for one row goes on more, each merged across. The rows used."""
    width = usable_width(sum(COLUMN_WIDTHS))
    laid = lay_out_row((row.label,), BOLD, BODY_SIZE, (width,), MAX_LINES)
    for offset, _, text, place in laid.cells():
        _put_text(sheet, row_number + offset, 1, text, BOLD_FONT, LEFT_MIDDLE, PIECE_BORDERS[place])
        for column in range(2, COLUMN_COUNT + 1):
            sheet.cell(row_number + offset, column).border = GRID
        sheet.merge_cells(start_row=row_number + offset, start_column=1,
                          end_row=row_number + offset, end_column=COLUMN_COUNT)
        sheet.row_dimensions[row_number + offset].height = _row_height(laid.lines[offset], BODY_SIZE)
    return laid.row_count


class _TaskRows:
    """Writes task rows: the same cells, styles and heights as ``_write_cells`` and
    ``cell.value = row.stt`` would (a test compares the files byte for byte), in a
    quarter of the time.

    openpyxl's public road costs about 2 µs a cell (coordinate checks, type
    inference, string checks, a style record copied per cell) and 8 µs a row height
    (a RowDimension made, then read back field by field when saved). Here:

    - each distinct text of a column is checked by openpyxl (``Cell.value``) and
      measured once per workbook, then reused: lead, supporting units, products and
      deadlines repeat all through a plan;
    - cells are made bare and filled with that checked text, ``data_type`` "s" (text,
      never a formula) and one style record per column, shared by the column's cells
      (nothing changes a task cell's style afterwards);
    - rows of the same height share one RowDimension that knows its XML attributes.

    A task too long for one row (more than ``MAX_LINES`` lines in a cell, or more than
    32,767 characters) is noticed from those same counts and written again, on more
    rows, by ``write_continued_task`` (rare: the public cell API is fast enough).
    """

    def __init__(self, sheet: Worksheet):
        self.sheet = sheet
        self.styles = tuple(copy(_style_array(sheet, BODY_FONT, alignment, GRID)) for alignment in TASK_ALIGNMENTS)
        self.usable = tuple(usable_width(width) for width in COLUMN_WIDTHS)
        self.known: tuple[dict[str, tuple[str, int]], ...] = tuple({} for _ in COLUMN_WIDTHS)
        self.heights: dict[int, _SharedRowHeight] = {}
        self.scratch = Cell(sheet)  # openpyxl's own checks of a text, on a cell never saved

    def write(self, row_number: int, row: TaskRow) -> int:
        """Write ``row`` from ``row_number`` on; the rows it took (1 unless it is too long)."""
        sheet, cells = self.sheet, self.sheet._cells
        lines = 1
        for column, text, style, usable, known in zip(
            range(1, COLUMN_COUNT + 1), row.texts(), self.styles, self.usable, self.known
        ):
            try:
                value, count = known[text]
            except KeyError:
                count = line_count(text, REGULAR, BODY_SIZE, usable) if len(text) <= CELL_CHARACTERS else TOO_LONG
                value, count = known[text] = self._checked(text), count
            cell = Cell(sheet, row_number, column)
            cell._value, cell.data_type, cell._style = value, "s", style
            cells[row_number, column] = cell
            if count > lines:
                lines = count
        cells[row_number, 1].value = row.stt  # a number, so the sheet can sort and count
        if lines > MAX_LINES:
            return write_continued_task(sheet, row_number, row)
        height = self.heights.get(lines)
        if height is None:
            height = self.heights[lines] = _SharedRowHeight(sheet, _row_height(lines, BODY_SIZE))
        sheet.row_dimensions[row_number] = height
        return 1

    def _checked(self, text: str):
        """``text`` as openpyxl stores it (cut at 32,767 characters; IllegalCharacterError
        for control characters)."""
        self.scratch.value = text
        return self.scratch._value


TOO_LONG = MAX_LINES + 1  # the count of a text too long for a cell: more rows, whatever its lines


def task_too_long(lines: int, texts) -> bool:
    """Whether a task whose cells wrap to at most ``lines`` lines needs more than one row."""
    return lines > MAX_LINES or any(len(text) > CELL_CHARACTERS for text in texts)


def write_continued_task(sheet: Worksheet, row_number: int, row: TaskRow) -> int:
    """``row`` on as many rows as its longest cell needs, from ``row_number`` (whatever
    was written there is replaced): each long cell continued down its column, the other
    cells merged down, with the grid around the whole task. The rows used."""
    laid = lay_out_row(row.texts(), REGULAR, BODY_SIZE, tuple(map(usable_width, COLUMN_WIDTHS)), MAX_LINES)
    _write_laid_out(sheet, row_number, laid, BODY_FONT, TASK_ALIGNMENTS)
    sheet.cell(row_number, 1).value = row.stt
    return laid.row_count


def _write_laid_out(sheet: Worksheet, row_number: int, laid: ContinuedRow, font: Font, alignments) -> None:
    for offset, column, text, place in laid.cells():
        _put_text(sheet, row_number + offset, column + 1, text, font, alignments[column], PIECE_BORDERS[place])
    for column, first, last in laid.merges():
        merge_down(sheet, column + 1, row_number + first, row_number + last)
    for offset, lines in enumerate(laid.lines):
        sheet.row_dimensions[row_number + offset].height = _row_height(lines, BODY_SIZE)


def merge_down(sheet: Worksheet, column: int, first_row: int, last_row: int) -> None:
    """Merge ``column``'s cells from ``first_row`` (written, in the grid or open above)
    down to ``last_row`` (empty): what ``sheet.merge_cells`` makes, the cells below
    given the grid's side lines and the last one the bottom line, without openpyxl's
    border arithmetic for every cell (60 µs each: a task of 40,000 characters merges
    hundreds)."""
    cells = CellRange(min_col=column, min_row=first_row, max_col=column, max_row=last_row)
    sheet.merged_cells.add(MergedCellRange(sheet, cells.coord))
    middle, bottom = _merged_style(sheet, PIECE_BORDERS[MIDDLE]), _merged_style(sheet, PIECE_BORDERS[LAST])
    for row in range(first_row + 1, last_row + 1):
        cell = sheet._cells[row, column] = MergedCell(sheet, row, column)
        cell._style = copy(bottom if row == last_row else middle)


def _merged_style(sheet: Worksheet, border: Border):
    """The style record of a merged cell with ``border`` (and nothing else), made once."""
    made = sheet.parent.__dict__.setdefault("_cchc_style_arrays", {})
    key = ("merged", id(border))  # module constants: their ids are stable
    if key not in made:
        scratch = MergedCell(sheet)
        scratch.border = border
        made[key] = copy(scratch._style)
    return made[key]


class _SharedRowHeight(RowDimension):
    """A row height shared by every row that has it. openpyxl writes a row's
    attributes by reading each field of its RowDimension, for every row; this one
    reads them once, when made. (``index`` is meaningless here: openpyxl writes the
    row number from its key in ``row_dimensions``.)"""

    def __init__(self, sheet: Worksheet, height: float):
        super().__init__(sheet, ht=height)
        self._attributes = tuple(super().__iter__())

    def __iter__(self):
        return iter(self._attributes)


def _write_cells(sheet: Worksheet, row_number: int, texts, font: Font, alignments, metrics_font: str) -> int:
    """One row of cells, its height set for its wrapped text; its line count."""
    lines = 1
    for column, (text, alignment, width) in enumerate(zip(texts, alignments, COLUMN_WIDTHS), start=1):
        _put_text(sheet, row_number, column, text, font, alignment)
        lines = max(lines, _line_count(text, metrics_font, BODY_SIZE, width))
    sheet.row_dimensions[row_number].height = _row_height(lines, BODY_SIZE)
    return lines


def _put_text(sheet: Worksheet, row: int, column: int, text: str, font: Font, alignment: Alignment,
              border: Border | None = None):
    """A text cell, never a formula: openpyxl turns a leading '=' into one otherwise.
    In the grid from the table's header row on, unless ``border`` says otherwise."""
    cell = sheet.cell(row, column)
    cell.value = text
    cell.data_type = "s"
    if border is None:
        border = GRID if row >= HEADER_ROW else NO_BORDER
    cell._style = copy(_style_array(sheet, font, alignment, border))
    return cell


def _style_array(sheet: Worksheet, font: Font, alignment: Alignment, border: Border):
    """The workbook's style record for this combination, made once.

    Assigning font, alignment and border cell by cell makes openpyxl hash and look up
    each style object every time: two thirds of the time of a 10,000-row appendix.
    Copying the finished record is what openpyxl's own worksheet copier does.
    """
    workbook = sheet.parent
    made = workbook.__dict__.setdefault("_cchc_style_arrays", {})  # lives and dies with the workbook
    key = (id(font), id(alignment), id(border))  # module constants: their ids are stable
    if key not in made:
        scratch = workbook.create_sheet("_styles").cell(1, 1)
        scratch.font, scratch.alignment, scratch.border = font, alignment, border
        made[key] = copy(scratch._style)
        workbook.remove(scratch.parent)
    return made[key]


def _line_count(text: str, metrics_font: str, size: float, width_units: float) -> int:
    return line_count(text, metrics_font, size, usable_width(width_units))


def usable_width(width_units: float) -> float:
    """Points of a column our wrapping may fill (narrower than the spreadsheet's)."""
    return (width_units * DIGIT_WIDTH_PT - CELL_PADDING_PT) * WRAP_SLACK


def printable_width_units(landscape: bool) -> float:
    """How many column width units an A4 page holds between the decree's margins: 119
    on landscape (the appendix's columns fill it), 78 on portrait. Wider columns make
    "one page wide" shrink the whole print."""
    paper_mm = A4_LONG_MM if landscape else A4_SHORT_MM
    printable_pt = (paper_mm - MARGINS_MM["left"] - MARGINS_MM["right"]) / MM_PER_INCH * 72
    return printable_pt / DIGIT_WIDTH_PT


def printable_height_pt(landscape: bool) -> float:
    """The height of an A4 page between the decree's top and bottom margins, in points."""
    paper_mm = A4_SHORT_MM if landscape else A4_LONG_MM
    return (paper_mm - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / MM_PER_INCH * 72


def _row_height(lines: int, size: float) -> float:
    return round(lines * LINE_HEIGHT[size] + ROW_PADDING, 2)


# Printing ----------------------------------------------------------------------

def _set_print_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, header row on every page, the decree's margins,
    and the page number (13 pt) centred at the top from page 2 on."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_margins = PageMargins(**{side: mm / MM_PER_INCH for side, mm in MARGINS_MM.items()})
    sheet.HeaderFooter.differentFirst = True
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.size = 13
    sheet.oddHeader.center.font = f"{FONT_NAME},Regular"
