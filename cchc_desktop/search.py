"""Finding tasks: case- and diacritic-insensitive text search, with đ matching d.

The GUI's filter proxy and ``cchc tasks --search`` use these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date

from cchc_desktop.models import Task
from cchc_desktop.textnorm import fold
from cchc_desktop.tracking import TaskTracking

SEARCHED_FIELDS = ("content", "lead", "supporting", "output")


def task_search_text(task: Task) -> str:
    """The folded text a query is matched against (fields kept apart by a line break,
    so a query never matches across two fields)."""
    return fold(" \u2029 ".join(getattr(task, name) for name in SEARCHED_FIELDS)).replace("\u2029", "\n")


def query_words(query: str) -> list[str]:
    return fold(query).split()


def matches(search_text: str, words: list[str]) -> bool:
    """Every word of the query occurs somewhere in the task's searched fields."""
    return all(word in search_text for word in words)


@dataclass(frozen=True)
class TaskFilter:
    """What the user narrowed the list to; empty fields do not filter."""

    text: str = ""
    area_id: int | None = None
    lead: str = ""
    status_class: str = ""
    due_from: date | None = None
    due_to: date | None = None

    @cached_property
    def words(self) -> list[str]:
        """The folded query, computed once however many tasks are tested."""
        return query_words(self.text)

    @cached_property
    def folded_lead(self) -> str:
        return fold(self.lead)

    def accepts(self, tracking: TaskTracking, search_text: str | None = None) -> bool:
        task = tracking.task
        words = self.words
        if words and not matches(search_text or task_search_text(task), words):
            return False
        if self.area_id is not None and task.area_id != self.area_id:
            return False
        if self.lead and self.folded_lead not in fold(task.lead):
            return False
        if self.status_class and tracking.status.cls != self.status_class:
            return False
        return self._due_in_window(tracking)

    def _due_in_window(self, tracking: TaskTracking) -> bool:
        if self.due_from is None and self.due_to is None:
            return True
        low, high = self.due_from or date.min, self.due_to or date.max
        return any(low <= due <= high for due in tracking.due_dates)

    def is_empty(self) -> bool:
        return self == TaskFilter()
