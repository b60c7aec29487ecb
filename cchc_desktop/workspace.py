"""A workspace: the data directory and the open database inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.db import open_database
from cchc_desktop.paths import database_path, ensure_data_dir, resolve_data_dir
from cchc_desktop.sqlite_db import Database


@dataclass
class Workspace:
    data_dir: Path
    db: Database

    @property
    def db_path(self) -> Path:
        return database_path(self.data_dir)

    @classmethod
    def open(cls, data_dir_override: str | os.PathLike | None = None) -> "Workspace":
        data_dir = ensure_data_dir(resolve_data_dir(data_dir_override))
        return cls(data_dir, open_database(database_path(data_dir)))

    def close(self) -> None:
        self.db.close()
