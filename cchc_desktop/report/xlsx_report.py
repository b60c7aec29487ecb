"""The report's figures as an Excel workbook: "Tổng hợp" (counts per area and overall,
with shares), "Nhiệm vụ" (each task's status) and "Chỉ tiêu" (target against actual).

Counts and actual values are numbers and shares are fractions shown as percentages,
so the sheets can be summed and checked; text is always stored as text, never as a
formula. Row heights are computed from the wrapped text, as spreadsheets do not grow
rows written by another program. A row whose text needs more than a spreadsheet row
can show (409 points) or a cell can hold (32,767 characters), a task's content or
result pasted at length, goes on more rows as in the appendix workbook: the long cells
continue down their columns, the other cells are merged down (see ``xlsx_rows``).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop import __version__
from cchc_desktop.export.fonts import BOLD, REGULAR, register_fonts
from cchc_desktop.export.text_wrap import line_count
from cchc_desktop.export.xlsx_appendix import (
    FONT_NAME, LINE_HEIGHT, MARGINS_MM, MAX_LINES, MM_PER_INCH, PIECE_BORDERS, ROW_PADDING, merge_down,
    printable_height_pt, usable_width,
)
from cchc_desktop.export.xlsx_pages import keep_headings_with_tasks
from cchc_desktop.export.xlsx_rows import CELL_CHARACTERS, lay_out_row
from cchc_desktop.periods import title as period_title
from cchc_desktop.progress import step
from cchc_desktop.report.model import ClassCounts, ReportDocument
from cchc_desktop.report.sections import area_name
from cchc_desktop.status import CLASSES, LABELS

SUMMARY, TASKS, INDICATORS = "Tổng hợp", "Nhiệm vụ", "Chỉ tiêu"
SIZE, TITLE_SIZE = 12, 14
PERCENT_FORMAT = "0.0%"
# Every sheet opens as an annex of the report does (Nghị định 30/2020): its title, then
# "(Kèm theo Báo cáo số … ngày … của …)". A province office copies the sheets of many
# units into one workbook, and each must still say whose report it belongs to.
SUMMARY_HEADER_ROW = 5  # two header rows: class names, then "Số lượng" / "Tỷ lệ"
SUMMARY_FIRST_ROW = SUMMARY_HEADER_ROW + 2
# Each sheet fits the width of its printed page (printable_width_units), so that
# "one page wide" never shrinks the print below 12 pt.
SUMMARY_WIDTHS = (27.5, 7.5) + (6.5, 7.5) * len(CLASSES)
TASKS_HEADER_ROW = 4
TASKS_WIDTHS = (5.7, 42, 18, 15, 16, 22)
STEP_EVERY = 200  # tasks written between two reports of progress (each may cancel)
INDICATORS_HEADER_ROW = 5
INDICATOR_HEADERS = ("Stt", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đơn vị tính", "Đánh giá", "Ghi chú")
INDICATORS_WIDTHS = (5.7, 54, 12, 10, 10, 13, 14.35)

_THIN = Side(style="thin")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
PLAIN = Font(name=FONT_NAME, size=SIZE)
BOLD_FONT = Font(name=FONT_NAME, size=SIZE, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)
ITALIC_FONT = Font(name=FONT_NAME, size=TITLE_SIZE, italic=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)


def write_report_xlsx(document: ReportDocument, path: Path) -> None:
    register_fonts()  # metrics for the row heights
    workbook = Workbook()
    workbook._fonts = IndexedList([PLAIN])  # Times New Roman as the default font (see xlsx_appendix)
    workbook._named_styles["Normal"].font = PLAIN
    workbook.properties.title = f"{document.doc_type} {document.subject}"
    workbook.properties.creator = f"CCHC Desktop {__version__}"
    _write_summary(workbook.active, document)
    _write_tasks(workbook.create_sheet(TASKS), document)
    _write_indicators(workbook.create_sheet(INDICATORS), document)
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())


# Summary ----------------------------------------------------------------------------

def _write_summary(sheet: Worksheet, document: ReportDocument) -> None:
    sheet.title = SUMMARY
    _set_widths(sheet, SUMMARY_WIDTHS)
    heading = f"TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period_title(document.period, document.year).upper()}"
    _title_rows(sheet, SUMMARY_WIDTHS, (heading, TITLE_FONT), (document.appendix.attachment, ITALIC_FONT),
                (document.window_line, ITALIC_FONT))
    _summary_header(sheet)
    row = SUMMARY_FIRST_ROW
    for area in document.areas:
        row += _counts_row(sheet, row, area.counts, area_name(area), PLAIN)
    _counts_row(sheet, row, document.overall, document.overall.label, BOLD_FONT)
    sheet.freeze_panes = sheet.cell(SUMMARY_FIRST_ROW, 2)
    _print_setup(sheet, landscape=True, title_rows=f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW + 1}")


def _summary_header(sheet: Worksheet) -> None:
    top, sub = SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW + 1
    for column, text in ((1, "Lĩnh vực"), (2, "Tổng số nhiệm vụ")):
        _text(sheet, top, column, text, BOLD_FONT, CENTRE)
        _text(sheet, sub, column, "", BOLD_FONT, CENTRE)
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
    for index, cls in enumerate(CLASSES):
        column = 3 + 2 * index
        _text(sheet, top, column, LABELS[cls], BOLD_FONT, CENTRE)
        _text(sheet, top, column + 1, "", BOLD_FONT, CENTRE)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
        _text(sheet, sub, column, "Số lượng", BOLD_FONT, CENTRE)
        _text(sheet, sub, column + 1, "Tỷ lệ", BOLD_FONT, CENTRE)
    sheet.row_dimensions[top].height = _height(3)
    sheet.row_dimensions[sub].height = _height(2)  # "Số lượng" wraps in its narrow column


def _counts_row(sheet: Worksheet, row: int, counts: ClassCounts, label: str, font: Font) -> int:
    """The rows used: 1, unless the label is too long for one."""
    _text(sheet, row, 1, label, font, TOP_LEFT)
    _number(sheet, row, 2, counts.total, font)
    for index, cls in enumerate(CLASSES):
        _number(sheet, row, 3 + 2 * index, counts.count(cls), font)
        _number(sheet, row, 4 + 2 * index, counts.share(cls), font, PERCENT_FORMAT)
    lines = _lines(label, BOLD if font.b else REGULAR, SUMMARY_WIDTHS[0])
    sheet.row_dimensions[row].height = _height(lines)
    texts = (label,) + ("",) * (len(SUMMARY_WIDTHS) - 1)  # the numbers fit: only the label may not
    return _continued(sheet, row, texts, font, TOP_LEFT, SUMMARY_WIDTHS, lines)


# Tasks ------------------------------------------------------------------------------

def _write_tasks(sheet: Worksheet, document: ReportDocument) -> None:
    appendix = document.appendix
    _set_widths(sheet, TASKS_WIDTHS)
    _title_rows(sheet, TASKS_WIDTHS, (appendix.title, TITLE_FONT), (appendix.attachment, ITALIC_FONT))
    _cells(sheet, TASKS_HEADER_ROW, appendix.headers, BOLD_FONT, CENTRE, TASKS_WIDTHS)
    row = TASKS_HEADER_ROW + 1
    headings = set()
    written, total = 0, sum(len(area.tasks) for area in document.areas)
    for area in document.areas:
        headings.add(row)
        row += _merged_label(sheet, row, area.label, len(TASKS_WIDTHS), sum(TASKS_WIDTHS))
        for task in area.tasks:
            if written % STEP_EVERY == 0:
                step(written, total)
            written += 1
            texts = task.texts()
            lines = _cells(sheet, row, texts, PLAIN, TOP_LEFT, TASKS_WIDTHS)
            _number(sheet, row, 1, task.stt, PLAIN).alignment = TOP_CENTRE
            row += _continued(sheet, row, texts, PLAIN, TOP_LEFT, TASKS_WIDTHS, lines)
    sheet.freeze_panes = sheet.cell(TASKS_HEADER_ROW + 1, 1)
    keep_headings_with_tasks(sheet, TASKS_HEADER_ROW, headings, row - 1, printable_height_pt(landscape=True))
    _print_setup(sheet, landscape=True, title_rows=f"{TASKS_HEADER_ROW}:{TASKS_HEADER_ROW}")


# Indicators -------------------------------------------------------------------------

def _write_indicators(sheet: Worksheet, document: ReportDocument) -> None:
    _set_widths(sheet, INDICATORS_WIDTHS)
    heading = f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {period_title(document.period, document.year).upper()}"
    _title_rows(sheet, INDICATORS_WIDTHS, (heading, TITLE_FONT), (document.appendix.attachment, ITALIC_FONT),
                (document.window_line, ITALIC_FONT))
    _cells(sheet, INDICATORS_HEADER_ROW, INDICATOR_HEADERS, BOLD_FONT, CENTRE, INDICATORS_WIDTHS)
    row = INDICATORS_HEADER_ROW + 1
    for item in document.indicators:
        texts = ("", item.text, item.target, "", item.unit, item.verdict, item.note)
        lines = _cells(sheet, row, texts, PLAIN, TOP_LEFT, INDICATORS_WIDTHS)
        _number(sheet, row, 1, item.position, PLAIN).alignment = TOP_CENTRE
        if item.actual is not None:
            _number(sheet, row, 4, item.actual, PLAIN)
        row += _continued(sheet, row, texts, PLAIN, TOP_LEFT, INDICATORS_WIDTHS, lines)
    sheet.freeze_panes = sheet.cell(INDICATORS_HEADER_ROW + 1, 1)
    _print_setup(sheet, landscape=True, title_rows=f"{INDICATORS_HEADER_ROW}:{INDICATORS_HEADER_ROW}")


# Cells ------------------------------------------------------------------------------

def _title_rows(sheet: Worksheet, widths, *lines: tuple[str, Font]) -> None:
    """Centred lines merged across the table's ``widths``, from row 1."""
    columns, width = len(widths), sum(widths)
    for row, (text, font) in enumerate(lines, start=1):
        _text(sheet, row, 1, text, font, CENTRE, border=False)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        metrics = BOLD if font.b else REGULAR
        sheet.row_dimensions[row].height = _height(_lines(text, metrics, width, font.sz), font.sz)


