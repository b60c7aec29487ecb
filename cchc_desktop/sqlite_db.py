"""The database handle every core function takes: a thin wrapper over one
``sqlite3`` connection.

Why not ``sqlite_utils.Database``: importing sqlite-utils pulls in click, dateutil and
pluggy (about 50 ms at every start and 10 ms at every exit on this machine), and the
program only ever needs plain SQL, transactions and inserts. sqlite-utils is still what
defines and applies the schema migrations (:mod:`cchc_desktop.migrations`), imported
only when a migration is pending.

The connection runs in autocommit mode (``isolation_level=None``): a statement outside
:meth:`Database.atomic` commits by itself, and nothing opens a transaction behind the
caller's back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

Parameters = Sequence[Any] | Mapping[str, Any]
_savepoints = count(1)
LOST = "the transaction was ended by an earlier error; nothing more is written in this block"


class Database:
    def __init__(self, conn: sqlite3.Connection):
        conn.isolation_level = None
        self.conn = conn
        self._depth = 0  # atomic() blocks open around the current statement

    @classmethod
    def connect(cls, path: Path | str, timeout: float = 5.0) -> "Database":
        return cls(sqlite3.connect(str(path), timeout=timeout, isolation_level=None))

    @classmethod
    def memory(cls) -> "Database":
        return cls.connect(":memory:")

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        if self._depth and not self.conn.in_transaction:
            # Disk full, an I/O error or INSERT OR ROLLBACK ended the whole transaction inside a
            # nested block that the caller caught: what follows must not be written on its own.
            raise sqlite3.OperationalError(LOST)
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator["Database"]:
        """One transaction around the block; a nested block is a savepoint inside it.
        All or nothing: once an error has ended the transaction, nothing more in the
        block is written and leaving it raises."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        self.conn.execute("BEGIN")
        self._depth += 1
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:  # an error may already have ended it
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth -= 1
        if not self.conn.in_transaction:
            raise sqlite3.OperationalError(LOST)
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _savepoint(self) -> Iterator["Database"]:
        name = f"cchc_{next(_savepoints)}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1
        if not self.conn.in_transaction:
            raise sqlite3.OperationalError(LOST)
        self.conn.execute(f"RELEASE {name}")

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        """Insert one row (column names are ours, never the user's) and return its rowid."""
        columns = ", ".join(f'"{name}"' for name in row)
        marks = ", ".join("?" * len(row))
        return self.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values())).lastrowid

    def table_names(self) -> list[str]:
        return [name for (name,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()
