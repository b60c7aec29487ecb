"""Reading the body of an appendix table, row by row, into areas and tasks.

Each row is one of:

- an area row: a Roman numeral or a letter with a title ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU
  HÀNH", "II - Cải cách thể chế", "A. …"), usually merged across the table, or the
  numeral in the Stt column and the title beside it;
- a task row: it has a Stt (a number);
- a continuation row: no Stt in a numbered table. A task cut by a page break in Word,
  or typed over two rows, goes on here; its cells are appended to the task above;
- blank rows, a repeated header and the row of column numbers, which are skipped.

Text after the table (signatures, "Nơi nhận") in the same sheet is left out: after two
blank rows, a row that would only continue a task ends the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_desktop.importing.celltext import append, tidy
from cchc_desktop.importing.grid import RawTable
from cchc_desktop.importing.headers import (
    CONTENT, DEADLINE, IGNORE, LEAD, NOTE, OUTPUT, STT, SUPPORTING, Header, is_column_numbers,
)
from cchc_desktop.progress import steps
from cchc_desktop.textnorm import clean

TASK, AREA = "task", "area"
UNGROUPED_TITLE = "Nhiệm vụ chưa phân nhóm"
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_AREA_LABEL = re.compile(
    r"^(?:(?:PHẦN|Phần|NHÓM|Nhóm)\s+)?([IVXLCDM]{1,7}|[A-Z])\s*(?:[.:)/\-–—]+|\s(?=[^\W\d_]))\s*(\S.*)$"
)
_NUMERAL_ONLY = re.compile(r"^([IVXLCDM]{1,7}|[A-Z])\s*[.:)/\-–—]?$")
_STT_NUMBER = re.compile(r"^(\d{1,6})\s*[.)]?$")
_TASK_FIELDS = (CONTENT, LEAD, SUPPORTING, OUTPUT, DEADLINE, NOTE)


@dataclass
class PreviewArea:
    label: str  # as written in the file; empty for the area made up for ungrouped tasks
    numeral: str
    title: str
    source_row: int | None
    task_count: int = 0


@dataclass
class PreviewRow:
    kind: str  # TASK or AREA
    source_row: int  # row number in the file, as the user sees it
    area_index: int
    stt_text: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # content, lead, … note
    continued_rows: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # doubts found while reading
    warnings: list[str] = field(default_factory=list)  # notes + checks of the result
    deadline_reading: str = ""

    def text(self, name: str) -> str:
        return self.cells.get(name, "")


def stt_number(text: str) -> int | None:
    match = _STT_NUMBER.match(text.strip())
    return int(match[1]) if match else None


def is_roman(text: str) -> bool:
    return bool(text) and bool(_ROMAN.match(text))


def parse_rows(table: RawTable, header: Header, fields: tuple[str, ...]) -> tuple[list[PreviewArea], list[PreviewRow]]:
    reader = _BodyReader(table, header, fields)
    for index in steps(range(header.body_start, len(table.rows))):
        if not reader.feed(index):
            break
    reader.note_ungrouped()
    return reader.areas, reader.rows


class _BodyReader:
    def __init__(self, table: RawTable, header: Header, fields: tuple[str, ...]):
        self.table, self.header, self.fields = table, header, fields
        self.stt_column = fields.index(STT) if STT in fields else None
        self.numbered = self._is_numbered()
        self.areas: list[PreviewArea] = []
        self.rows: list[PreviewRow] = []
        self.current: PreviewRow | None = None
        self.last_stt = 0
        self.area_just_started = False
        self.blank_run = 0

    def _is_numbered(self) -> bool:
        if self.stt_column is None:
            return False
        body = self.table.rows[self.header.body_start:]
        return any(stt_number(row[self.stt_column]) is not None for row in body)

    def feed(self, index: int) -> bool:
        """Read one row; False once the table has ended."""
        row = self.table.rows[index]
        if not any(text.strip() for text in row):
            self.blank_run += 1
            return True
        if is_column_numbers(row) or self.header.is_header_row(row):
            return True
        cells = self._cells(row)
        values = {field: text for _column, field, text in cells}
        # Text typed in this row, as opposed to copies of a cell merged down from above.
        typed = {field: text for column, field, text in cells
                 if text.strip() and (index, column) not in self.table.spilled}
        source_row = self.table.row_numbers[index]
        area = area_of_row(row, values)
        if area:
            self._add_area(source_row, *area)
        elif not typed:
            return True  # only merged-down copies, or text in ignored columns
        elif values.get(STT) or not self.numbered or self.current is None:
            self._add_task(source_row, values)
        elif self.blank_run >= 2:
            return False
        else:
            self._continue_task(source_row, typed)
        self.blank_run = 0
        return True

    def _cells(self, row: list[str]) -> list[tuple[int, str, str]]:
        """(column, field, text) of the row's mapped columns; the Stt tidied."""
        cells = []
        for column, field in enumerate(self.fields):
            if field != IGNORE and column < len(row):
                cells.append((column, field, clean(row[column]) if field == STT else row[column]))
        return cells

    def _add_area(self, source_row: int, numeral: str, title: str, label: str) -> None:
        self.areas.append(PreviewArea(label, numeral, title, source_row))
        self.rows.append(PreviewRow(AREA, source_row, len(self.areas) - 1, numeral, {CONTENT: label}))
        if not numeral:
            self.rows[-1].notes.append("Hiểu dòng này là tên một nhóm nhiệm vụ (không có số La Mã): hãy kiểm tra.")
        self.current = None
        self.area_just_started = True

    def _add_task(self, source_row: int, values: dict[str, str]) -> None:
        if not self.areas:
            self.areas.append(PreviewArea("", "", UNGROUPED_TITLE, None))
        stt = values.get(STT, "")
        notes = self._stt_notes(stt)
        cells = {field: tidy(values.get(field, ""), field) for field in _TASK_FIELDS}
        task = PreviewRow(TASK, source_row, len(self.areas) - 1, stt, cells, notes=notes)
        self.rows.append(task)
        self.areas[-1].task_count += 1
        self.current = task
        self.area_just_started = False

    def _stt_notes(self, stt: str) -> list[str]:
        number = stt_number(stt)
        if number is None:
            return [f"Stt “{stt}” không phải là số."] if stt else []
        expected, restarted = self.last_stt + 1, number == 1 and self.area_just_started
        self.last_stt = number
        if number == expected or restarted:
            return []
        if expected == 1:
            return [f"Stt bắt đầu từ {number}, không phải từ 1."]
        return [f"Stt {number} không liền sau {expected - 1} (khi nhập sẽ đánh lại số)."]

    def note_ungrouped(self) -> None:
        """Tasks above the first area row of a table that has areas: say where they go."""
        if len(self.areas) > 1 and self.areas[0].source_row is None:
            first = next(row for row in self.rows if row.kind == TASK)
            first.notes.insert(0, f"Nhiệm vụ đứng trước nhóm đầu tiên: đưa vào nhóm “{UNGROUPED_TITLE}”.")

    def _continue_task(self, source_row: int, typed: dict[str, str]) -> None:
        task = self.current
        for name, text in typed.items():
            if name in _TASK_FIELDS:
                task.cells[name] = append(task.cells.get(name, ""), tidy(text, name), name)
        task.continued_rows.append(source_row)
        task.notes.append(f"Dòng {source_row} không có Stt: hiểu là phần tiếp theo của nhiệm vụ này.")


