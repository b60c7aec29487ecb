"""Finding the header of an appendix table and what each column holds.

Headers are compared folded (lower case, no diacritics), so "CƠ QUAN CHỦ TRÌ",
"Cơ quan chủ trì" and "Co quan chu tri" are the same. A header may take two rows, a
group title over the columns it covers ("Cơ quan, đơn vị" over "Chủ trì" and "Phối
hợp"): the lower row names the column when it is recognised, the upper one otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_desktop.importing.grid import RawTable
from cchc_desktop.textnorm import fold

STT, CONTENT, LEAD, SUPPORTING, OUTPUT, DEADLINE, NOTE, IGNORE = (
    "stt", "content", "lead", "supporting", "output", "deadline_text", "note", "ignore",
)
TASK_FIELDS = (CONTENT, LEAD, SUPPORTING, OUTPUT, DEADLINE)
FIELDS = (STT, CONTENT, LEAD, SUPPORTING, OUTPUT, DEADLINE, NOTE, IGNORE)
FIELD_LABELS = {
    STT: "Stt", CONTENT: "Nhiệm vụ", LEAD: "Chủ trì", SUPPORTING: "Phối hợp", OUTPUT: "Sản phẩm",
    DEADLINE: "Thời gian hoàn thành", NOTE: "Ghi chú (không lưu)", IGNORE: "Bỏ qua",
}
# The order of the six columns in the standard appendix (Nghị định 30/2020 layout).
STANDARD_ORDER = (STT, CONTENT, LEAD, SUPPORTING, OUTPUT, DEADLINE)

_STT_NAMES = {"stt", "tt", "so tt", "s tt", "so thu tu", "thu tu"}
# Checked in this order: "Cơ quan chủ trì thực hiện nhiệm vụ" is a lead column even
# though it says "nhiệm vụ".
_PHRASES = (
    (NOTE, ("ghi chu",)),
    (LEAD, ("chu tri",)),
    (SUPPORTING, ("phoi hop",)),
    (DEADLINE, ("thoi gian", "thoi han", "tien do", "hoan thanh", "moc thoi gian")),
    (OUTPUT, ("san pham", "ket qua", "hinh thuc van ban", "hinh thuc")),
    (CONTENT, ("nhiem vu", "noi dung", "cong viec", "giai phap", "hoat dong")),
    (IGNORE, ("bat dau",)),
)
MAX_HEADER_WORDS = 8  # a header cell is short; a task that says "phối hợp" is not a header
HEADER_SCAN_ROWS = 30
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")


@lru_cache(maxsize=4096)  # the same leads and deadlines come back on every row
def recognise(text: str) -> str | None:
    """The field a header cell names, or None."""
    if not text.strip() or len(text.split()) > 2 * MAX_HEADER_WORDS:
        return None
    key = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    if not key or len(key.split()) > MAX_HEADER_WORDS:
        return None
    if key in _STT_NAMES:
        return STT
    padded = f" {key} "
    for field, phrases in _PHRASES:
        if any(f" {phrase} " in padded for phrase in phrases):
            return field
    return None


@dataclass(frozen=True)
class Header:
    """Where a table's header is and the field of each column, as detected."""

    first_row: int
    body_start: int  # index of the first row after the header (and a column-number row)
    fields: tuple[str, ...]
    titles: tuple[str, ...]  # the header text of each column, as written
    score: int  # distinct fields recognised: how much this looks like an appendix
    assumed: bool = False  # no header found; the standard column order was assumed

    def is_header_row(self, row: list[str]) -> bool:
        """A header row repeated further down (a page's header copied by hand)."""
        texts = [text for text in row if text.strip()]
        if not texts or texts[0].strip().rstrip(".").isdigit():
            return False  # a numbered task
        found = [recognise(text) for text in texts]
        return len(found) >= 2 and sum(1 for f in found if f and f != IGNORE) >= len(found) - 1 \
            and _score(found) >= min(self.score, 3)


def find_header(table: RawTable) -> Header | None:
    """The most appendix-like header in the first rows of ``table``, or None."""
    best: Header | None = None
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        fields = [recognise(text) for text in row]
        score = _score(fields)
        if CONTENT not in fields or score < 2 or (best and score <= best.score):
            continue
        best = _header_at(table, index)
    return best or _assumed_header(table)


def _score(fields) -> int:
    return len({field for field in fields if field and field not in (NOTE, IGNORE)})


def _header_at(table: RawTable, index: int) -> Header:
    rows = [table.rows[index]]
    if index + 1 < len(table.rows) and _continues_header(table.rows[index], table.rows[index + 1]):
        rows.append(table.rows[index + 1])
    fields, titles = _column_fields(rows)
    body_start = index + len(rows)
    if body_start < len(table.rows) and is_column_numbers(table.rows[body_start]):
        body_start += 1
    return Header(index, body_start, fields, titles, _score(fields))


def _continues_header(upper: list[str], lower: list[str]) -> bool:
    """The lower row names columns that the upper one leaves blank or only groups
    ("Cơ quan, đơn vị" over "Chủ trì" and "Phối hợp"); every other text in it repeats
    the upper row (a cell merged down) or is a column number."""
    new = False
    for above, below in zip(upper, lower):
        field, field_above = recognise(below), recognise(above)
        if not below.strip() or _COLUMN_NUMBER.match(below.strip()) or field == field_above:
            continue
        if field is None or field_above not in (None, IGNORE):
            return False
        new = True
    return new


def _column_fields(rows: list[list[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One field per column; when two columns claim a field, the one named by its own
    (lowest) header cell keeps it, then the leftmost."""
    width = len(rows[0])
    claims: list[tuple[str, int]] = []
    titles = []
    for column in range(width):
        texts = [row[column].strip() for row in rows]
        titles.append(" / ".join(dict.fromkeys(text for text in texts if text)))
        claims.append(_claim(texts))
    owner: dict[str, int] = {}
    for column in sorted(range(width), key=lambda c: (-claims[c][1], c)):
        field = claims[column][0]
        if field not in (IGNORE, NOTE) and field not in owner:
            owner[field] = column
    fields = tuple(claims[c][0] if claims[c][0] in (IGNORE, NOTE) or owner.get(claims[c][0]) == c else IGNORE
                   for c in range(width))
    return fields, tuple(titles)


def _claim(texts: list[str]) -> tuple[str, int]:
    """(field, strength): the lowest recognised header cell of a column wins."""
    for depth in range(len(texts) - 1, -1, -1):
        field = recognise(texts[depth])
        if field:
            return field, depth + 1
    return IGNORE, 0


def is_column_numbers(row: list[str]) -> bool:
    """A row of column numbers under the header: "1 2 3 4 5 6" or "(1) (2) …"."""
    texts = [text.strip() for text in row if text.strip()]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(text) for text in texts)


def _assumed_header(table: RawTable) -> Header | None:
    """No header, but six or seven columns and numbered rows: the standard layout."""
    if table.width not in (6, 7):
        return None
    numbered = sum(1 for row in table.rows if row[0].strip().rstrip(".").isdigit())
    if numbered < 1:
        return None
    fields = STANDARD_ORDER + ((NOTE,) if table.width == 7 else ())
    return Header(0, 0, fields, ("",) * table.width, 1, assumed=True)
