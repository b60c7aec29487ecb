"""Every path the program uses, in one place.

Order for the data directory: an explicit override (``--data-dir``), then the
``CCHC_DATA_DIR`` environment variable, then portable mode (``data/`` beside the
executable when ``portable.txt`` sits there), then the platform's user data directory.
Backups, logs and window settings live inside the data directory, so a portable
copy runs from a USB stick and keeps its data there.
Bundled files are found relative to the ``resources`` package so a frozen build
works unchanged.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from cchc_desktop.errors import DataDirError

APP_NAME = "CCHC Desktop"
DATA_DIR_ENV = "CCHC_DATA_DIR"
DATABASE_NAME = "cchc.sqlite3"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"
# Unfrozen, portable mode is off unless this names a folder standing in for the executable's (tests).
PORTABLE_ENV = "CCHC_PORTABLE_DIR"


def resources_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def program_dir() -> Path | None:
    """The folder holding the frozen executable (or standing in for it); None when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    stand_in = os.environ.get(PORTABLE_ENV, "").strip()
    return Path(stand_in).expanduser() if stand_in else None


def portable_dir() -> Path | None:
    """``data/`` beside the executable when ``portable.txt`` sits there, else None."""
    folder = program_dir()
    if folder is None or not (folder / PORTABLE_MARKER).is_file():
        return None
    return folder / PORTABLE_DATA


def resolve_data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory to use, without creating it."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return portable_dir() or default_data_dir()


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory if needed and check it is writable."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirError(f"Thư mục dữ liệu không dùng được: {path} là một tệp, không phải thư mục.")
    except OSError as exc:
        raise DataDirError(f"Không tạo được thư mục dữ liệu {path}: {exc.strerror or exc}.") from exc
    if not path.is_dir():
        raise DataDirError(f"Thư mục dữ liệu không dùng được: {path} không phải thư mục.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(f"Không ghi được vào thư mục dữ liệu {path} (chỉ đọc hoặc không có quyền).")
    return path


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME
