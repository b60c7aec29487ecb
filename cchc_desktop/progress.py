"""Progress and cancellation for long operations, without threading them through
every signature.

The GUI runs a long job in a worker thread inside ``reporting(callback)``; loops deep
in the core call ``step(done, total)``. The callback may raise :class:`Cancelled`,
which unwinds the job like any error: atomic writers remove their temporary file,
transactions roll back. Outside ``reporting`` (CLI, tests) ``step`` does nothing.

A job of several stages (read, then build, then write) gives each stage its share of
the one bar with ``portion``, so the bar moves once from start to end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from cchc_desktop.errors import CchcError

ProgressCallback = Callable[[int, int], None]
_callback: ContextVar[ProgressCallback | None] = ContextVar("cchc_progress", default=None)
SCALE = 1000  # a portion reports thousandths of the whole job


class Cancelled(CchcError):
    def __init__(self) -> None:
        super().__init__("Đã hủy theo yêu cầu. Không có tệp hay dữ liệu nào bị ghi dở.")


@contextmanager
def reporting(callback: ProgressCallback) -> Iterator[None]:
    token = _callback.set(callback)
    try:
        yield
    finally:
        _callback.reset(token)


def step(done: int, total: int) -> None:
    """Say how far the current job is; raises Cancelled when the user asked to stop.

    ``total`` 0 (or less) means "not known yet": the step still lets the user cancel."""
    callback = _callback.get()
    if callback is not None:
        callback(done, total)


def steps(items, every: int = 200):
    """Iterate ``items`` (a sized collection), reporting progress every ``every`` items."""
    total = len(items)
    for index, item in enumerate(items):
        if index % every == 0:
            step(index, total)
        yield item
    step(total, total)


@contextmanager
def portion(first: float, last: float) -> Iterator[None]:
    """The steps inside are the part ``first``..``last`` (fractions of 1) of the whole job."""
    outer = _callback.get()
    if outer is None:
        yield
        return

    def scaled(done: int, total: int) -> None:
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        outer(round((first + (last - first) * fraction) * SCALE), SCALE)

    with reporting(scaled):
        yield
