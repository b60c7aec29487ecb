"""Task status as of a date: the four official classes plus two of our own.

Upward reports count tasks as hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành
trong hạn and chưa hoàn thành quá hạn. Tasks that never fall due ("Thường xuyên") and
tasks without a usable deadline get their own classes so that they are never counted
as late by accident.

A task with several due dates (recurring, or "Quý I, II, III và cả năm") is judged
per occurrence: the occurrence due on D, following the one due on P, is done on time
by a progress record in (P, D], done late by one after D; the task takes the class of
its worst occurrence so far.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .deadlines import Deadline

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN_ON_TIME = "open_on_time"
OPEN_OVERDUE = "open_overdue"
CONTINUOUS = "continuous"
UNSPECIFIED = "unspecified"

CLASSES = (DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME, OPEN_OVERDUE, CONTINUOUS, UNSPECIFIED)
LABELS = {
    DONE_ON_TIME: "Hoàn thành đúng hạn",
    DONE_LATE: "Hoàn thành quá hạn",
    OPEN_ON_TIME: "Chưa hoàn thành trong hạn",
    OPEN_OVERDUE: "Chưa hoàn thành quá hạn",
    CONTINUOUS: "Thường xuyên",
    UNSPECIFIED: "Chưa xác định thời hạn",
}
# Worst first wins: open_overdue > done_late > open_on_time > done_on_time.
_SEVERITY = {DONE_ON_TIME: 0, OPEN_ON_TIME: 1, DONE_LATE: 2, OPEN_OVERDUE: 3}


@dataclass(frozen=True)
class TaskStatus:
    cls: str
    due: date | None = None
    label: str = field(init=False)
    flag_no_progress: bool = False
    occurrences: tuple[tuple[date, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", LABELS[self.cls])


def classify(
    deadline: Deadline | None,
    completed_on: date | None,
    at: date,
    *,
    updates: Iterable[date] = (),
    window_start: date | None = None,
    manual_due: date | None = None,
) -> TaskStatus:
    """Status of a task as of ``at``; a completion after ``at`` does not count yet.

    ``manual_due`` is a date the user set by hand: it replaces whatever the deadline
    text says, including "unspecified" and "continuous".
    """
    at = _day(at)
    completed_on = _day(completed_on)
    progress = sorted(d for d in map(_day, updates) if d is not None and d <= at)
    if manual_due is not None:
        return _judge_once(_day(manual_due), completed_on, at)
    if deadline is not None and deadline.kind == "continuous":
        return _judge_continuous(progress, completed_on, at, _day(window_start))
    dates = deadline.dates if deadline is not None else ()
    if not dates:
        return TaskStatus(UNSPECIFIED)
    if len(dates) == 1 and deadline.kind == "date":
        return _judge_once(dates[0], completed_on, at)
    return _judge_occurrences(dates, completed_on, at, progress)


def _judge_once(due: date, completed_on: date | None, at: date) -> TaskStatus:
    if completed_on is not None and completed_on <= at:
        return TaskStatus(DONE_ON_TIME if completed_on <= due else DONE_LATE, due)
    return TaskStatus(OPEN_ON_TIME if due >= at else OPEN_OVERDUE, due)


def _judge_continuous(progress: list[date], completed_on: date | None, at: date,
                      window_start: date | None) -> TaskStatus:
    """Never overdue; flagged when nothing was recorded in [window_start, at]."""
    records = progress + ([completed_on] if completed_on and completed_on <= at else [])
    in_window = [d for d in records if window_start is None or d >= window_start]
    return TaskStatus(CONTINUOUS, flag_no_progress=not in_window)


def _judge_occurrences(dues: tuple[date, ...], completed_on: date | None, at: date,
                       progress: list[date]) -> TaskStatus:
    # A completion date counts as a progress record: it covers every occurrence
    # whose turn had come by then (on time for the current one, late for missed ones).
    if completed_on is not None and completed_on <= at:
        progress = sorted(progress + [completed_on])
    occurrences: list[tuple[date, str]] = []
    previous: date | None = None
    for due in dues:
        if due > at:
            break
        occurrences.append((due, _occurrence_class(previous, due, at, progress)))
        previous = due
    if not occurrences:
        return TaskStatus(OPEN_ON_TIME, dues[0])
    worst = max((cls for _, cls in occurrences), key=_SEVERITY.__getitem__)
    # The due date shown is that of the most recent occurrence in the worst class.
    due = [d for d, cls in occurrences if cls == worst][-1]
    return TaskStatus(worst, due, occurrences=tuple(occurrences))


def _occurrence_class(previous: date | None, due: date, at: date,
                      progress: list[date]) -> str:
    after_previous = [d for d in progress if previous is None or d > previous]
    if any(d <= due for d in after_previous):
        return DONE_ON_TIME
    if after_previous:
        return DONE_LATE
    return OPEN_ON_TIME if due >= at else OPEN_OVERDUE


def count_classes(statuses: Iterable[TaskStatus | str]) -> dict[str, int]:
    """How many tasks per class (all six keys, zero-filled) and "total"."""
    counts = dict.fromkeys(CLASSES, 0)
    for status in statuses:
        cls = status if isinstance(status, str) else status.cls
        if cls not in counts:
            raise ValueError(f"Trạng thái không hợp lệ: {cls!r}")
        counts[cls] += 1
    counts["total"] = sum(counts.values())
    return counts


def _day(value: date | None) -> date | None:
    """datetime values (e.g. from a timestamp) compare as their date."""
    return value.date() if isinstance(value, datetime) else value
