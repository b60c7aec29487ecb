"""Keeping a task's directory links in step with its lead and supporting texts."""

from __future__ import annotations

from cchc_desktop.changes import RowChange, delete, insert, next_id, rows_where
from cchc_desktop.directory import party_kind, split_parties
from cchc_desktop.sqlite_db import Database

LINK_KEY = ("task_id", "role", "position")


class PartyBook:
    """The directory as a name -> id map, growing as a change adds names."""

    def __init__(self, db: Database):
        self.db = db
        self.ids = {name: pid for pid, name in db.execute("SELECT id, name FROM party")}
        self.new_rows: list[dict] = []

    def id_for(self, name: str) -> int:
        if name not in self.ids:
            new_id = next_id(self.db, "party", {row["id"] for row in self.new_rows})
            self.new_rows.append({"id": new_id, "name": name, "kind": party_kind(name)})
            self.ids[name] = new_id
        return self.ids[name]

    def insert_changes(self) -> list[RowChange]:
        return [insert("party", row) for row in self.new_rows]


def desired_links(book: PartyBook, task_id: int, lead: str, supporting: str) -> list[dict]:
    links = []
    for role, text in (("lead", lead), ("supporting", supporting)):
        for position, name in enumerate(split_parties(text)):
            links.append({"task_id": task_id, "party_id": book.id_for(name), "role": role, "position": position})
    return links


def link_changes(db: Database, book: PartyBook, task_id: int, lead: str, supporting: str,
                 existing: list[dict] | None = None) -> list[RowChange]:
    """Deletes of the old links and inserts of the new ones (deletes first)."""
    if existing is None:
        existing = rows_where(db, "task_party", "task_id = ?", [task_id])
    wanted = desired_links(book, task_id, lead, supporting)
    if sorted(map(_link_id, existing)) == sorted(map(_link_id, wanted)):
        return []
    return [delete("task_party", row, LINK_KEY) for row in existing] + \
           [insert("task_party", row, LINK_KEY) for row in wanted]


def _link_id(row: dict) -> tuple:
    return (row["role"], row["position"], row["party_id"])