def _merged_label(sheet: Worksheet, row: int, text: str, columns: int, width: float) -> int:
    """Bold, merged across the table; a label too long for one row goes on more, each
    merged across. The rows used."""
    laid = lay_out_row((str(text),), BOLD, SIZE, (usable_width(width),), MAX_LINES)
    for offset, _, piece, place in laid.cells():
        _text(sheet, row + offset, 1, piece, BOLD_FONT, TOP_LEFT, PIECE_BORDERS[place])
        for column in range(2, columns + 1):
            sheet.cell(row + offset, column).border = GRID
        sheet.merge_cells(start_row=row + offset, start_column=1, end_row=row + offset, end_column=columns)
        sheet.row_dimensions[row + offset].height = _height(laid.lines[offset])
    return laid.row_count


def _cells(sheet: Worksheet, row: int, texts, font: Font, alignment: Alignment, widths) -> int:
    """One row of text cells, its height set for its wrapped text; its line count."""
    metrics = BOLD if font.b else REGULAR
    for column, text in enumerate(texts, start=1):
        _text(sheet, row, column, text, font, alignment)
    lines = max(_lines(text, metrics, width) for text, width in zip(texts, widths))
    sheet.row_dimensions[row].height = _height(lines)
    return lines


def _continued(sheet: Worksheet, row: int, texts, font: Font, alignment: Alignment, widths, lines: int) -> int:
    """The rows taken by the row just written at ``row`` with ``texts`` (wrapped to
    ``lines`` lines): 1 if it fits. Otherwise its long cells are cut and continued on
    the rows below, and its other cells (numbers included) merged down over them."""
    if lines <= MAX_LINES and all(len(text) <= CELL_CHARACTERS for text in texts):
        return 1
    usable = tuple(usable_width(width) for width in widths)
    laid = lay_out_row(tuple(map(str, texts)), BOLD if font.b else REGULAR, SIZE, usable, MAX_LINES)
    for offset, column, piece, place in laid.cells():
        if len(laid.pieces[column]) > 1:  # the cells that fit are written already, numbers too
            _text(sheet, row + offset, column + 1, piece, font, alignment, PIECE_BORDERS[place])
    for column, first, last in laid.merges():
        merge_down(sheet, column + 1, row + first, row + last)
    for offset, count in enumerate(laid.lines):
        sheet.row_dimensions[row + offset].height = _height(count)
    return laid.row_count


