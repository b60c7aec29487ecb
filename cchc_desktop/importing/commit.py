"""Writing a preview into the database as one Change: applied in one transaction, and
undone in one step like any other edit.

Into a new plan (with its unit, when the database has none yet), or appended to an
existing plan: each area of the file goes to the plan's area of the same title
(compared folded: "CẢI CÁCH THỂ CHẾ" is "Cải cách thể chế"), or to a new area at the
end; its tasks go at the end of that area, and the Stt of the whole plan follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc_desktop.sqlite_db import Database

from cchc_desktop import repo
from cchc_desktop.areas import roman
from cchc_desktop.changes import Change, RowChange, apply, insert, make_change, next_id, rows_where
from cchc_desktop.edits.ordering import renumber, rows_and_groups
from cchc_desktop.edits.parties import LINK_KEY, PartyBook, desired_links
from cchc_desktop.edits.plans import create_plan
from cchc_desktop.edits.tasks import _next_task_id, normalise_fields
from cchc_desktop.errors import UserInputError
from cchc_desktop.importing.headers import CONTENT, TASK_FIELDS
from cchc_desktop.importing.heading import FIRST_YEAR, LAST_YEAR
from cchc_desktop.importing.preview import ImportPreview
from cchc_desktop.progress import portion, steps
from cchc_desktop.textnorm import fold
from cchc_desktop.unit_names import issuing_body_for, split_unit_type

IMPORT_ACTION = "nhập"
UNNAMED_UNIT = "Đơn vị chưa đặt tên"


@dataclass(frozen=True)
class ImportChange:
    change: Change
    plan_id: int  # the plan written to (new or existing)


def commit(db: Database, preview: ImportPreview, plan_id: int | None = None, year: int | None = None,
           unit_id: int | None = None) -> int:
    """Write the preview: a new plan (``year``, else the year found in the file), or
    the existing ``plan_id``. One transaction; returns the plan's id."""
    planned = import_change(db, preview, plan_id, year, unit_id)
    apply(db, planned.change, IMPORT_ACTION)
    return planned.plan_id


def import_change(db: Database, preview: ImportPreview, plan_id: int | None = None, year: int | None = None,
                  unit_id: int | None = None) -> ImportChange:
    """The Change ``commit`` would apply, to run through the undo stack instead."""
    _check_importable(preview)
    rows: list[RowChange] = []
    if plan_id is None:
        plan_id = _new_plan(db, preview, _plan_year(preview, year), unit_id, rows)
        existing_areas: list[dict] = []
    else:
        repo.get_plan(db, plan_id)  # NotFoundError for a missing or deleted plan
        existing_areas = rows_where(db, "area", "plan_id = ? ORDER BY position, id", [plan_id])
    area_ids = _target_areas(db, preview, plan_id, existing_areas, rows)
    existing_ids = [area["id"] for area in existing_areas]
    area_order = existing_ids + [a for a in dict.fromkeys(area_ids) if a not in existing_ids]
    rows += _task_rows(db, preview, plan_id, area_ids, area_order, bool(existing_areas))
    count = len(preview.tasks)
    return ImportChange(make_change(f"Nhập {count} nhiệm vụ từ tệp {preview.path.name}", rows), plan_id)


def _check_importable(preview: ImportPreview) -> None:
    if CONTENT not in preview.mapped_fields:
        raise UserInputError("Chưa chọn cột Nhiệm vụ: hãy chọn cột chứa nội dung nhiệm vụ rồi nhập lại.")
    if not preview.tasks:
        raise UserInputError(f"Không có nhiệm vụ nào trong bảng để nhập ({preview.path.name}).")


def _plan_year(preview: ImportPreview, year: int | None) -> int:
    year = year or preview.year_guess or date.today().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserInputError(f"Năm {year} không hợp lệ ({FIRST_YEAR}–{LAST_YEAR}).")
    return year


# The new plan --------------------------------------------------------------------

