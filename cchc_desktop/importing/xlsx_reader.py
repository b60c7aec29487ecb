"""Reading the sheets of an .xlsx workbook as candidate tables (openpyxl, read-only).

Read-only mode streams the sheet and keeps memory flat on large workbooks, but it does
not report merged cells; their ranges are read from the sheet's XML directly (a short
``<mergeCells>`` list at its end). Cached formula results are read, not formulas
(a Stt written as ``=A7+1`` shows its number).
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from cchc_desktop.errors import UserInputError
from cchc_desktop.progress import Cancelled, portion, step
from cchc_desktop.importing.grid import (
    MAX_COLUMNS, RawTable, cell_text, check_row_count, excel_column, squared,
)

PROGRESS_EVERY = 200
# A sheet formatted far below its data has thousands of empty rows; after this many
# in a row the rest of the sheet is taken to be empty.
EMPTY_RUN_LIMIT = 5_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')
_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_xlsx_tables(path: Path) -> list[RawTable]:
    """Every worksheet of the workbook, in order, as a RawTable."""
    try:
        merges = _merges_by_sheet(path)
        # The file is opened here, not by openpyxl, so that it is closed even when
        # load_workbook fails half-way (it would leave its own handle open).
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                sheets = workbook.worksheets
                tables = []
                for number, sheet in enumerate(sheets):
                    with portion(number / len(sheets), (number + 1) / len(sheets)):
                        tables.append(_read_sheet(sheet, merges.get(sheet.title, [])))
                return tables
            finally:
                workbook.close()
    except (UserInputError, Cancelled):
        raise
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside openpyxl
        raise UserInputError(f"Không đọc được tệp Excel {path.name}: tệp bị hỏng hoặc không đúng định dạng.") from error


def _read_sheet(sheet, merges: list[tuple[int, int, int, int]]) -> RawTable:
    label = f'Trang tính "{sheet.title}"'
    estimate = sheet.max_row or 0  # the stored size (often missing or wrong): for the progress bar only
    sheet.reset_dimensions()  # the stored size is often wrong; read what is there
    rows: list[list[str]] = []
    filled = empty_run = 0
    for values in sheet.iter_rows(values_only=True):
        if len(rows) % PROGRESS_EVERY == 0:
            step(len(rows), estimate if estimate > len(rows) else 0)
        row = [cell_text(value) for value in values[:MAX_COLUMNS]]
        rows.append(row)
        if any(text.strip() for text in row):
            filled += 1
            empty_run = 0
            check_row_count(filled, label)
        else:
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
    while rows and not any(text.strip() for text in rows[-1]):
        rows.pop()
    rows = squared(rows)
    width = len(rows[0]) if rows else 0
    table = RawTable(label, rows, list(range(1, len(rows) + 1)), [excel_column(i) for i in range(width)])
    _spread_merges(table, merges)
    return table


def _spread_merges(table: RawTable, merges: list[tuple[int, int, int, int]]) -> None:
    """Repeat the text of a cell merged down several rows in each of them (see grid)."""
    for first_row, column, last_row, _last_column in merges:
        top, col = first_row - 1, column - 1
        if top >= len(table.rows) or col >= table.width or last_row <= first_row:
            continue
        text = table.rows[top][col]
        if not text.strip():
            continue
        for index in range(top + 1, min(last_row, len(table.rows))):
            table.rows[index][col] = text
            table.spilled.add((index, col))


# Merged ranges, straight from the archive ------------------------------------

def _merges_by_sheet(path: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """``{sheet title: [(first row, first column, last row, last column)]}``, 1-based."""
    with zipfile.ZipFile(path) as archive:
        merges = {}
        for title, part in _sheet_parts(archive).items():
            if part in archive.namelist():
                merges[title] = [_range(m[1], m[2] or m[1]) for m in _MERGE.finditer(archive.read(part))]
        return merges


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its XML part inside the archive."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(_REL_ID), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return parts


def _range(first: bytes, last: bytes) -> tuple[int, int, int, int]:
    first_column, first_row = coordinate_from_string(first.decode())
    last_column, last_row = coordinate_from_string(last.decode())
    return first_row, column_index_from_string(first_column), last_row, column_index_from_string(last_column)
