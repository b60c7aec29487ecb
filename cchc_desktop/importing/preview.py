"""``read_appendix``: a file's appendix as plain data, before anything is written.

The preview holds what was detected (the table, its columns, areas and tasks, the
deadline readings, a warning per doubtful row and those about the whole file, such as
a plan year other than the file's) and lets the user correct it: pick another table,
give a column another meaning (``remap``), or read the deadlines for another year
(``set_year``). Each correction re-reads the rows; the file is read once.
On a large table a correction is made on a ``fork`` in a worker thread, while the
preview on screen stays as it is until the corrected one replaces it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from cchc_desktop.deadlines import describe, parse
from cchc_desktop.errors import UserInputError
from cchc_desktop.importing.docx_reader import DocxTable, read_docx_tables
from cchc_desktop.importing.filecheck import sniff
from cchc_desktop.importing.grid import RawTable
from cchc_desktop.importing.headers import (
    CONTENT, DEADLINE, FIELD_LABELS, FIELDS, IGNORE, LEAD, NOTE, Header, find_header,
)
from cchc_desktop.importing.file_year import FileYear, find_file_year, year_mismatch_warning
from cchc_desktop.importing.heading import FIRST_YEAR, LAST_YEAR, Heading, read_heading
from cchc_desktop.importing.legacy import LegacyReport, decode_tables, font_hint
from cchc_desktop.importing.rows import TASK, PreviewArea, PreviewRow, parse_rows
from cchc_desktop.importing.xlsx_reader import read_xlsx_tables
from cchc_desktop.progress import portion, steps

FILE_LABELS = {"xlsx": "Excel", "docx": "Word"}
NO_TABLE = (
    "Không tìm thấy bảng phụ lục nhiệm vụ trong tệp {name}. Bảng cần có một hàng tiêu đề với "
    "các cột như “Stt”, “Nhiệm vụ”, “Chủ trì”, “Phối hợp”, “Sản phẩm”, “Thời gian hoàn thành”."
)


@dataclass
class Column:
    index: int
    name: str  # "A", "B" … (Excel) or "1", "2" … (Word)
    title: str  # header text as written
    detected: str  # the field recognised from the header
    field: str  # the field used now (the user may change it)

    @property
    def label(self) -> str:
        title = " ".join(self.title.split())  # a header cell wrapped in the file ("Thời gian\nhoàn thành")
        return f"Cột {self.name}: {title}" if title else f"Cột {self.name}"


@dataclass(frozen=True)
class TableChoice:
    label: str
    score: int  # header fields recognised
    rows: int


@dataclass
class _Candidate:
    table: RawTable
    header: Header


class ImportPreview:
    """What importing ``path`` would write; plain data for the CLI, the dialog and tests."""

    def __init__(self, path: Path, file_kind: str, candidates: list[_Candidate], legacy: LegacyReport):
        self.path = path
        self.file_kind = file_kind
        self.legacy = legacy
        self._candidates = candidates
        self.tables = [TableChoice(c.table.label, c.header.score, len(c.table.rows)) for c in candidates]
        self.table_index = 0
        self.year: int = date.today().year
        self.columns: list[Column] = []
        self.areas: list[PreviewArea] = []
        self.rows: list[PreviewRow] = []
        self.heading = Heading()
        self.file_year: FileYear | None = None  # the year the file is written for, if it names one
        self.year_guess: int | None = None

    # Choosing and correcting ------------------------------------------------

    def choose_table(self, index: int) -> None:
        if not 0 <= index < len(self._candidates):
            raise UserInputError(f"Không có bảng số {index + 1} (tệp có {len(self._candidates)} bảng phụ lục).")
        self.table_index = index
        candidate = self._candidates[index]
        table, header = candidate.table, candidate.header
        self.columns = [
            Column(i, table.column_names[i], header.titles[i], header.fields[i], header.fields[i])
            for i in range(len(header.fields))
        ]
        self.heading = read_heading(table.preamble + [" ".join(dict.fromkeys(t for t in row if t.strip()))
                                                      for row in table.rows[:header.first_row]])
        with portion(0.0, 0.6):
            self._read_rows()
        self.year_guess = (self.file_year.year if self.file_year else None) or self.heading.year
        with portion(0.6, 1.0):
            self.set_year(self.year_guess or date.today().year)

    def remap(self, column_index: int, field: str) -> None:
        """Give column ``column_index`` the meaning ``field`` (one of FIELDS); a column
        that had that meaning before is ignored from now on."""
        if field not in FIELDS:
            raise UserInputError(f"Không có loại cột “{field}”. Chọn một trong: {', '.join(FIELDS)}.")
        if not 0 <= column_index < len(self.columns):
            raise UserInputError(f"Không có cột số {column_index + 1}.")
        for column in self.columns:
            if field not in (IGNORE, NOTE) and column.field == field:
                column.field = IGNORE
        self.columns[column_index].field = field
        with portion(0.0, 0.6):
            self._read_rows()
        with portion(0.6, 1.0):
            self.set_year(self.year)

    def set_year(self, year: int) -> None:
        """Read the deadlines as those of a plan for ``year``."""
        if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
            raise UserInputError(f"Năm {year} không hợp lệ ({FIRST_YEAR}–{LAST_YEAR}).")
        self.year = year
        for row in steps(self.tasks):
            row.warnings = row.notes + _checks(row, year)

    def fork(self) -> "ImportPreview":
        """A copy to correct while this one stays as it is (on screen, say): the tables
        read from the file are shared, never changed after reading; what a correction
        changes (columns, rows, warnings) is the copy's own."""
        twin = copy.copy(self)
        twin.columns = [replace(column) for column in self.columns]
        twin.areas = list(self.areas)
        twin.rows = [copy.copy(row) for row in self.rows]
        return twin

    # Reading ------------------------------------------------------------------

    def _read_rows(self) -> None:
        candidate = self._candidates[self.table_index]
        fields = tuple(column.field for column in self.columns)
        self.areas, self.rows = parse_rows(candidate.table, candidate.header, fields)
        for row in self.rows:
            row.warnings = list(row.notes)
        self.file_year = find_file_year(self.heading, [row.text(DEADLINE) for row in self.tasks])

    # What the user sees -------------------------------------------------------

    @property
    def file_label(self) -> str:
        return FILE_LABELS[self.file_kind]

    @property
    def tasks(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.kind == TASK]

    @property
    def mapped_fields(self) -> set[str]:
        return {column.field for column in self.columns} - {IGNORE}

    @property
    def warnings(self) -> list[tuple[int, str]]:
        """(row number in the file, message) for every doubt: first those about the whole
        file (row 0), then the rows' in row order."""
        return [(0, message) for message in self.file_warnings] + [
            (row.source_row, message) for row in self.rows for message in row.warnings]

    @property
    def file_warnings(self) -> list[str]:
        """The doubts about the whole table rather than one of its rows."""
        notes = []
        if self._candidates[self.table_index].header.assumed:
            notes.append("Không nhận ra hàng tiêu đề của bảng: đã giả định thứ tự cột chuẩn "
                         "(Stt, Nhiệm vụ, Chủ trì, Phối hợp, Sản phẩm, Thời gian hoàn thành).")
        year_mismatch = year_mismatch_warning(self.file_year, self.year)
        if year_mismatch:
            notes.append(year_mismatch)
        return notes

    def field_label(self, field: str) -> str:
        return FIELD_LABELS[field]


