"""Finding tasks: case- and diacritic-insensitive text search, with đ matching d.

Each word of a query must be a whole word of the task ("thu tuc" finds "thủ tục", not
"tiếp tục thực hiện", whose "thực" only starts with "thu"), except the last one, which is
still being typed and may be the start of a word ("thu tu" finds "thủ tục" already). A
query that ends with a space or a punctuation mark has no word being typed.

Texts and queries are kept as *needles*: a task's folded words between single spaces,
with a space at each end (" thu tuc "); a whole word is " thu ", a word's start " tu",
so every test is one substring search.

The GUI's appendix table (through ``TaskIndex``) and ``cchc tasks --search`` use these
same functions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as with_fields
from functools import cached_property
from datetime import date

from cchc_desktop.models import Task
from cchc_desktop.textnorm import fold, fold_words
from cchc_desktop.tracking import TaskTracking

SEARCHED_FIELDS = ("content", "lead", "supporting", "output")


def search_text(text: str) -> str:
    """``text``'s folded words between single spaces, with a space at each end."""
    return f" {' '.join(fold_words(text))} "


def task_search_text(task: Task) -> str:
    """The text a query is matched against: the words of every searched field."""
    return search_text(" ".join(getattr(task, name) for name in SEARCHED_FIELDS))


def query_words(query: str) -> list[str]:
    """The needles of ``query``: " word " for each whole word, " wor" for the last one
    while it is being typed (the query ends inside it)."""
    words = fold_words(query)
    needles = [f" {word} " for word in words]
    if needles and _ends_in_a_word(query):
        needles[-1] = needles[-1][:-1]
    return needles


def _ends_in_a_word(query: str) -> bool:
    last = query[-1]  # a tone mark typed on its own (NFD input) belongs to the word before it
    return last.isalnum() or unicodedata.combining(last) != 0


def matches(search_text: str, words: list[str]) -> bool:
    """Every needle of the query is in the task's searched fields."""
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


class TaskIndex:
    """The tasks of a plan, filtered as a whole at every keystroke of the search box.

    ``matching(wanted)`` gives the positions of the tasks ``wanted.accepts``, in order,
    without asking every task: the folded texts are kept from the start, the other
    filters (area, lead, status, due window) are decided once for each combination, and
    a query is only matched against the result of an earlier, looser query when there
    is one (typing on, "ke" then "ke hoach"; or deleting back, "ke hoach" then "ke hoac"
    starts from "ke hoa"). Tasks without tracking only show when nothing is filtered.
    """

    REMEMBERED = 24  # recent results kept; each is at most one int per task

    def __init__(self, trackings: Sequence[TaskTracking | None], texts: Sequence[str] | None = None):
        self._trackings = list(trackings)
        self._texts = list(texts) if texts is not None else [
            task_search_text(t.task) if t is not None else "" for t in self._trackings]
        self._bases: dict[TaskFilter, tuple[int, ...]] = {}
        self._results: dict[tuple[TaskFilter, frozenset[str]], tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._trackings)

    def replace(self, position: int, tracking: TaskTracking, text: str | None = None) -> None:
        """An edited task: its new text and tracking; earlier results are forgotten."""
        self._trackings[position] = tracking
        self._texts[position] = task_search_text(tracking.task) if text is None else text
        self._bases.clear()
        self._results.clear()

    def matching(self, wanted: TaskFilter) -> tuple[int, ...]:
        if wanted.is_empty():
            return tuple(range(len(self._trackings)))
        key = (with_fields(wanted, text=""), frozenset(wanted.words))
        found = self._results.pop(key, None)
        if found is None:
            found = self._match(*key)
        self._results[key] = found  # most recent last
        if len(self._results) > self.REMEMBERED:
            del self._results[next(iter(self._results))]
        return found

    def _match(self, others: TaskFilter, words: frozenset[str]) -> tuple[int, ...]:
        candidates, known = self._base(others), frozenset()
        for (earlier_others, earlier_words), earlier in self._results.items():
            # Every needle of the earlier query starts a needle of this one (" ke " of
            # " ke ", " hoa" of " hoach"): whatever this query finds, the earlier one found too.
            if earlier_others == others and len(earlier) < len(candidates) \
                    and all(any(new.startswith(old) for new in words) for old in earlier_words):
                candidates, known = earlier, earlier_words
        texts = self._texts
        for word in sorted(words - known, key=len, reverse=True):  # the longest word rules out most
            candidates = [position for position in candidates if word in texts[position]]
        return tuple(candidates)

    def _base(self, others: TaskFilter) -> tuple[int, ...]:
        """The tasks the filters other than the text keep."""
        found = self._bases.get(others)
        if found is None:
            if len(self._bases) > 8:
                self._bases.clear()
            trackings, texts = self._trackings, self._texts
            if others.is_empty():
                found = tuple(position for position, tracking in enumerate(trackings) if tracking is not None)
            else:
                found = tuple(position for position, tracking in enumerate(trackings)
                              if tracking is not None and others.accepts(tracking, texts[position]))
            self._bases[others] = found
        return found
