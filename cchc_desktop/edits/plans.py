"""Edits of plans and units: create, change every field, delete and restore, copy to a new year."""

from __future__ import annotations

import json
import re
from datetime import datetime

from cchc_desktop.sqlite_db import Database

from cchc_desktop import repo
from cchc_desktop.areas import STANDARD_AREAS
from cchc_desktop.changes import Change, insert, make_change, next_id, row_of, rows_where, update
from cchc_desktop.deadlines import parse
from cchc_desktop.edits.parties import PartyBook, desired_links
from cchc_desktop.edits.tasks import _next_task_id
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.progress import steps
from cchc_desktop.repo import ISSUER_NAMES
from cchc_desktop.unit_names import issuing_body_in_text

PLAN_FIELDS = (
    "issuing_body", "parent_body", "place_name", "unit_name",
    "year", "period_label", "title", "number", "issued_on", "theme", "decision_number",
    "decision_date", "decision_issuer", "appendix_title", "signer_authority", "signer_title",
    "signer_name", "recipients", "report_schedule",
)
UNIT_FIELDS = ("name", "unit_type", "province", "parent_body", "issuing_body", "place_name", "report_recipient")
YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
PHRASE_YEAR = re.compile(r"(?i)(năm\s+)((?:19|20)\d{2})(?!\d)")


def _plan(db: Database, plan_id: int) -> dict:
    row = row_of(db, "plan", {"id": plan_id})
    if row is None:
        raise NotFoundError(f"Không có kế hoạch mã {plan_id}.")
    return row


def _stored(field: str, value):
    if field in ("recipients", "report_schedule") and not isinstance(value, str):
        return json.dumps(list(value) if field == "recipients" else value, ensure_ascii=False)
    if field in ("issued_on", "decision_date") and value is not None and not isinstance(value, str):
        return value.isoformat()
    return value


def edit_plan(db: Database, plan_id: int, **fields) -> Change:
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise UserInputError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    before = _plan(db, plan_id)
    after = before | {field: _stored(field, value) for field, value in fields.items()}
    return make_change("Sửa thông tin kế hoạch", [update("plan", before, after)])


def edit_unit(db: Database, unit_id: int, **fields) -> Change:
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise UserInputError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    before = row_of(db, "unit", {"id": unit_id})
    if before is None:
        raise NotFoundError(f"Không có đơn vị mã {unit_id}.")
    return make_change("Sửa thông tin đơn vị", [update("unit", before, before | fields)])


def create_plan(db: Database, unit_id: int, year: int, title: str = "") -> Change:
    """A new plan with the seven standard areas."""
    plan_id = next_id(db, "plan")
    plan = _blank_plan(db, plan_id, unit_id, year, title)
    area_id = next_id(db, "area")
    areas = [
        {"id": area_id + i, "plan_id": plan_id, "position": i + 1, "numeral": numeral, "title": area_title}
        for i, (numeral, area_title) in enumerate(STANDARD_AREAS)
    ]
    return make_change(f"Tạo kế hoạch năm {year}", [insert("plan", plan), *(insert("area", a) for a in areas)])


def issuer_names(db: Database, unit_id: int) -> dict:
    """The unit's names now, for a plan issued now to keep."""
    unit = row_of(db, "unit", {"id": unit_id}) or {}
    return {plan_field: unit.get(unit_field) or "" for plan_field, unit_field in ISSUER_NAMES.items()}


def _blank_plan(db: Database, plan_id: int, unit_id: int, year: int, title: str) -> dict:
    template = {c[1]: None for c in db.execute("PRAGMA table_info(plan)")}
    return template | issuer_names(db, unit_id) | {
        "id": plan_id, "unit_id": unit_id, "year": year, "period_label": f"năm {year}",
        "title": title or f"Cải cách hành chính năm {year}", "number": "", "theme": "",
        "decision_number": "", "decision_issuer": "",
        "appendix_title": f"CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM {year}",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH", "signer_name": "",
        "recipients": "[]", "report_schedule": "{}", "demo_key": None,
        "created_at": datetime.now().isoformat(timespec="seconds"), "deleted_at": None,
    }


def delete_plan(db: Database, plan_id: int) -> Change:
    """Put a plan in the bin (recoverable): it disappears from lists, nothing is erased."""
    before = _plan(db, plan_id)
    after = before | {"deleted_at": datetime.now().isoformat(timespec="seconds")}
    return make_change(f"Xóa kế hoạch năm {before['year']}", [update("plan", before, after)])


def restore_plan(db: Database, plan_id: int) -> Change:
    before = _plan(db, plan_id)
    return make_change(f"Khôi phục kế hoạch năm {before['year']}", [update("plan", before, before | {"deleted_at": None})])


def deleted_plans(db: Database) -> list[dict]:
    return rows_where(db, "plan", "deleted_at IS NOT NULL ORDER BY deleted_at DESC", [])


# Copy into a new year -------------------------------------------------------

