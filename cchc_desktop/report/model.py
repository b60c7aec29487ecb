"""The periodic report as plain data: what every exporter prints, and what is frozen
when the report is sent.

Only text, numbers and tuples live here (no dates, no database ids that could
change meaning), so a document survives a round trip through JSON unchanged: a sent
report is stored that way and printed again, years later, exactly as it was sent.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from typing import get_args, get_origin, get_type_hints

from cchc_desktop.export.appendix_data import area_label
from cchc_desktop.status import CLASSES, DONE_LATE, DONE_ON_TIME, OPEN_ON_TIME, OPEN_OVERDUE

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class ClassCounts:
    """How many tasks of a group fall in each status class, in ``status.CLASSES`` order."""

    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, cls: str) -> int:
        return self.counts[CLASSES.index(cls)]

    def share(self, cls: str) -> float:
        """The class's part of the group (0 to 1); 0 for an empty group."""
        return self.count(cls) / self.total if self.total else 0.0

    @property
    def completed(self) -> int:
        return self.count(DONE_ON_TIME) + self.count(DONE_LATE)

    @property
    def unfinished(self) -> int:
        return self.count(OPEN_ON_TIME) + self.count(OPEN_OVERDUE)

    @property
    def completed_share(self) -> float:
        return self.completed / self.total if self.total else 0.0


@dataclass(frozen=True)
class TaskStatusRow:
    """One task in the report's appendix, as it stood at the end of the data window."""

    stt: int
    content: str
    lead: str
    deadline: str
    cls: str
    status: str
    note: str

    def texts(self) -> tuple[str, ...]:
        return (str(self.stt), self.content, self.lead, self.deadline, self.status, self.note)


@dataclass(frozen=True)
class AreaReport:
    """An area (nhóm nhiệm vụ) of the plan: its counts and its tasks in Stt order."""

    key: str
    numeral: str
    title: str
    counts: ClassCounts
    tasks: tuple[TaskStatusRow, ...]

    @property
    def label(self) -> str:
        """``I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH``, as the plan's appendix prints it."""
        return area_label(self.numeral, self.title)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator: its target against the actual value entered for the period."""

    position: int
    text: str
    target: str
    actual: float | None
    actual_text: str
    unit: str
    verdict: str
    note: str


@dataclass(frozen=True)
class Section:
    """A part of the narrative. ``level`` 1 is numbered I, II…; 2 is numbered 1, 2…;
    0 has no heading (the opening and closing paragraphs). ``table`` names the table
    printed after the paragraphs ("counts", "indicators" or "")."""

    key: str
    heading: str
    level: int
    paragraphs: tuple[str, ...]
    table: str = ""
    custom: bool = False


@dataclass(frozen=True)
class Header:
    """The two-column head of page 1 (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

    parent_body: str
    issuing_body: tuple[str, ...]
    number: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    authority: str
    title: str
    name: str


@dataclass(frozen=True)
class StatusAppendix:
    """Heading and column headers of the appendix table of task statuses."""

    heading: str
    title: str
    attachment: str
    headers: tuple[str, ...]


@dataclass(frozen=True)
class ReportDocument:
    period: str
    year: int
    unit_name: str
    header: Header
    doc_type: str
    subject: str
    window_start: str
    window_end: str
    window_line: str
    recipient_line: str
    overall: ClassCounts
    areas: tuple[AreaReport, ...]
    indicators: tuple[IndicatorRow, ...]
    sections: tuple[Section, ...]
    recipients: tuple[str, ...]
    signature: Signature
    appendix: StatusAppendix
    is_draft: bool

    @property
    def tasks(self) -> tuple[TaskStatusRow, ...]:
        return tuple(task for area in self.areas for task in area.tasks)

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    def to_json(self) -> str:
        snapshot = {"format": SNAPSHOT_FORMAT, "document": dataclasses.asdict(self)}
        return json.dumps(snapshot, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReportDocument:
        return _revive(cls, snapshot_values(text))


def snapshot_values(text: str) -> dict:
    """A sent report's snapshot as plain values (field name -> JSON value): what
    ``from_json`` revives, for a reader that needs only a few fields."""
    snapshot = json.loads(text)
    if snapshot.get("format") != SNAPSHOT_FORMAT:
        raise ValueError(f"unknown report snapshot format {snapshot.get('format')!r}")
    return snapshot["document"]


@functools.cache
def _field_kinds(kind) -> tuple[tuple[str, object], ...]:
    """(name, type) of each field of a dataclass: looked up once per class, not once per
    value (a snapshot of 10,000 tasks revives 10,000 rows: 0.5 s when looked up each time)."""
    hints = get_type_hints(kind)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(kind))


def _revive(kind, value):
    """Rebuild a value of type ``kind`` from what ``dataclasses.asdict`` and JSON made of it."""
    if dataclasses.is_dataclass(kind):
        return kind(**{name: _revive(hint, value[name]) for name, hint in _field_kinds(kind)})
    if get_origin(kind) is tuple:
        item_kind = get_args(kind)[0]
        return tuple(_revive(item_kind, item) for item in value)
    return value


__all__ = [
    "AreaReport", "ClassCounts", "Header", "IndicatorRow", "ReportDocument", "Section",
    "Signature", "StatusAppendix", "TaskStatusRow",
]
