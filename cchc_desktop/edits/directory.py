"""Edits of the directory (Danh mục): rename an entry or merge two, updating every task."""

from __future__ import annotations

from cchc_desktop.changes import Change, delete, make_change, row_of, update
from cchc_desktop.directory import party_kind
from cchc_desktop.edits.parties import PartyBook, link_changes
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean


def replace_party_in_text(text: str, old: str, new: str) -> str:
    """Swap one ';'-separated party for another, keeping the rest of the text as written."""
    parts = text.split(";")
    for index, part in enumerate(parts):
        if clean(part).rstrip(".") == old:
            leading = part[: len(part) - len(part.lstrip())]
            trailing = "." if clean(part).endswith(".") else ""
            parts[index] = f"{leading}{new}{trailing}"
    return ";".join(parts)


def _party(db: Database, party_id: int) -> dict:
    row = row_of(db, "party", {"id": party_id})
    if row is None:
        raise NotFoundError("Không có mục này trong danh mục.")
    return row


def _entry_name(name: str) -> str:
    """The name as stored (tidied, no final full stop); refused empty or holding ";", which
    separates the parties of a task's text: "A; B" would name two entries, not one."""
    name = clean(name).rstrip(".")
    if not name:
        raise UserInputError("Tên trong danh mục không được để trống.")
    if ";" in name:
        raise UserInputError(f"Tên “{name}” có dấu “;”, là dấu ngăn cách các đơn vị trong cột Chủ trì, "
                             "Phối hợp: một mục trong danh mục không được chứa dấu này.")
    return name


def _same_name(db: Database, name: str) -> tuple[int, str] | None:
    """The entry already called ``name``, capitals aside ("Một cửa" and "một cửa")."""
    wanted = name.casefold()
    return next(((party_id, existing) for party_id, existing in db.execute("SELECT id, name FROM party")
                 if existing.casefold() == wanted), None)


def rename_party(db: Database, party_id: int, new_name: str) -> Change:
    """Rename an entry; when another is called so already (capitals aside), the two are merged."""
    party = _party(db, party_id)
    new_name = _entry_name(new_name)
    existing = _same_name(db, new_name)
    if existing and existing[0] != party_id:
        return merge_parties(db, party_id, existing[0])
    renamed = party | {"name": new_name, "kind": party["kind"]}
    book = PartyBook(db)
    book.ids.pop(party["name"], None)
    book.ids[new_name] = party_id
    rows = [update("party", party, renamed)]
    rows += _retext_tasks(db, book, party["id"], party["name"], new_name)
    return make_change(f"Đổi tên \"{party['name']}\" thành \"{new_name}\"", rows)


def merge_parties(db: Database, from_id: int, into_id: int) -> Change:
    """Every task naming ``from_id`` names ``into_id`` instead; ``from_id`` leaves the directory."""
    source, target = _party(db, from_id), _party(db, into_id)
    if from_id == into_id:
        return make_change("Gộp danh mục", [])
    book = PartyBook(db)
    rows = _retext_tasks(db, book, from_id, source["name"], target["name"])
    rows.append(delete("party", source))
    return make_change(f"Gộp \"{source['name']}\" vào \"{target['name']}\"", rows)


def _retext_tasks(db: Database, book: PartyBook, party_id: int, old: str, new: str) -> list:
    task_ids = [row[0] for row in db.execute("SELECT DISTINCT task_id FROM task_party WHERE party_id = ?", [party_id])]
    task_changes, link_changes_all = [], []
    for task_id in task_ids:
        task = row_of(db, "task", {"id": task_id})
        after = task | {
            "lead": replace_party_in_text(task["lead"], old, new),
            "supporting": replace_party_in_text(task["supporting"], old, new),
        }
        task_changes.append(update("task", task, after))
        link_changes_all += link_changes(db, book, task_id, after["lead"], after["supporting"])
    return [*book.insert_changes(), *task_changes, *link_changes_all]


def set_party_kind(db: Database, party_id: int, kind: str) -> Change:
    if kind not in ("room", "title"):
        raise UserInputError("Loại phải là phòng/bộ phận hoặc chức danh.")
    party = _party(db, party_id)
    return make_change("Đổi loại trong danh mục", [update("party", party, party | {"kind": kind})])


def add_party(db: Database, name: str) -> Change:
    name = _entry_name(name)
    existing = _same_name(db, name)
    if existing:
        raise UserInputError(f"Danh mục đã có “{existing[1]}”.")
    book = PartyBook(db)
    book.id_for(name)
    return make_change(f"Thêm \"{name}\" vào danh mục", book.insert_changes())


def directory_rows(db: Database) -> list[dict]:
    """Entries with how many tasks name them."""
    cursor = db.execute(
        "SELECT p.id, p.name, p.kind, count(DISTINCT tp.task_id) AS uses FROM party p "
        "LEFT JOIN task_party tp ON tp.party_id = p.id GROUP BY p.id ORDER BY p.name"
    )
    return [dict(zip(("id", "name", "kind", "uses"), row)) for row in cursor]


__all__ = ["rename_party", "merge_parties", "set_party_kind", "add_party", "directory_rows", "party_kind"]
