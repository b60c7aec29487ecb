"""First start: create the user's unit and an empty plan for the year."""

from __future__ import annotations

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.edits.plans import create_plan
from cchc_desktop.models import Unit
from cchc_desktop.sqlite_db import Database


def create_unit_with_plan(db: Database, unit: Unit, year: int) -> int:
    """Create ``unit`` and a first plan for ``year`` (the same plan as "Kế hoạch mới…":
    standard fields and the seven standard areas); return the plan id."""
    with db.atomic():
        unit_id = repo.create_unit(db, unit)
        change = create_plan(db, unit_id, year)
        apply(db, change)
    return next(row.key["id"] for row in change.rows if row.table == "plan")
