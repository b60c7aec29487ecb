"""Reading the tables of a .docx document as candidate tables (python-docx).

The grid is built from the row XML (``w:tc`` with its ``gridSpan`` and ``vMerge``)
rather than ``row.cells``, which repeats a merged cell and so cannot tell an area row
merged across the table from six cells that happen to hold the same text.

A table that Word shows split over two pages is usually one table; but documents
assembled by hand often hold two tables with only an empty paragraph between them.
``RawTable.follows_previous`` marks such a table so the parser can join it to the one
before when it has no header of its own.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.table import Table, _Cell

from cchc_desktop.errors import UserInputError
from cchc_desktop.importing.grid import MAX_COLUMNS, RawTable, cell_text, check_row_count, squared
from cchc_desktop.progress import Cancelled, steps

PREAMBLE_LINES = 8


@dataclass
class DocxTable(RawTable):
    follows_previous: bool = False  # same width, only blank paragraphs in between


def read_docx_tables(path: Path) -> list[DocxTable]:
    """Every top-level table of the document body, in order."""
    try:
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = Document(handle)
        return _tables_in_order(document)
    except (UserInputError, Cancelled):
        raise
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside python-docx
        raise UserInputError(f"Không đọc được tệp Word {path.name}: tệp bị hỏng hoặc không đúng định dạng.") from error


def _tables_in_order(document) -> list[DocxTable]:
    tables: list[DocxTable] = []
    preamble: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table = _read_table(block, len(tables) + 1, preamble[-PREAMBLE_LINES:])
            table.follows_previous = bool(tables) and not preamble and table.width == tables[-1].width
            tables.append(table)
            preamble = []
        elif block.text.strip():
            preamble.append(cell_text(block.text))
    return tables


def _read_table(table: Table, number: int, preamble: list[str]) -> DocxTable:
    label = f"Bảng {number}"
    check_row_count(len(table.rows), label)
    rows: list[list[str]] = []
    spilled: set[tuple[int, int]] = set()
    for row_index, row in enumerate(steps(table.rows)):
        cells = [""] * row.grid_cols_before
        for tc in row._tr.tc_lst:  # noqa: SLF001 - the row's cells as stored, merges included
            column = len(cells)
            if tc.vMerge == "continue":
                above = rows[row_index - 1][column] if row_index and column < len(rows[row_index - 1]) else ""
                cells.append(above)
                if above.strip():
                    spilled.add((row_index, column))
            else:
                cells.append(cell_text(_Cell(tc, table).text))
            cells.extend([""] * (tc.grid_span - 1))
        rows.append(cells[:MAX_COLUMNS])
    rows = squared(rows)
    width = len(rows[0]) if rows else 0
    return DocxTable(
        label, rows, list(range(1, len(rows) + 1)), [str(i + 1) for i in range(width)],
        {(r, c) for r, c in spilled if c < width}, preamble,
    )
