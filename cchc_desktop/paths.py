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

from cchc_desktop.errors import DataDirError, UserInputError
from cchc_desktop.os_errors import describe_os_error

APP_NAME = "CCHC Desktop"
DATA_DIR_ENV = "CCHC_DATA_DIR"
DATABASE_NAME = "cchc.sqlite3"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "data"
# Unfrozen, portable mode is off unless this names a folder standing in for the executable's (tests).
PORTABLE_ENV = "CCHC_PORTABLE_DIR"
NOT_A_FOLDER = "Thư mục dữ liệu không dùng được: {path} là một tệp, không phải thư mục."


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
    return _resolve(override)[0]


# Where the data directory came from: what the user should check when it holds no data.
FROM_OPTION, FROM_ENV, FROM_PORTABLE, FROM_DEFAULT = "option", "env", "portable", "default"


def _resolve(override: str | os.PathLike | None) -> tuple[Path, str]:
    if override:
        return Path(override).expanduser(), FROM_OPTION
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser(), FROM_ENV
    portable = portable_dir()
    if portable is not None:
        return portable, FROM_PORTABLE
    return default_data_dir(), FROM_DEFAULT


class NoDataHere(UserInputError):
    """The data directory holds no database (a mistyped ``--data-dir``, or no data yet)."""


def existing_data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory, which must already hold the database; creates nothing.

    For whatever reads, changes or exports data that must already be there: a data
    directory without ``cchc.sqlite3`` is refused (``NoDataHere``) rather than given a
    new, empty database that would look as if the user's data were gone.
    """
    path, origin = _resolve(override)
    if path.exists() and not path.is_dir():
        raise DataDirError(NOT_A_FOLDER.format(path=path))
    if not database_path(path).exists():
        raise NoDataHere(_no_data_message(path, origin))
    return path


def _no_data_message(path: Path, origin: str) -> str:
    if origin == FROM_OPTION:
        return f"Không có dữ liệu CCHC Desktop ở thư mục {path}: hãy kiểm tra lại --data-dir."
    if origin == FROM_ENV:
        return (f"Không có dữ liệu CCHC Desktop ở thư mục {path}: "
                f"hãy kiểm tra lại biến môi trường {DATA_DIR_ENV}.")
    where = "trong bản di động" if origin == FROM_PORTABLE else "trên máy này"
    return (f"Chưa có dữ liệu CCHC Desktop {where} (thư mục {path}). "
            "Nếu dữ liệu ở thư mục khác, hãy chỉ ra bằng --data-dir.")


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory if needed and check it is writable."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirError(NOT_A_FOLDER.format(path=path))
    except OSError as exc:
        raise DataDirError(describe_os_error(exc, f"tạo thư mục dữ liệu {path}")) from exc
    if not path.is_dir():
        raise DataDirError(f"Thư mục dữ liệu không dùng được: {path} không phải thư mục.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(f"Không ghi được vào thư mục dữ liệu {path} (chỉ đọc hoặc không có quyền).")
    return path


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME
