"""The directory (Danh mục) of rooms and civil-servant titles.

A task keeps its lead and supporting text exactly as written; this module links
that text to directory entries so that renames and filters can work on names.
Parties are separated by ";" only: commas occur inside names
("Tổ CNSCĐ phường, khu phố"), so splitting on them would break real entries.
"""

from __future__ import annotations

from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean

TITLE_PREFIXES = ("công chức", "cán bộ", "cbcc", "chủ tịch", "phó chủ tịch")


def split_parties(text: str) -> list[str]:
    names = (clean(part).rstrip(".") for part in text.split(";"))
    return [name for name in names if name]


def party_kind(name: str) -> str:
    return "title" if name.lower().startswith(TITLE_PREFIXES) else "room"


def party_id(db: Database, name: str) -> int:
    row = db.execute("SELECT id FROM party WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    cursor = db.execute("INSERT INTO party (name, kind) VALUES (?, ?)", [name, party_kind(name)])
    return cursor.lastrowid


def link_task_parties(db: Database, task_id: int, lead: str, supporting: str) -> None:
    """Replace the task's directory links by those parsed from its texts."""
    db.execute("DELETE FROM task_party WHERE task_id = ?", [task_id])
    for role, text in (("lead", lead), ("supporting", supporting)):
        for position, name in enumerate(split_parties(text)):
            db.execute(
                "INSERT INTO task_party (task_id, party_id, role, position) VALUES (?, ?, ?, ?)",
                [task_id, party_id(db, name), role, position],
            )


def list_parties(db: Database) -> list[tuple[int, str, str]]:
    return [tuple(row) for row in db.execute("SELECT id, name, kind FROM party ORDER BY name")]
