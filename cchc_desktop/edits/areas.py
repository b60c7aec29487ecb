"""Edits of the appendix's areas (nhóm nhiệm vụ): add, rename, reorder, delete."""

from __future__ import annotations

from cchc_desktop.areas import roman
from cchc_desktop.changes import Change, delete, insert, make_change, next_id, row_of, rows_where, update
from cchc_desktop.edits.ordering import area_ids_in_order, renumber, rows_and_groups, tasks_by_area
from cchc_desktop.edits.tasks import delete_tasks
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean


def _area(db: Database, area_id: int) -> dict:
    row = row_of(db, "area", {"id": area_id})
    if row is None:
        raise NotFoundError(f"Không có nhóm nhiệm vụ mã {area_id}.")
    return row


def _title(title: str) -> str:
    title = clean(title)
    if not title:
        raise UserInputError("Tên nhóm nhiệm vụ không được để trống.")
    return title


def _numbering(areas: list[dict]) -> list:
    """Keep Roman numerals in step with positions when the plan uses them."""
    changes = []
    for position, area in enumerate(areas, start=1):
        wanted = area | {"position": position, "numeral": roman(position)}
        if wanted != area:
            changes.append(update("area", area, wanted))
    return changes


def _areas(db: Database, plan_id: int) -> list[dict]:
    return rows_where(db, "area", "plan_id = ? ORDER BY position, id", [plan_id])


def add_area(db: Database, plan_id: int, title: str) -> Change:
    areas = _areas(db, plan_id)
    position = len(areas) + 1
    row = {"id": next_id(db, "area"), "plan_id": plan_id, "position": position,
           "numeral": roman(position), "title": _title(title)}
    return make_change(f"Thêm nhóm {row['numeral']}", [insert("area", row)])


def rename_area(db: Database, area_id: int, title: str) -> Change:
    before = _area(db, area_id)
    return make_change(f"Đổi tên nhóm {before['numeral']}", [update("area", before, before | {"title": _title(title)})])


def move_area(db: Database, area_id: int, direction: int) -> Change:
    """Swap an area with its neighbour; numerals and every Stt follow."""
    area = _area(db, area_id)
    areas = _areas(db, area["plan_id"])
    index = [a["id"] for a in areas].index(area_id)
    target = index + (-1 if direction < 0 else 1)
    if not 0 <= target < len(areas):
        return make_change("Chuyển nhóm", [])
    areas[index], areas[target] = areas[target], areas[index]
    order = [a["id"] for a in areas]
    plan_id = area["plan_id"]
    current, grouped = rows_and_groups(db, plan_id)
    tasks = renumber(current, order, grouped)
    return make_change(f"Chuyển nhóm {area['numeral']}", [*_numbering(areas), *tasks])


def delete_area(db: Database, area_id: int) -> Change:
    """Delete an area with its tasks; the areas after it move up."""
    area = _area(db, area_id)
    plan_id = area["plan_id"]
    task_ids = [t for t in tasks_by_area(db, plan_id).get(area_id, [])]
    rows = list(delete_tasks(db, task_ids).rows) if task_ids else []
    remaining = [a for a in _areas(db, plan_id) if a["id"] != area_id]
    rows.append(delete("area", area))
    rows += _numbering(remaining)
    if not task_ids:
        order = [a["id"] for a in remaining]
        current, grouped = rows_and_groups(db, plan_id)
        rows += renumber(current, order, grouped)
    return make_change(f"Xóa nhóm {area['numeral']}", rows)


__all__ = ["add_area", "rename_area", "move_area", "delete_area", "area_ids_in_order"]
