"""Reading and writing domain records. Callers wrap writes in ``db.atomic()``."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cchc_desktop.directory import link_task_parties
from cchc_desktop.errors import NotFoundError
from cchc_desktop.models import Area, Indicator, Plan, PlanSummary, ProgressUpdate, Task, Unit
from cchc_desktop.sqlite_db import Database

DATE_FIELDS = {"issued_on", "decision_date", "manual_due", "on_date"}
BOOL_FIELDS = {"manual_due_kept"}


@dataclass(frozen=True)
class AppendixGroup:
    """One area of the appendix with its tasks in Stt order."""

    area: Area
    tasks: tuple[Task, ...]


def _to_row(record) -> dict:
    row = dataclasses.asdict(record)
    row.pop("id", None)
    for key, value in row.items():
        if isinstance(value, date):
            row[key] = value.isoformat()
    if "recipients" in row:
        row["recipients"] = json.dumps(list(row["recipients"]), ensure_ascii=False)
    if "report_schedule" in row:
        row["report_schedule"] = json.dumps(row["report_schedule"], ensure_ascii=False)
    return row


@functools.cache
def _record_fields(cls) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """The record's field names, and which of them hold dates and flags (worked out
    once per record type: a plan of 10,000 tasks is read row by row)."""
    names = frozenset(field.name for field in dataclasses.fields(cls))
    return names, tuple(sorted(names & DATE_FIELDS)), tuple(sorted(names & BOOL_FIELDS))


def _from_row(cls, row: dict):
    names, date_fields, bool_fields = _record_fields(cls)
    values = {key: value for key, value in row.items() if key in names}
    for key in date_fields:
        if key in values:
            values[key] = date.fromisoformat(values[key]) if values[key] else None
    for key in bool_fields:
        if key in values:
            values[key] = bool(values[key])
    if "recipients" in values:
        values["recipients"] = tuple(json.loads(values["recipients"] or "[]"))
    if "report_schedule" in values:
        values["report_schedule"] = json.loads(values["report_schedule"] or "{}")
    return cls(**values)


def _insert(db: Database, table: str, record) -> int:
    return db.insert(table, _to_row(record))


def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@functools.cache
def _columns_of(cls, table: str) -> tuple[str, tuple[tuple[int, Callable], ...]]:
    """The select list naming ``table``'s columns in ``cls``'s field order, and which of
    them need converting (position, converter)."""
    names = [field.name for field in dataclasses.fields(cls)]
    select = ", ".join(f"{table}.{name}" for name in names)
    conversions = tuple((index, _date_or_none if name in DATE_FIELDS else bool)
                        for index, name in enumerate(names) if name in DATE_FIELDS | BOOL_FIELDS)
    return select, conversions


def _records(db: Database, cls, table: str, rest: str, params=()) -> list:
    """Records of ``cls`` read straight from rows of ``table`` (``rest``: the joins, the
    WHERE and the ORDER BY). For long lists: a 10,000-task plan is read whole each time
    it is shown or reported on, and the dict-per-row path takes twice as long."""
    select, conversions = _columns_of(cls, table)
    cursor = db.execute(f"SELECT {select} FROM {table} {rest}", params)
    records = []
    for row in cursor:
        values = list(row)
        for index, convert in conversions:
            values[index] = convert(values[index])
        records.append(cls(*values))
    return records


def _select(db: Database, sql: str, params=()) -> list[dict]:
    cursor = db.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


# Units -------------------------------------------------------------------

def create_unit(db: Database, unit: Unit) -> int:
    return _insert(db, "unit", unit)


def get_unit(db: Database, unit_id: int) -> Unit:
    rows = _select(db, "SELECT * FROM unit WHERE id = ?", [unit_id])
    if not rows:
        raise NotFoundError(f"Không có đơn vị mã {unit_id}.")
    return _from_row(Unit, rows[0])


# The unit's names a plan keeps for its documents: plan field -> unit field.
ISSUER_NAMES = {"issuing_body": "issuing_body", "parent_body": "parent_body", "place_name": "place_name",
                "unit_name": "name"}


def document_unit(db: Database, plan: Plan) -> Unit:
    """The unit as ``plan``'s documents name it: the names it was issued under win over
    the unit's current ones (a ward renamed in 2025 still prints its 2024 plans as issued)."""
    unit = get_unit(db, plan.unit_id)
    kept = {unit_field: getattr(plan, plan_field) for plan_field, unit_field in ISSUER_NAMES.items()
            if getattr(plan, plan_field)}
    return dataclasses.replace(unit, **kept)


def list_units(db: Database) -> list[Unit]:
    return [_from_row(Unit, row) for row in _select(db, "SELECT * FROM unit ORDER BY id")]


# Plans -------------------------------------------------------------------

def create_plan(db: Database, plan: Plan, demo_key: str | None = None) -> int:
    row = _to_row(plan) | {"demo_key": demo_key}
    return db.insert("plan", row)