def _new_plan(db: Database, preview: ImportPreview, year: int, unit_id: int | None, rows: list) -> int:
    if unit_id is None:
        unit_id = _unit_id(db, preview, rows)
    # create_plan fills the standard fields of a new plan; its seven standard areas
    # are left out, the file brings its own.
    plan = create_plan(db, unit_id, year).rows[0].after | _plan_fields(preview, year)
    rows.append(insert("plan", plan))
    return plan["id"]


def _plan_fields(preview: ImportPreview, year: int) -> dict:
    heading = preview.heading
    fields = {}
    if heading.title:
        fields["appendix_title"] = heading.title
    if heading.plan_title:
        fields["title"] = heading.plan_title
    on = heading.on.isoformat() if heading.on else None
    if heading.kind == "Quyết định":
        fields |= {"decision_number": heading.number, "decision_date": on, "decision_issuer": heading.issuer}
    elif heading.kind == "Kế hoạch":
        fields |= {"number": heading.number, "issued_on": on}
    return fields


def _unit_id(db: Database, preview: ImportPreview, rows: list) -> int:
    """The database's first unit; a new one (named from the file if it says) when there is none."""
    units = repo.list_units(db)
    if units:
        return units[0].id
    name = preview.heading.unit_name or UNNAMED_UNIT
    unit_type = split_unit_type(name)[0] or "phường"
    unit = {"id": next_id(db, "unit"), "name": name, "unit_type": unit_type, "province": "",
            "parent_body": "", "issuing_body": issuing_body_for(name) if preview.heading.unit_name else "",
            "place_name": name if preview.heading.unit_name else "", "report_recipient": ""}
    rows.append(insert("unit", unit))
    return unit["id"]


# Areas and tasks --------------------------------------------------------------------

def _target_areas(db: Database, preview: ImportPreview, plan_id: int, existing: list[dict], rows: list) -> list[int]:
    """The area id each preview area goes to, creating the missing ones at the end."""
    by_title = {_title_key(area["title"]): area["id"] for area in existing}
    next_area_id = next_id(db, "area")
    position = len(existing)
    targets = []
    for area in preview.areas:
        key = _title_key(area.title)
        if key not in by_title:
            position += 1
            row = {"id": next_area_id, "plan_id": plan_id, "position": position,
                   "numeral": roman(position), "title": area.title}
            rows.append(insert("area", row))
            by_title[key] = next_area_id
            next_area_id += 1
        targets.append(by_title[key])
    return targets


def _title_key(title: str) -> str:
    return fold(title).strip(" .:;-")


def _task_rows(db: Database, preview: ImportPreview, plan_id: int, area_ids: list[int], area_order: list[int],
               existing_plan: bool) -> list[RowChange]:
    current, grouped = rows_and_groups(db, plan_id) if existing_plan else ({}, {})
    first_id = _next_task_id(db)
    new_tasks = []
    with portion(0.0, 0.6):
        for offset, task in enumerate(steps(preview.tasks)):
            row = {"id": first_id + offset, "plan_id": plan_id, "area_id": area_ids[task.area_index],
                   **normalise_fields({name: task.text(name) for name in TASK_FIELDS}),
                   "manual_due": None, "manual_due_kept": 0}
            grouped.setdefault(row["area_id"], []).append(row["id"])
            new_tasks.append(row)
    stt = _stt_by_task(area_order, grouped)
    new_ids = {row["id"] for row in new_tasks}
    shifted = renumber(current, area_order, grouped, skip=new_ids) if existing_plan else []
    book = PartyBook(db)
    with portion(0.6, 1.0):
        links = [insert("task_party", link, LINK_KEY) for row in steps(new_tasks)
                 for link in desired_links(book, row["id"], row["lead"], row["supporting"])]
    inserts = [insert("task", row | {"stt": stt[row["id"]]}) for row in new_tasks]
    return [*book.insert_changes(), *shifted, *inserts, *links]


def _stt_by_task(area_order: list[int], grouped: dict[int, list[int]]) -> dict[int, int]:
    """Stt runs through the whole appendix: areas in order, tasks in order within each."""
    numbers: dict[int, int] = {}
    for area_id in area_order:
        for task_id in grouped.get(area_id, []):
            numbers[task_id] = len(numbers) + 1
    return numbers