def shift_deadline_years(text: str, from_year: int, to_year: int) -> str:
    """Move the years of a deadline forward; references to other documents stay as written."""
    if parse(text, from_year).kind == "unspecified":
        return text
    delta = to_year - from_year
    return YEAR.sub(lambda m: str(int(m.group(0)) + delta) if int(m.group(0)) >= from_year - 1 else m.group(0), text)


def shift_phrase_years(text: str, from_year: int, to_year: int) -> str:
    """'năm 2024' in a title or task becomes 'năm 2025'; other numbers are left alone."""
    delta = to_year - from_year
    return PHRASE_YEAR.sub(
        lambda m: m.group(1) + (str(int(m.group(2)) + delta) if int(m.group(2)) in (from_year - 1, from_year) else m.group(2)),
        text,
    )


def copy_plan_to_year(db: Database, plan_id: int, year: int) -> Change:
    """A copy of the plan for ``year``: areas, tasks, indicators; no progress, no number."""
    source = _plan(db, plan_id)
    if year == source["year"]:
        raise UserInputError("Năm của bản sao phải khác năm của kế hoạch gốc.")
    new_plan_id = next_id(db, "plan")
    plan = _copied_plan(source, new_plan_id, year) | issuer_names(db, source["unit_id"])
    plan["decision_issuer"] = _approver_renamed(db, source)
    rows = [insert("plan", plan)]
    area_ids = _copy_areas(db, plan_id, new_plan_id, rows)
    _copy_tasks(db, source, new_plan_id, area_ids, year, rows)
    _copy_indicators(db, plan_id, new_plan_id, rows)
    return make_change(f"Sao chép kế hoạch sang năm {year}", rows)


def _approver_renamed(db: Database, source: dict) -> str:
    """The source's approving body for the copy, under the unit's name now: after a merger
    "Chủ tịch Ủy ban nhân dân Phường 1" becomes "Chủ tịch Ủy ban nhân dân phường Tân Ninh";
    another body (a higher level's) stays as written."""
    issuer = source["decision_issuer"]
    then = issuing_body_in_text(repo.document_unit(db, repo.get_plan(db, source["id"])))
    now = issuing_body_in_text(repo.get_unit(db, source["unit_id"]))
    if not then:
        return issuer
    # The whole name, capitals aside: "… Phường 1" is not the start of "… Phường 12".
    return re.sub(re.escape(then) + r"(?![^\W_])", lambda _match: now, issuer, flags=re.IGNORECASE)


def _copied_plan(source: dict, new_id: int, year: int) -> dict:
    old = source["year"]
    return source | {
        "id": new_id, "year": year,
        "period_label": shift_phrase_years(source["period_label"], old, year),
        "title": shift_phrase_years(source["title"], old, year),
        "appendix_title": shift_phrase_years(source["appendix_title"], old, year),
        "theme": "", "number": "", "issued_on": None, "decision_number": "", "decision_date": None,
        "demo_key": None, "deleted_at": None,  # report_schedule kept: its rules carry over,
        "created_at": datetime.now().isoformat(timespec="seconds"),  # its dated windows don't
    }


def _copy_areas(db: Database, plan_id: int, new_plan_id: int, rows: list) -> dict[int, int]:
    first = next_id(db, "area")
    mapping = {}
    for offset, area in enumerate(rows_where(db, "area", "plan_id = ? ORDER BY position", [plan_id])):
        mapping[area["id"]] = first + offset
        rows.append(insert("area", area | {"id": first + offset, "plan_id": new_plan_id}))
    return mapping


def _copy_tasks(db: Database, source: dict, new_plan_id: int, area_ids: dict[int, int], year: int, rows: list) -> None:
    old = source["year"]
    first = _next_task_id(db)
    book = PartyBook(db)
    task_rows, link_rows = [], []
    for offset, task in enumerate(steps(rows_where(db, "task", "plan_id = ? ORDER BY stt", [source["id"]]))):
        copy = task | {
            "id": first + offset, "plan_id": new_plan_id, "area_id": area_ids[task["area_id"]],
            "content": shift_phrase_years(task["content"], old, year),
            "output": shift_phrase_years(task["output"], old, year),
            "deadline_text": shift_deadline_years(task["deadline_text"], old, year),
            "manual_due": None, "manual_due_kept": 0,
        }
        task_rows.append(insert("task", copy))
        link_rows += [insert("task_party", link, ("task_id", "role", "position"))
                      for link in desired_links(book, copy["id"], copy["lead"], copy["supporting"])]
    rows += [*book.insert_changes(), *task_rows, *link_rows]


def _copy_indicators(db: Database, plan_id: int, new_plan_id: int, rows: list) -> None:
    first = next_id(db, "indicator")
    for offset, indicator in enumerate(rows_where(db, "indicator", "plan_id = ? ORDER BY position", [plan_id])):
        rows.append(insert("indicator", indicator | {"id": first + offset, "plan_id": new_plan_id}))