def _text(sheet: Worksheet, row: int, column: int, text: str, font: Font, alignment: Alignment,
          border: bool | Border = True):
    """A text cell, never a formula: openpyxl would turn a leading '=' into one.
    In the grid, or with ``border`` (none if False)."""
    cell = sheet.cell(row, column)
    cell.value = text
    cell.data_type = "s"
    cell.font = font
    cell.alignment = alignment
    if isinstance(border, Border):
        cell.border = border
    elif border:
        cell.border = GRID
    return cell


def _number(sheet: Worksheet, row: int, column: int, value, font: Font, number_format: str = "General"):
    cell = sheet.cell(row, column)
    cell.value = value
    cell.font = font
    cell.alignment = CENTRE
    cell.border = GRID
    cell.number_format = number_format
    return cell


def _set_widths(sheet: Worksheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _lines(text: str, metrics_font: str, width_units: float, size: float = SIZE) -> int:
    return line_count(str(text), metrics_font, size, usable_width(width_units))


def _height(lines: int, size: float = SIZE) -> float:
    return round(lines * LINE_HEIGHT[size] + ROW_PADDING, 2)


# Printing ---------------------------------------------------------------------------

def _print_setup(sheet: Worksheet, landscape: bool, title_rows: str) -> None:
    """A4, one page wide, the header rows on every page, the decree's margins, and the
    page number (13 pt) centred at the top from page 2 on, as the appendix export does."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.firstPageNumber = 1  # each sheet numbered on its own
    sheet.page_setup.useFirstPageNumber = True
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.page_margins = PageMargins(**{side: mm / MM_PER_INCH for side, mm in MARGINS_MM.items()})
    sheet.HeaderFooter.differentFirst = True
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.size = 13
    sheet.oddHeader.center.font = f"{FONT_NAME},Regular"
