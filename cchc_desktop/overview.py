"""The plan at a glance on a given day: the plain numbers behind the "Tổng quan" tab.

Counts per status class (the four official ones, plus continuous and unspecified),
done/total per area, the overdue tasks, the tasks falling due soon, and the continuous
tasks with no progress recorded lately. Build first, render second: the window only
draws what this returns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from cchc_desktop import repo
from cchc_desktop.models import Area
from cchc_desktop.sqlite_db import Database
from cchc_desktop.status import CONTINUOUS, DONE_LATE, DONE_ON_TIME, count_classes
from cchc_desktop.tracking import DEFAULT_DUE_SOON_DAYS, TaskTracking, Upcoming, track_plan, upcoming

DONE_CLASSES = (DONE_ON_TIME, DONE_LATE)
NO_PROGRESS_DAYS = 30


@dataclass(frozen=True)
class AreaProgress:
    area: Area
    done: int
    total: int

    @property
    def label(self) -> str:
        """ "I. Công tác chỉ đạo, điều hành: 3/8"."""
        return f"{self.area.numeral}. {self.area.title}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        """Whole per cent, a half rounded up as people do (1 of 8 is 13%, not Python's 12%)."""
        return math.floor(Fraction(100 * self.done, self.total) + Fraction(1, 2)) if self.total else 0


@dataclass(frozen=True)
class Overview:
    at: date
    counts: dict[str, int]  # every status class, zero-filled, and "total"
    areas: tuple[AreaProgress, ...]
    overdue: tuple[Upcoming, ...]
    due_soon: tuple[Upcoming, ...]
    stale_continuous: tuple[TaskTracking, ...]  # continuous, nothing recorded lately
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    no_progress_days: int = NO_PROGRESS_DAYS

    @property
    def total(self) -> int:
        return self.counts["total"]

    def share(self, cls: str) -> float:
        """The class's share of all tasks, 0-100."""
        return 100 * self.counts[cls] / self.total if self.total else 0.0


def build_overview(db: Database, plan_id: int, at: date,
                   due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
                   no_progress_days: int = NO_PROGRESS_DAYS) -> Overview:
    trackings = track_plan(db, plan_id, at, window_start=at - timedelta(days=no_progress_days))
    listed = upcoming(trackings, at, due_soon_days)
    return Overview(
        at=at,
        counts=count_classes(t.status for t in trackings),
        areas=area_progress(repo.list_areas(db, plan_id), trackings),
        overdue=tuple(item for item in listed if item.overdue),
        due_soon=tuple(item for item in listed if not item.overdue),
        stale_continuous=tuple(
            t for t in trackings if t.status.cls == CONTINUOUS and t.status.flag_no_progress
        ),
        due_soon_days=due_soon_days,
        no_progress_days=no_progress_days,
    )


def area_progress(areas: Sequence[Area], trackings: Sequence[TaskTracking]) -> tuple[AreaProgress, ...]:
    """Done (on time, late, or with no deadline to judge) out of all tasks, per area, in
    the areas' order."""
    done = dict.fromkeys((a.id for a in areas), 0)
    total = dict.fromkeys((a.id for a in areas), 0)
    for tracking in trackings:
        area_id = tracking.task.area_id
        if area_id in total:
            total[area_id] += 1
            done[area_id] += tracking.status.cls in DONE_CLASSES or tracking.done_without_deadline
    return tuple(AreaProgress(a, done[a.id], total[a.id]) for a in areas)

