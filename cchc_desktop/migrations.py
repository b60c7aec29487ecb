"""Schema of the database, as small named migrations.

Rule: a migration that has shipped is never edited; a change is a new migration
appended at the end. :func:`known_migration_names` lets :mod:`cchc_desktop.db` refuse a
database that a newer version of the program has migrated further.

The migrations are applied by sqlite-utils' ``Migrations`` (its ``_sqlite_migrations``
table records them). Reading which ones are applied is plain SQL, so sqlite-utils is
imported only when one is pending: a new or older database, not an everyday start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from cchc_desktop.sqlite_db import Database

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "cchc_desktop"
MIGRATIONS_TABLE = "_sqlite_migrations"
MigrationFunction = Callable[["sqlite_utils.Database"], None]
_MIGRATIONS: list[tuple[str, MigrationFunction]] = []


def _migration(name: str) -> Callable[[MigrationFunction], MigrationFunction]:
    def register(function: MigrationFunction) -> MigrationFunction:
        _MIGRATIONS.append((name, function))
        return function

    return register


@_migration("0001_initial")
def initial_schema(db: "sqlite_utils.Database") -> None:
    db.executescript(
        """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            unit_type TEXT NOT NULL DEFAULT 'phường',
            province TEXT NOT NULL DEFAULT '',
            parent_body TEXT NOT NULL DEFAULT '',
            issuing_body TEXT NOT NULL DEFAULT '',
            place_name TEXT NOT NULL DEFAULT '',
            report_recipient TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id),
            year INTEGER NOT NULL,
            period_label TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL DEFAULT '',
            issued_on TEXT,
            theme TEXT NOT NULL DEFAULT '',
            decision_number TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            decision_issuer TEXT NOT NULL DEFAULT '',
            appendix_title TEXT NOT NULL DEFAULT '',
            signer_authority TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '[]',
            report_schedule TEXT NOT NULL DEFAULT '{}',
            demo_key TEXT UNIQUE,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            deleted_at TEXT
        );
        CREATE INDEX plan_unit_year ON plan(unit_id, year);
        CREATE TABLE area (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            numeral TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL
        );
        CREATE INDEX area_plan ON area(plan_id, position);
        CREATE TABLE task (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            area_id INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
            stt INTEGER NOT NULL,
            content TEXT NOT NULL DEFAULT '',
            lead TEXT NOT NULL DEFAULT '',
            supporting TEXT NOT NULL DEFAULT '',
            output TEXT NOT NULL DEFAULT '',
            deadline_text TEXT NOT NULL DEFAULT '',
            manual_due TEXT,
            manual_due_kept INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX task_plan_stt ON task(plan_id, stt);
        CREATE INDEX task_area ON task(area_id);
        CREATE TABLE party (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'room' CHECK (kind IN ('room', 'title'))
        );
        CREATE TABLE task_party (
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            party_id INTEGER NOT NULL REFERENCES party(id),
            role TEXT NOT NULL CHECK (role IN ('lead', 'supporting')),
            position INTEGER NOT NULL,
            PRIMARY KEY (task_id, role, position)
        );
        CREATE INDEX task_party_party ON task_party(party_id);
        CREATE TABLE indicator (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            target REAL,
            target_max REAL,
            comparison TEXT NOT NULL DEFAULT '>='
                CHECK (comparison IN ('>=', '<=', '=', 'range')),
            unit TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX indicator_plan ON indicator(plan_id, position);
        CREATE TABLE indicator_value (
            indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            value REAL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (indicator_id, period)
        );
        CREATE TABLE progress (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
            percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
            result TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
        );
        CREATE INDEX progress_task_date ON progress(task_id, on_date);
        -- No foreign key: a deleted task keeps its history, and an undo brings both back.
        CREATE TABLE task_history (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            field TEXT NOT NULL DEFAULT '',
            old TEXT,
            new TEXT
        );
        CREATE INDEX task_history_task ON task_history(task_id, id);
        """
    )


@_migration("0002_reports")
def reports(db: "sqlite_utils.Database") -> None:
    """Periodic reports: one per plan and period, with the user's text and, once
    sent, a frozen snapshot of the whole document as it was sent."""
    db.executescript(
        """
        CREATE TABLE report (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            number TEXT NOT NULL DEFAULT '',
            issued_on TEXT,
            recipient TEXT NOT NULL DEFAULT '',
            narrative TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
            sent_on TEXT,
            frozen TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
            UNIQUE (plan_id, period)
        );
        """
    )


@_migration("0003_plan_keeps_issuer_names")
def plan_keeps_issuer_names(db: "sqlite_utils.Database") -> None:
    """Each plan keeps the names its documents were issued under: after the 2025 reform
    a unit is renamed or merged, and its older plans must still print their own names."""
    db.executescript(
        """
        ALTER TABLE plan ADD COLUMN issuing_body TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN parent_body TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN place_name TEXT NOT NULL DEFAULT '';
        UPDATE plan SET
            issuing_body = (SELECT issuing_body FROM unit WHERE unit.id = plan.unit_id),
            parent_body = (SELECT parent_body FROM unit WHERE unit.id = plan.unit_id),
            place_name = (SELECT place_name FROM unit WHERE unit.id = plan.unit_id);
        """
    )


@_migration("0004_plan_keeps_unit_name")
def plan_keeps_unit_name(db: "sqlite_utils.Database") -> None:
    """The unit's name joins the names a plan keeps: it is in its documents' text and
    file names (a 2024 plan of "Phường 1" still exports as Phường 1 after the merger)."""
    db.executescript(
        """
        ALTER TABLE plan ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
        UPDATE plan SET unit_name = (SELECT name FROM unit WHERE unit.id = plan.unit_id);
        """
    )


def known_migration_names() -> set[str]:
    """Names of every migration this version knows."""
    return {name for name, _ in _MIGRATIONS}


def applied_migration_names(db: Database | sqlite3.Connection) -> set[str]:
    """Names of the migrations already applied to ``db`` (read-only)."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone()
    if not exists:
        return set()
    rows = db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])
    return {name for (name,) in rows}


def is_foreign_schema(db: Database | sqlite3.Connection) -> bool:
    """True for a SQLite database that another program made: it has tables, but not the
    record of our first migration, which every database of ours has had from the start.
    Such a file is never migrated: that would add our tables to somebody else's data."""
    has_tables = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
    return bool(has_tables) and _MIGRATIONS[0][0] not in applied_migration_names(db)


def pending_migration_names(db: Database) -> list[str]:
    applied = applied_migration_names(db)
    return [name for name, _ in _MIGRATIONS if name not in applied]


def apply_migrations(db: Database) -> None:
    """Apply every pending migration, each in its own transaction with its record."""
    if not pending_migration_names(db):
        return
    import sqlite_utils

    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for name, function in _MIGRATIONS:
        migrations(name=name)(function)
    migrations.apply(sqlite_utils.Database(db.conn, execute_plugins=False, recursive_triggers=False))