def _checks(row: PreviewRow, year: int) -> list[str]:
    problems = []
    if not row.text(CONTENT):
        problems.append("Thiếu nội dung nhiệm vụ.")
    if not row.text(LEAD):
        problems.append("Thiếu công chức/cơ quan chủ trì.")
    deadline_text = row.text(DEADLINE)
    deadline = parse(deadline_text, year)
    row.deadline_reading = describe(deadline) if deadline_text else ""
    if not deadline_text:
        problems.append("Chưa có thời gian hoàn thành.")
    elif deadline.needs_review:
        problems.append(f"Chưa hiểu rõ thời gian hoàn thành “{deadline_text}”: cần kiểm tra.")
    return problems


# Reading the file -----------------------------------------------------------------

def read_appendix(path, table_index: int | None = None) -> ImportPreview:
    """Read the appendix table of an .xlsx or .docx file. Writes nothing.

    ``table_index`` picks among several appendix-like tables (``preview.tables``);
    by default the one whose header is recognised best. Raises UserInputError for a
    file that cannot be imported, with the reason in Vietnamese.
    """
    path = Path(path)
    kind = sniff(path)
    with portion(0.0, 0.5):
        tables = read_xlsx_tables(path) if kind == "xlsx" else read_docx_tables(path)
    with portion(0.5, 1.0):
        return build_preview(path, kind, tables, font_hint(path), table_index)


def build_preview(path: Path, kind: str, tables: list[RawTable], hint: str | None = None,
                  table_index: int | None = None) -> ImportPreview:
    """The preview of tables already read (the readers' output, or a test's grid)."""
    legacy = decode_tables(tables, hint)
    candidates = _candidates(tables)
    if not candidates:
        raise UserInputError(NO_TABLE.format(name=path.name))
    preview = ImportPreview(path, kind, candidates, legacy)
    preview.choose_table(_best(candidates) if table_index is None else table_index)
    return preview


def _candidates(tables: list[RawTable]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for table in tables:
        header = find_header(table)
        if found and _continues(table, header, found[-1]):
            _join(found[-1].table, table)
        elif header is not None:
            found.append(_Candidate(table, header))
    return [candidate for candidate in found if _has_body(candidate)]


def _continues(table: RawTable, header: Header | None, previous: _Candidate) -> bool:
    """A Word table right after the previous one, same width, no header of its own
    (or the same header again): the rest of the table after a page break."""
    if not isinstance(table, DocxTable) or not table.follows_previous:
        return False
    return header is None or header.assumed or header.fields == previous.header.fields


def _join(first: RawTable, second: RawTable) -> None:
    offset = len(first.rows)
    last_number = first.row_numbers[-1] if first.row_numbers else 0
    first.rows.extend(second.rows)
    first.row_numbers.extend(last_number + n for n in second.row_numbers)
    first.spilled.update((row + offset, column) for row, column in second.spilled)
    first.label = f"{first.label} (nối tiếp {second.label.lower()})"


def _has_body(candidate: _Candidate) -> bool:
    return candidate.header.body_start < len(candidate.table.rows)


def _best(candidates: list[_Candidate]) -> int:
    def rank(index: int):
        candidate = candidates[index]
        return (not candidate.header.assumed, candidate.header.score, len(candidate.table.rows))
    return max(range(len(candidates)), key=rank)