def get_plan(db: Database, plan_id: int) -> Plan:
    rows = _select(db, "SELECT * FROM plan WHERE id = ? AND deleted_at IS NULL", [plan_id])
    if not rows:
        raise NotFoundError(f"Không có kế hoạch mã {plan_id}.")
    return _from_row(Plan, rows[0])


def unit_plans(db: Database, unit_id: int) -> list[Plan]:
    """The unit's plans (not deleted), oldest first."""
    rows = _select(db, "SELECT * FROM plan WHERE unit_id = ? AND deleted_at IS NULL ORDER BY id", [unit_id])
    return [_from_row(Plan, row) for row in rows]


def plan_id_by_demo_key(db: Database, demo_key: str) -> int | None:
    row = db.execute("SELECT id FROM plan WHERE demo_key = ?", [demo_key]).fetchone()
    return row[0] if row else None


def has_plan_of_year(db: Database, unit_id: int, year: int) -> bool:
    """Whether the unit has a plan (not in the bin) for ``year`` already."""
    return db.execute("SELECT 1 FROM plan WHERE unit_id = ? AND year = ? AND deleted_at IS NULL",
                      [unit_id, year]).fetchone() is not None


def list_plans(db: Database) -> list[PlanSummary]:
    rows = _select(
        db,
        """
        SELECT plan.id, plan.year, plan.title, unit.name AS unit,
               (SELECT count(*) FROM task WHERE task.plan_id = plan.id) AS tasks
        FROM plan JOIN unit ON unit.id = plan.unit_id
        WHERE plan.deleted_at IS NULL
        ORDER BY plan.year DESC, plan.id DESC
        """,
    )
    return [PlanSummary(**row) for row in rows]


# Areas and tasks ----------------------------------------------------------

def add_area(db: Database, plan_id: int, numeral: str, title: str, position: int | None = None) -> int:
    if position is None:
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM area WHERE plan_id = ?", [plan_id]
        ).fetchone()[0]
    return _insert(db, "area", Area(None, plan_id, position, numeral, title))


def list_areas(db: Database, plan_id: int) -> list[Area]:
    rows = _select(db, "SELECT * FROM area WHERE plan_id = ? ORDER BY position", [plan_id])
    return [_from_row(Area, row) for row in rows]


def add_task(db: Database, task: Task) -> int:
    """Insert a task with its Stt as given and link its parties to the directory."""
    task_id = _insert(db, "task", task)
    link_task_parties(db, task_id, task.lead, task.supporting)
    return task_id


def get_task(db: Database, task_id: int) -> Task:
    rows = _select(db, "SELECT * FROM task WHERE id = ?", [task_id])
    if not rows:
        raise NotFoundError(f"Không có nhiệm vụ mã {task_id}.")
    return _from_row(Task, rows[0])


def list_tasks(db: Database, plan_id: int) -> list[Task]:
    return _records(db, Task, "task", "WHERE plan_id = ? ORDER BY stt, id", [plan_id])


def appendix(db: Database, plan_id: int) -> list[AppendixGroup]:
    """The plan's appendix: areas in order, each with its tasks in Stt order."""
    return group_by_area(list_areas(db, plan_id), list_tasks(db, plan_id))


def group_by_area(areas: list[Area], tasks: list[Task]) -> list[AppendixGroup]:
    tasks_by_area: dict[int, list[Task]] = {}
    for task in tasks:
        tasks_by_area.setdefault(task.area_id, []).append(task)
    return [AppendixGroup(area, tuple(tasks_by_area.get(area.id, ()))) for area in areas]


def task_count(db: Database, plan_id: int) -> int:
    return db.execute("SELECT count(*) FROM task WHERE plan_id = ?", [plan_id]).fetchone()[0]


# Indicators and progress -------------------------------------------------

def add_indicator(db: Database, indicator: Indicator) -> int:
    return _insert(db, "indicator", indicator)


def list_indicators(db: Database, plan_id: int) -> list[Indicator]:
    rows = _select(db, "SELECT * FROM indicator WHERE plan_id = ? ORDER BY position", [plan_id])
    return [_from_row(Indicator, row) for row in rows]


def add_progress(db: Database, update: ProgressUpdate) -> int:
    return _insert(db, "progress", update)


def list_progress(db: Database, task_id: int) -> list[ProgressUpdate]:
    rows = _select(db, "SELECT * FROM progress WHERE task_id = ? ORDER BY on_date, id", [task_id])
    return [_from_row(ProgressUpdate, row) for row in rows]


def progress_by_task(db: Database, plan_id: int) -> dict[int, list[ProgressUpdate]]:
    """Every progress update of a plan's tasks, in one query, grouped by task."""
    updates = _records(
        db, ProgressUpdate, "progress",
        "JOIN task ON task.id = progress.task_id "
        "WHERE task.plan_id = ? ORDER BY progress.task_id, progress.on_date, progress.id",
        [plan_id],
    )
    grouped: dict[int, list[ProgressUpdate]] = {}
    for update in updates:
        grouped.setdefault(update.task_id, []).append(update)
    return grouped
