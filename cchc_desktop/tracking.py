"""Where each task stands at a date: its deadline understood, its completion, its class.

This joins the stored tasks and progress log with :mod:`deadlines` and :mod:`status`;
the CLI, the window and the reports all read task standing from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from cchc_desktop import repo
from cchc_desktop.deadlines import Deadline, describe, parse
from cchc_desktop.models import ProgressUpdate, Task
from cchc_desktop.periods import ReportSchedule, window
from cchc_desktop.progress import steps
from cchc_desktop.sqlite_db import Database
from cchc_desktop.status import OPEN_OVERDUE, UNSPECIFIED, TaskStatus, classify

DEFAULT_DUE_SOON_DAYS = 14

# Deadline texts repeat across a plan ("Trong năm 2024" dozens of times) and a
# Deadline is immutable: parse each (text, year) once per session.
parse_deadline = lru_cache(maxsize=16384)(parse)


@dataclass(frozen=True)
class TaskTracking:
    task: Task
    deadline: Deadline
    completed_on: date | None
    done_dates: tuple[date, ...]  # records saying "Hoàn thành", up to the date judged
    status: TaskStatus

    @property
    def due_dates(self) -> tuple[date, ...]:
        """The dates the task is judged against: a hand-set date wins over the text."""
        return (self.task.manual_due,) if self.task.manual_due else self.deadline.dates

    @property
    def interpretation(self) -> str:
        if self.task.manual_due:
            return f"{self.task.manual_due:%d/%m/%Y} (đặt tay)"
        return describe(self.deadline)

    @property
    def needs_review(self) -> bool:
        return self.deadline.needs_review and not self.task.manual_due

    @property
    def done_without_deadline(self) -> bool:
        """Done ("Hoàn thành", and not reopened since) with no due date to judge it by: it
        stays out of the four official classes, but an area's progress counts it as done."""
        return self.status.cls == UNSPECIFIED and self.completed_on is not None


@dataclass(frozen=True)
class Upcoming:
    tracking: TaskTracking
    due: date
    overdue: bool

    def days_left(self, at: date) -> int:
        return (self.due - at).days


def completion_date(updates: Sequence[ProgressUpdate], at: date) -> date | None:
    """The day the task became done and stayed done, judging the log up to ``at``."""
    done_since = None
    for update in sorted(updates, key=lambda u: u.on_date):
        if update.on_date > at:
            break
        if update.status != "done":
            done_since = None
        elif done_since is None:
            done_since = update.on_date
    return done_since


def track(task: Task, plan_year: int, updates: Sequence[ProgressUpdate], at: date,
          window_start: date | None = None) -> TaskTracking:
    deadline = parse_deadline(task.deadline_text, plan_year)
    completed_on = completion_date(updates, at)
    progress_dates = tuple(u.on_date for u in updates if u.on_date <= at)
    done_dates = tuple(u.on_date for u in updates if u.on_date <= at and u.status == "done")
    # A continuous task shows progress by any record; an occurrence of a recurring or
    # multi-date task is done only by a record that says "Hoàn thành".
    continuous = deadline.kind == "continuous" and task.manual_due is None
    status = classify(
        deadline, completed_on, at,
        updates=progress_dates if continuous else done_dates,
        window_start=window_start, manual_due=task.manual_due,
    )
    return TaskTracking(task, deadline, completed_on, done_dates, status)


def track_plan(db: Database, plan_id: int, at: date, window_start: date | None = None) -> list[TaskTracking]:
    """Every task of the plan, in Stt order, as it stands at ``at``."""
    plan_year = repo.get_plan(db, plan_id).year
    progress = repo.progress_by_task(db, plan_id)
    return [
        track(task, plan_year, progress.get(task.id, ()), at, window_start)
        for task in steps(repo.list_tasks(db, plan_id), every=500)  # a big plan's opening can be cancelled
    ]


def plan_schedule(db: Database, plan_id: int) -> ReportSchedule:
    return ReportSchedule.from_dict(repo.get_plan(db, plan_id).report_schedule)


def track_period(db: Database, plan_id: int, period: str) -> tuple[tuple[date, date], list[TaskTracking]]:
    """The plan's data window for ``period`` and every task as it stood at its end."""
    year = repo.get_plan(db, plan_id).year
    start, end = window(period, year, plan_schedule(db, plan_id))
    return (start, end), track_plan(db, plan_id, end, window_start=start)


def upcoming(trackings: Sequence[TaskTracking], at: date, days: int = DEFAULT_DUE_SOON_DAYS) -> list[Upcoming]:
    """Tasks overdue at ``at`` or falling due within ``days`` days, soonest first."""
    found = [item for item in (_upcoming_one(t, at, days) for t in trackings) if item]
    return sorted(found, key=lambda item: (item.due, item.tracking.task.stt))


def _upcoming_one(tracking: TaskTracking, at: date, days: int) -> Upcoming | None:
    if tracking.status.cls == OPEN_OVERDUE and tracking.status.due:
        return Upcoming(tracking, tracking.status.due, overdue=True)
    next_due = next((d for d in tracking.due_dates if d >= at), None)
    if next_due is None or next_due > at + timedelta(days=days):
        return None
    if _occurrence_done(tracking, next_due):
        return None
    return Upcoming(tracking, next_due, overdue=False)


def _occurrence_done(tracking: TaskTracking, due: date) -> bool:
    """Is the occurrence due on ``due`` already done?

    A one-date task is done when it is completed. For several dates, a record made
    after the previous due date counts for this occurrence (as :mod:`status` judges).
    """
    if len(tracking.due_dates) <= 1:
        return tracking.completed_on is not None
    previous_due = max((d for d in tracking.due_dates if d < due), default=date.min)
    records = (*tracking.done_dates, *filter(None, [tracking.completed_on]))
    return any(previous_due < d for d in records)