# Area rows -------------------------------------------------------------------

def area_of_row(row: list[str], values: dict[str, str]) -> tuple[str, str, str] | None:
    """(numeral, title, label as written) when the row names an area, else None."""
    if any(values.get(name, "").strip() for name in (LEAD, SUPPORTING, OUTPUT, DEADLINE)):
        return None
    texts = list(dict.fromkeys(clean(text) for text in row if text.strip()))
    stt, content = values.get(STT, ""), clean(values.get(CONTENT, ""))
    numeral_only = _NUMERAL_ONLY.match(stt)
    if numeral_only and _is_area_numeral(numeral_only[1]) and content and len(texts) == 2:
        return numeral_only[1], content, f"{stt} {content}"
    if len(texts) != 1:
        return None
    return _labelled_area(texts[0], stt)


def _labelled_area(text: str, stt: str) -> tuple[str, str, str] | None:
    match = _AREA_LABEL.match(text)
    if match and _is_area_numeral(match[1]) and (match[2][0].isupper() or not match[2][0].isalpha()):
        return match[1], match[2].strip(), text
    words = text.split()
    letters = [ch for ch in text if ch.isalpha()]
    if stt_number(stt) is None and len(words) >= 2 and letters and all(ch.isupper() for ch in letters):
        return "", text, text  # "CẢI CÁCH THỂ CHẾ" alone on its row
    return None


def _is_area_numeral(numeral: str) -> bool:
    return is_roman(numeral) or (len(numeral) == 1 and numeral.isalpha())
