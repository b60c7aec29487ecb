"""Cell text as the program stores it: line breaks kept only where they mean something.

A line break inside a cell is usually where the author pressed Enter to make the
column look right ("Công chức" / "Văn phòng" / "– Thống kê"): those lines are joined
with a space. Only a real list (two or more lines starting with "-", "+", "•", "1.",
"a)" …) keeps its items: one per line in the task text; in the lead, supporting and
output columns, which hold one line, the items are separated by ";" (the separator
the directory splits parties on).
"""

from __future__ import annotations

import re

from cchc_desktop.importing.headers import CONTENT, LEAD, OUTPUT, SUPPORTING
from cchc_desktop.textnorm import clean

LIST_MARK = re.compile(r"^(?:[-–—+•*·]\s*|\d{1,2}[.)]\s+|[a-zđ]\)\s*)")
# One-line fields where a list in a cell becomes items separated by ";".
ITEM_FIELDS = (LEAD, SUPPORTING, OUTPUT)


def tidy(text: str, field: str) -> str:
    """Cleaned cell text for ``field`` (see the module docstring)."""
    lines = [clean(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    if sum(1 for line in lines if LIST_MARK.match(line)) < 2:
        return " ".join(lines)
    return _join_items(_items(lines), field)


def _items(lines: list[str]) -> list[str]:
    """Group lines into list items: an unmarked line continues the item above it."""
    items: list[str] = []
    for line in lines:
        if items and not LIST_MARK.match(line):
            items[-1] += " " + line
        else:
            items.append(line)
    return items


def _join_items(items: list[str], field: str) -> str:
    if field == CONTENT:
        return "\n".join(items)
    if field in ITEM_FIELDS:
        return "; ".join(LIST_MARK.sub("", item) for item in items)
    return " ".join(items)


def append(existing: str, more: str, field: str) -> str:
    """Text of a row that continues a task (after a page break), added to the task's cell.

    Joined with a space: the break fell mid-sentence ("… đánh giá rút" / "kinh nghiệm
    về CCHC"), or mid-name ("Công chức Văn phòng" / "– Thống kê"). Only a task text
    that goes on with a new list item starts a new line.
    """
    if not existing or not more:
        return existing or more
    if field == CONTENT and LIST_MARK.match(more) and LIST_MARK.match(existing.split("\n")[-1]):
        return f"{existing}\n{more}"
    return f"{existing} {more}"
