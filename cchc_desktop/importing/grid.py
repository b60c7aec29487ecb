"""A table read from a file, as a plain grid of texts that the parser can reason about.

Both readers produce the same shape. A cell merged across columns keeps its text in
its first column only, so an area row merged across the table reads as one text. A
cell merged down several rows repeats its text in every row (a lead written once
beside eight tasks belongs to each of them); those repeated positions are listed in
``spilled`` so that a row continuing the task above does not append them twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from cchc_desktop.errors import UserInputError

MAX_ROWS = 20_000
MAX_COLUMNS = 50
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class RawTable:
    """One candidate table: a sheet of a workbook or a table of a Word document."""

    label: str  # how the user knows it: 'Trang tính "Phụ lục"', "Bảng 2"
    rows: list[list[str]]
    row_numbers: list[int]  # the row number the user sees in the file, per row
    column_names: list[str]  # "A", "B" … in Excel; "1", "2" … in Word
    spilled: set[tuple[int, int]] = field(default_factory=set)
    preamble: list[str] = field(default_factory=list)  # text above the table (Word)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


def cell_text(value) -> str:
    """A cell value as text: numbers without a stray '.0', dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub(" ", text)


def squared(rows: list[list[str]]) -> list[list[str]]:
    """Every row as wide as the widest non-empty column; trailing empty columns dropped."""
    width = 0
    for row in rows:
        for index in range(len(row) - 1, -1, -1):
            if row[index].strip():
                width = max(width, index + 1)
                break
    return [(row + [""] * width)[:width] for row in rows]


def check_row_count(count: int, label: str) -> None:
    if count > MAX_ROWS:
        limit = f"{MAX_ROWS:,}".replace(",", ".")  # Vietnamese groups thousands with dots
        raise UserInputError(
            f"{label} có hơn {limit} dòng, vượt giới hạn của chương trình. "
            "Hãy tách phụ lục thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
        )


def excel_column(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name
