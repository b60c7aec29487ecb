"""Edits of appendix rows: add, change, delete, reorder, move between areas."""

from __future__ import annotations

from cchc_desktop.changes import Change, delete, insert, make_change, row_of, rows_where, update
from cchc_desktop.edits.ordering import area_ids_in_order, renumber, rows_and_groups, stt_for
from cchc_desktop.edits.parties import LINK_KEY, PartyBook, link_changes
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean

TEXT_FIELDS = ("content", "lead", "supporting", "output", "deadline_text")
EDITABLE_FIELDS = (*TEXT_FIELDS, "manual_due", "manual_due_kept")
SINGLE_LINE_FIELDS = ("lead", "supporting", "output", "deadline_text")


def _task(db: Database, task_id: int) -> dict:
    row = row_of(db, "task", {"id": task_id})
    if row is None:
        raise NotFoundError(f"Không có nhiệm vụ mã {task_id}.")
    return row


def normalise_fields(fields: dict) -> dict:
    """NFC and tidy spaces; content keeps its line breaks (multi-line tasks)."""
    tidy = dict(fields)
    for name in SINGLE_LINE_FIELDS:
        if name in tidy:
            tidy[name] = clean(tidy[name])
    if "content" in tidy:
        tidy["content"] = "\n".join(clean(line) for line in str(tidy["content"]).splitlines()).strip()
    for name in ("manual_due",):
        if name in tidy and tidy[name] is not None and not isinstance(tidy[name], str):
            tidy[name] = tidy[name].isoformat()
    if "manual_due_kept" in tidy:
        tidy["manual_due_kept"] = int(bool(tidy["manual_due_kept"]))
    return tidy


def edit_task(db: Database, task_id: int, **fields) -> Change:
    """Change some fields of a task. A new deadline text drops a hand-set date unless kept."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise UserInputError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    before = _task(db, task_id)
    after = before | normalise_fields(fields)
    if after["deadline_text"] != before["deadline_text"] and not after["manual_due_kept"] \
            and "manual_due" not in fields:
        after["manual_due"] = None
    if not after["manual_due"]:
        after["manual_due"], after["manual_due_kept"] = None, 0
    book = PartyBook(db)
    links = link_changes(db, book, task_id, after["lead"], after["supporting"])
    return make_change(
        f"Sửa nhiệm vụ số {before['stt']}",
        [*book.insert_changes(), update("task", before, after), *links],
    )


def add_task(db: Database, plan_id: int, area_id: int, after_task_id: int | None = None,
             **fields) -> Change:
    """A new task in ``area_id``, after ``after_task_id`` or at the end of the area."""
    current, grouped = rows_and_groups(db, plan_id)
    if area_id not in grouped:
        raise NotFoundError("Nhóm nhiệm vụ này không thuộc kế hoạch.")
    new_id = _next_task_id(db)
    area_tasks = grouped[area_id]
    at = area_tasks.index(after_task_id) + 1 if after_task_id in area_tasks else len(area_tasks)
    area_tasks.insert(at, new_id)
    area_order = area_ids_in_order(db, plan_id)
    row = {field: "" for field in TEXT_FIELDS} | normalise_fields(fields) | {
        "id": new_id, "plan_id": plan_id, "area_id": area_id,
        "stt": stt_for(area_order, grouped, new_id),
    }
    row.setdefault("manual_due", None)
    row.setdefault("manual_due_kept", 0)
    book = PartyBook(db)
    links = link_changes(db, book, new_id, row["lead"], row["supporting"], existing=[])
    renumbered = renumber(current, area_order, grouped, skip={new_id})
    return make_change(f"Thêm nhiệm vụ số {row['stt']}",
                       [*book.insert_changes(), *renumbered, insert("task", row), *links])


def _next_task_id(db: Database) -> int:
    """Never reuse the id of a deleted task: its history stays attached to it."""
    return db.execute(
        "SELECT max(coalesce((SELECT max(id) FROM task), 0), coalesce((SELECT max(task_id) FROM task_history), 0)) + 1"
    ).fetchone()[0]


def delete_tasks(db: Database, task_ids: list[int]) -> Change:
    """Delete tasks with their progress log and links; the rest renumber."""
    if not task_ids:
        return make_change("Xóa nhiệm vụ", [])
    doomed = [_task(db, task_id) for task_id in task_ids]
    plan_id = doomed[0]["plan_id"]
    rows = []
    for task in doomed:
        rows += [delete("task_party", link, LINK_KEY) for link in rows_where(db, "task_party", "task_id = ?", [task["id"]])]
        rows += [delete("progress", p) for p in rows_where(db, "progress", "task_id = ?", [task["id"]])]
        rows.append(delete("task", task))
    rows_now, grouped_now = rows_and_groups(db, plan_id)
    grouped = {area: [t for t in ids if t not in task_ids] for area, ids in grouped_now.items()}
    current = {k: v for k, v in rows_now.items() if k not in task_ids}
    rows += renumber(current, area_ids_in_order(db, plan_id), grouped)
    label = f"Xóa nhiệm vụ số {doomed[0]['stt']}" if len(doomed) == 1 else f"Xóa {len(doomed)} nhiệm vụ"
    return make_change(label, rows)


def move_task(db: Database, task_id: int, direction: int) -> Change:
    """Move a task one row up (direction < 0) or down; at an area's edge it crosses
    into the neighbouring area (to its end going up, to its top going down)."""
    task = _task(db, task_id)
    plan_id = task["plan_id"]
    area_order = area_ids_in_order(db, plan_id)
    current, grouped = rows_and_groups(db, plan_id)
    area_tasks = grouped[task["area_id"]]
    index = area_tasks.index(task_id)
    step = -1 if direction < 0 else 1
    if 0 <= index + step < len(area_tasks):
        area_tasks[index], area_tasks[index + step] = area_tasks[index + step], area_tasks[index]
    else:
        area_index = area_order.index(task["area_id"]) + step
        if not 0 <= area_index < len(area_order):
            return make_change("Chuyển nhiệm vụ", [])
        area_tasks.remove(task_id)
        neighbour = grouped[area_order[area_index]]
        neighbour.insert(len(neighbour) if step < 0 else 0, task_id)
    rows = renumber(current, area_order, grouped)
    return make_change(f"Chuyển nhiệm vụ số {task['stt']}", rows)


def move_task_to_area(db: Database, task_id: int, area_id: int) -> Change:
    """Put a task at the end of another area."""
    task = _task(db, task_id)
    plan_id = task["plan_id"]
    current, grouped = rows_and_groups(db, plan_id)
    if area_id not in grouped:
        raise NotFoundError("Nhóm nhiệm vụ này không thuộc kế hoạch.")
    if task["area_id"] == area_id:
        return make_change("Chuyển nhiệm vụ sang nhóm khác", [])
    grouped[task["area_id"]].remove(task_id)
    grouped[area_id].append(task_id)
    rows = renumber(current, area_ids_in_order(db, plan_id), grouped)
    return make_change(f"Chuyển nhiệm vụ số {task['stt']} sang nhóm khác", rows)
