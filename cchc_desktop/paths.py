"""Every path the program uses, in one place.

Order for the data directory: an explicit override (``--data-dir``), then the
``CCHC_DATA_DIR`` environment variable, then the platform's user data directory.
Bundled files are found relative to the ``resources`` package so a frozen build
works unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from cchc_desktop.errors import DataDirError

APP_NAME = "CCHC Desktop"
DATA_DIR_ENV = "CCHC_DATA_DIR"
DATABASE_NAME = "cchc.sqlite3"


def resources_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory to use, without touching the disk."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()


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
