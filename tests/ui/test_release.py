"""Large structures let go of a slice per turn of the event loop, not all at once."""

from __future__ import annotations

import weakref

from PySide6.QtCore import QCoreApplication

from ui.release import SLICE, SlicedRelease


class Row:
    """Stands for a row change or an appendix row: something a weak reference can watch."""


def _alive(refs) -> int:
    return sum(ref() is not None for ref in refs)


def test_a_large_list_is_freed_over_several_turns(qtbot):
    release = SlicedRelease()
    rows = [Row() for _ in range(3 * SLICE + 5)]
    refs = [weakref.ref(row) for row in rows]
    release.release(rows)
    del rows
    assert _alive(refs) == len(refs) and release.pending == len(refs)  # nothing freed yet
    QCoreApplication.processEvents()
    assert 0 < _alive(refs) < len(refs)  # a slice at a time
    qtbot.waitUntil(lambda: _alive(refs) == 0)
    assert release.pending == 0


def test_a_small_list_is_dropped_at_once(qtbot):
    release = SlicedRelease()
    rows = [Row() for _ in range(SLICE - 1)]
    refs = [weakref.ref(row) for row in rows]
    release.release(rows)
    del rows
    assert _alive(refs) == 0 and release.pending == 0


def test_several_collections_join_the_same_queue(qtbot):
    """The undo history comes as many changes, each with its rows: together they are large."""
    release = SlicedRelease()
    changes = [tuple(Row() for _ in range(SLICE // 2)) for _ in range(4)]
    refs = [weakref.ref(row) for change in changes for row in change]
    release.release(*changes)
    del changes
    assert release.pending == _alive(refs) == 2 * SLICE  # each is small, not all of them
    qtbot.waitUntil(lambda: _alive(refs) == 0)
