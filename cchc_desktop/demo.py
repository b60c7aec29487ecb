"""The built-in demo plan: UBND Phường 1 (TP Tây Ninh), CCHC plan 2024, from seed 002."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from cchc_desktop import repo
from cchc_desktop.models import Indicator, Plan, Task, Unit
from cchc_desktop.paths import resource
from cchc_desktop.periods import ReportSchedule
from cchc_desktop.sqlite_db import Database

DEMO_KEY = "phuong1_2024"
DEMO_FILE = ("demo", "phuong1_2024.json")


@cache
def demo_data() -> dict:
    with resource(*DEMO_FILE).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_demo(db: Database) -> int:
    """Load the demo plan once; later calls return the same plan's id."""
    existing = repo.plan_id_by_demo_key(db, DEMO_KEY)
    if existing is not None:
        with db.atomic():  # asked for again after it went to the bin: bring it back
            db.execute("UPDATE plan SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", [existing])
        return existing
    with db.atomic():
        return insert_plan_document(db, demo_data(), demo_key=DEMO_KEY)


def insert_plan_document(db: Database, data: dict, demo_key: str | None = None) -> int:
    """Insert a unit, its plan, areas, tasks and indicators from a plain dict."""
    unit_id = repo.create_unit(db, Unit(id=None, **data["unit"]))
    plan_id = repo.create_plan(db, _plan_from(data, unit_id), demo_key=demo_key)
    for position, area in enumerate(data["areas"], start=1):
        area_id = repo.add_area(db, plan_id, area["numeral"], area["title"], position)
        for task in area["tasks"]:
            repo.add_task(db, Task(id=None, plan_id=plan_id, area_id=area_id, **task))
    for position, indicator in enumerate(data.get("indicators", ()), start=1):
        repo.add_indicator(db, Indicator(id=None, plan_id=plan_id, position=position, **indicator))
    return plan_id


def _plan_from(data: dict, unit_id: int) -> Plan:
    fields = dict(data["plan"])
    for key in ("issued_on", "decision_date"):
        fields[key] = date.fromisoformat(fields[key]) if fields.get(key) else None
    fields["recipients"] = tuple(fields.get("recipients", ()))
    fields["report_schedule"] = ReportSchedule.from_dict(data.get("report_schedule", {})).to_dict()
    names = repo.ISSUER_NAMES.items()
    fields.update({plan_field: data["unit"].get(unit_field, "") for plan_field, unit_field in names})
    return Plan(id=None, unit_id=unit_id, **fields)
