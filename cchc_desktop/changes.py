"""Edits as row-level changes that can be applied, reverted and recorded.

Every edit the user makes becomes one :class:`Change`: an ordered list of row
changes (insert, update or delete of one row), applied in one transaction. Reverting
runs the inverse in reverse order, so undo and redo work the same way for every kind
of edit. Changes to tasks, and to their progress log, are written to ``task_history``
as they happen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from cchc_desktop.sqlite_db import Database

from cchc_desktop.errors import CchcError
from cchc_desktop.progress import steps

TASK_TABLE = "task"
PROGRESS_TABLE = "progress"
HISTORY_SKIP = {"id", "plan_id"}


@dataclass(frozen=True)
class RowChange:
    """One row: ``before`` None is an insert, ``after`` None a delete."""

    table: str
    key: dict
    before: dict | None
    after: dict | None

    def inverse(self) -> "RowChange":
        return RowChange(self.table, self.key, self.after, self.before)


@dataclass(frozen=True)
class Change:
    """A user's edit: what it is called (for undo menus) and the rows it touches."""

    description: str
    rows: tuple[RowChange, ...]
    touched: frozenset[str] = field(default_factory=frozenset)

    def inverse(self) -> "Change":
        return Change(self.description, tuple(row.inverse() for row in reversed(self.rows)), self.touched)

    @property
    def task_ids(self) -> set[int]:
        return {row.key["id"] for row in self.rows if row.table == TASK_TABLE}

    def is_empty(self) -> bool:
        return not self.rows


def make_change(description: str, rows) -> Change:
    rows = tuple(row for row in rows if row.before != row.after)
    return Change(description, rows, frozenset(row.table for row in rows))


class StaleChange(CchcError):
    """The rows are no longer as the change expects: something else wrote them since."""

    def __init__(self) -> None:
        super().__init__(
            "Dữ liệu này vừa được sửa ở nơi khác (dòng lệnh hoặc một chương trình khác), "
            "nên không thực hiện được thao tác. Không có gì bị thay đổi."
        )


def apply(db: Database, change: Change, action: str = "sửa") -> None:
    """Write the change in one transaction and record task history.

    Each row is first checked to be exactly as the change expects; if not, nothing is
    written (an undo replayed over rows changed elsewhere would corrupt them)."""
    with db.atomic():
        for row in steps(change.rows, every=500):  # a cancel rolls the whole change back
            if row_of(db, row.table, row.key) != row.before:
                raise StaleChange()
            _write_row(db, row)
            if row.table == TASK_TABLE:
                _record_history(db, row, action)
            elif row.table == PROGRESS_TABLE:
                _record_progress_history(db, row, action)


def _write_row(db: Database, row: RowChange) -> None:
    where = " AND ".join(f"[{column}] = ?" for column in row.key)
    params = list(row.key.values())
    if row.after is None:
        db.execute(f"DELETE FROM [{row.table}] WHERE {where}", params)
    elif row.before is None:
        columns = ", ".join(f"[{c}]" for c in row.after)
        marks = ", ".join("?" for _ in row.after)
        db.execute(f"INSERT INTO [{row.table}] ({columns}) VALUES ({marks})", list(row.after.values()))
    else:
        changed = {c: v for c, v in row.after.items() if row.before.get(c) != v}
        if changed:
            sets = ", ".join(f"[{c}] = ?" for c in changed)
            db.execute(f"UPDATE [{row.table}] SET {sets} WHERE {where}", [*changed.values(), *params])


def _record_history(db: Database, row: RowChange, action: str) -> None:
    at = datetime.now().isoformat(timespec="seconds")
    task_id = row.key["id"]
    if row.before is None or row.after is None:
        kind = "thêm" if row.before is None else "xóa"
        snapshot = _dump(row.after if row.before is None else row.before)
        _history_line(db, task_id, at, f"{action}: {kind}", "",
                      None if row.before is None else snapshot, None if row.after is None else snapshot)
        return
    for column, new in row.after.items():
        old = row.before.get(column)
        if column not in HISTORY_SKIP and old != new:
            _history_line(db, task_id, at, action, column, _text(old), _text(new))


def _record_progress_history(db: Database, row: RowChange, action: str) -> None:
    """A progress entry added, changed or deleted is a line in its task's history
    (field ``progress``), so that no step of a task's record goes without a trace."""
    kind = "thêm" if row.before is None else "xóa" if row.after is None else "sửa"
    _history_line(db, (row.after or row.before)["task_id"], datetime.now().isoformat(timespec="seconds"),
                  f"{action}: {kind}", PROGRESS_TABLE,
                  None if row.before is None else _dump(row.before), None if row.after is None else _dump(row.after))


def _history_line(db: Database, task_id: int, at: str, action: str, field: str, old, new) -> None:
    db.execute("INSERT INTO task_history (task_id, at, action, field, old, new) VALUES (?, ?, ?, ?, ?, ?)",
               [task_id, at, action, field, old, new])


def _dump(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _text(value) -> str | None:
    return None if value is None else str(value)


# Reading rows as they are now -------------------------------------------------

def row_of(db: Database, table: str, key: dict) -> dict | None:
    where = " AND ".join(f"[{column}] = ?" for column in key)
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where}", list(key.values()))
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([c[0] for c in cursor.description], found))


def rows_where(db: Database, table: str, where: str, params) -> list[dict]:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where}", list(params))
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def next_id(db: Database, table: str, taken: set[int] = frozenset()) -> int:
    """A fresh id, decided before the insert so the change can be replayed exactly."""
    current = db.execute(f"SELECT coalesce(max(id), 0) FROM [{table}]").fetchone()[0]
    return max(current, *taken, 0) + 1


def insert(table: str, row: dict, key_columns=("id",)) -> RowChange:
    return RowChange(table, {c: row[c] for c in key_columns}, None, dict(row))


def delete(table: str, row: dict, key_columns=("id",)) -> RowChange:
    return RowChange(table, {c: row[c] for c in key_columns}, dict(row), None)


def update(table: str, before: dict, after: dict, key_columns=("id",)) -> RowChange:
    return RowChange(table, {c: before[c] for c in key_columns}, dict(before), dict(after))
