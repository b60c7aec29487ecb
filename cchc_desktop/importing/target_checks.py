"""Doubts about where an appendix is going, which the file alone cannot raise: it names
another unit than the one it will be filed under, its tasks are already in the plan it
is added to (the same file imported twice), or the unit already has a plan of the year
a new plan would take.

``target_warnings`` reads the database and writes nothing; ``cchc import`` prints the
warnings with the preview's, the import window shows them above its table.
"""

from __future__ import annotations

from cchc_desktop import repo
from cchc_desktop.importing.headers import CONTENT
from cchc_desktop.importing.preview import ImportPreview
from cchc_desktop.models import Unit
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean, fold
from cchc_desktop.unit_names import BODY_PREFIX, split_unit_type

ROWS_NAMED = 5  # a warning about repeated tasks names this many of their rows, then "…"


def target_warnings(db: Database, preview: ImportPreview, plan_id: int | None = None,
                    year: int | None = None, unit_id: int | None = None,
                    folded: dict[str, str] | None = None) -> list[str]:
    """The doubts about importing ``preview`` into ``plan_id``, or into a new plan of
    ``year`` (the file's year when None) for ``unit_id`` (the database's first unit when
    None), as ``commit`` would import it.

    ``folded``: task texts already folded, kept by a caller that asks again and again (the
    import window, at every choice, on its GUI thread). 10,000 tasks into a plan of 10,000:
    35 ms the first time, 25 ms after, on the development machine when quiet; several
    times that when it is busy, and on an old office PC."""
    if plan_id is not None:
        plan = repo.get_plan(db, plan_id)
        unit = repo.get_unit(db, plan.unit_id)
        warnings = [_other_unit(preview, unit, {unit.name, plan.unit_name})]
        warnings.append(_repeated_tasks(db, preview, plan_id, {} if folded is None else folded))
    else:
        unit = _new_plan_unit(db, unit_id)
        warnings = [_other_unit(preview, unit, {unit.name} if unit else set())]
        warnings.append(_year_taken(db, unit, year or preview.year_guess))
    return [warning for warning in warnings if warning]


def _new_plan_unit(db: Database, unit_id: int | None) -> Unit | None:
    if unit_id is not None:
        return repo.get_unit(db, unit_id)
    units = repo.list_units(db)
    return units[0] if units else None  # none: the import makes the unit the file names


def _other_unit(preview: ImportPreview, unit: Unit | None, known_names: set[str]) -> str:
    named = preview.heading.unit_name
    if unit is None or not named:
        return ""
    known_names = known_names | {unit.issuing_body.upper().removeprefix(BODY_PREFIX)}
    if _place_key(named) in {_place_key(name) for name in known_names if name.strip()}:
        return ""
    return (f"Tệp ghi đơn vị “{named}”, khác đơn vị sẽ nhận các nhiệm vụ (“{unit.name}”): "
            f"nếu nhập, đây sẽ là nhiệm vụ của {unit.name}.")


def _place_key(name: str) -> str:
    """A unit's name without its type, folded: "Phường 1", "PHƯỜNG 1" and a unit stored as
    plain "1" (its type kept apart) are the same unit."""
    return fold(split_unit_type(clean(name))[1])


def _repeated_tasks(db: Database, preview: ImportPreview, plan_id: int, folded: dict[str, str]) -> str:
    """Compared folded, as the search compares: a file exported, touched up in Excel and
    imported again still matches."""
    def key(text: str) -> str:
        found = folded.get(text)
        if found is None:
            found = folded[text] = fold(text)
        return found

    existing = {key(content) for (content,) in db.execute("SELECT content FROM task WHERE plan_id = ?", [plan_id])}
    repeated = [row.source_row for row in preview.tasks
                if row.text(CONTENT) and key(row.text(CONTENT)) in existing]
    if not repeated:
        return ""
    rows = ", ".join(str(row) for row in repeated[:ROWS_NAMED]) + (", …" if len(repeated) > ROWS_NAMED else "")
    return (f"{len(repeated)} trong {len(preview.tasks)} nhiệm vụ của tệp đã có trong kế hoạch này "
            f"(cùng nội dung; dòng {rows}): nếu nhập, các nhiệm vụ đó sẽ có hai lần.")


def _year_taken(db: Database, unit: Unit | None, year: int | None) -> str:
    if unit is None or year is None or not repo.has_plan_of_year(db, unit.id, year):
        return ""
    return (f"{unit.name} đã có kế hoạch năm {year}: nhập vào kế hoạch mới sẽ thành hai kế hoạch "
            "của năm này (để bổ sung kế hoạch đã có, hãy nhập vào chính kế hoạch đó).")
