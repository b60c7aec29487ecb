"""Stt runs through the whole appendix: areas in order, tasks in order within each."""

from __future__ import annotations

from cchc_desktop.changes import RowChange, rows_where, update
from cchc_desktop.sqlite_db import Database


def area_ids_in_order(db: Database, plan_id: int) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT id FROM area WHERE plan_id = ? ORDER BY position, id", [plan_id])]


def task_rows(db: Database, plan_id: int) -> dict[int, dict]:
    return {row["id"]: row for row in rows_where(db, "task", "plan_id = ? ORDER BY stt, id", [plan_id])}


def tasks_by_area(db: Database, plan_id: int, rows: dict[int, dict] | None = None) -> dict[int, list[int]]:
    """Task ids per area, in Stt order; every area present, empty ones too.

    ``rows``: the plan's ``task_rows`` when the caller has read them already (an edit
    that renumbers needs them too; 10,000 rows take a tenth of a second to read)."""
    grouped: dict[int, list[int]] = {area_id: [] for area_id in area_ids_in_order(db, plan_id)}
    for task in (task_rows(db, plan_id) if rows is None else rows).values():
        grouped.setdefault(task["area_id"], []).append(task["id"])
    return grouped


def rows_and_groups(db: Database, plan_id: int) -> tuple[dict[int, dict], dict[int, list[int]]]:
    """The plan's ``task_rows`` and its ``tasks_by_area``, from one read of its tasks."""
    rows = task_rows(db, plan_id)
    return rows, tasks_by_area(db, plan_id, rows)


def renumber(current: dict[int, dict], area_order: list[int], grouped: dict[int, list[int]],
             skip: set[int] = frozenset()) -> list[RowChange]:
    """Updates giving every existing task the Stt and area its place in ``grouped`` says.

    ``skip`` holds ids of tasks inserted by the same change (their rows carry the right
    Stt already).
    """
    changes = []
    stt = 0
    for area_id in area_order:
        for task_id in grouped.get(area_id, []):
            stt += 1
            if task_id in skip:
                continue
            before = current[task_id]
            if before["stt"] != stt or before["area_id"] != area_id:
                changes.append(update("task", before, before | {"stt": stt, "area_id": area_id}))
    return changes


def stt_for(area_order: list[int], grouped: dict[int, list[int]], task_id: int) -> int:
    """The Stt ``task_id`` will have once ``grouped`` is the order."""
    stt = 0
    for area_id in area_order:
        for candidate in grouped.get(area_id, []):
            stt += 1
            if candidate == task_id:
                return stt
    raise KeyError(task_id)
