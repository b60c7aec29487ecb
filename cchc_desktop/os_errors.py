"""Failures of the environment (disk full, read-only, unplugged, locked) in plain Vietnamese.

The operating system reports them as ``OSError`` with an errno, SQLite as
``sqlite3.Error`` with a result code (or only a message). Both map to the same few
situations, each with what happened and what the user can do about it.
"""

from __future__ import annotations

import errno
import sqlite3
from typing import NamedTuple

from cchc_desktop.errors import EnvironmentProblem


class Situation(NamedTuple):
    what_happened: str
    what_to_do: str


DISK_FULL = Situation("ổ đĩa đã đầy", "Hãy xóa bớt tệp không cần để giải phóng dung lượng rồi thử lại.")
READ_ONLY = Situation(
    "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    "Nếu là USB hoặc thẻ nhớ, hãy gạt khóa chống ghi; hoặc chọn thư mục khác.",
)
NO_PERMISSION = Situation(
    "không có quyền ghi, hoặc tệp đang được chương trình khác mở",
    "Hãy đóng chương trình đang dùng tệp, hoặc chọn thư mục khác.",
)
NOT_FOUND = Situation(
    "không tìm thấy tệp hoặc thư mục",
    "Nếu dữ liệu nằm trên USB hoặc ổ mạng, hãy cắm lại rồi thử lại.",
)
IO_FAILURE = Situation(
    "lỗi đọc/ghi ổ đĩa",
    "Ổ đĩa có thể đã bị rút ra hoặc bị hỏng. Hãy kiểm tra ổ đĩa rồi thử lại.",
)
DEVICE_GONE = Situation("ổ đĩa không còn kết nối", "Hãy cắm lại ổ đĩa (USB) rồi thử lại.")
LOCKED = Situation(
    "tệp đang bị chương trình khác khóa",
    "Hãy đóng chương trình đó, hoặc chờ một lát, rồi thử lại.",
)
DAMAGED = Situation(
    "tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu",
    "Hãy khôi phục từ một bản sao lưu (Tệp → Khôi phục…).",
)
FOLDER_IN_THE_WAY = Situation(
    "đã có một thư mục trùng tên với tệp cần ghi",
    "Hãy đổi tên hoặc chuyển thư mục đó đi, hoặc chọn nơi lưu khác.",
)
FILE_IN_THE_WAY = Situation(
    "một phần của đường dẫn là tệp, không phải thư mục",
    "Hãy chọn một thư mục khác.",
)
CANNOT_OPEN = Situation(
    "không mở được tệp (thư mục không tồn tại hoặc không có quyền)",
    "Hãy kiểm tra thư mục rồi thử lại.",
)

BY_ERRNO: dict[int, Situation] = {
    errno.ENOSPC: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.ENOENT: NOT_FOUND,
    errno.EIO: IO_FAILURE,
    errno.ENODEV: DEVICE_GONE,
    errno.ENXIO: DEVICE_GONE,
    errno.EBUSY: LOCKED,
    errno.EISDIR: FOLDER_IN_THE_WAY,
    errno.ENOTDIR: FILE_IN_THE_WAY,
}
if hasattr(errno, "EDQUOT"):
    BY_ERRNO[errno.EDQUOT] = DISK_FULL

# Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION arrive as EACCES.
BY_WINERROR: dict[int, Situation] = {32: LOCKED, 33: LOCKED, 112: DISK_FULL, 21: DEVICE_GONE}

BY_SQLITE_CODE: dict[int, Situation] = {
    sqlite3.SQLITE_FULL: DISK_FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: NO_PERMISSION,
    sqlite3.SQLITE_IOERR: IO_FAILURE,
    sqlite3.SQLITE_BUSY: LOCKED,
    sqlite3.SQLITE_LOCKED: LOCKED,
    sqlite3.SQLITE_CANTOPEN: CANNOT_OPEN,
    sqlite3.SQLITE_CORRUPT: DAMAGED,
    sqlite3.SQLITE_NOTADB: DAMAGED,
}

# Older SQLite builds, or errors re-raised without a code, only have the message.
BY_SQLITE_TEXT: list[tuple[str, Situation]] = [
    ("database or disk is full", DISK_FULL),
    ("readonly database", READ_ONLY),
    ("disk i/o error", IO_FAILURE),
    ("database is locked", LOCKED),
    ("database table is locked", LOCKED),
    ("unable to open database file", CANNOT_OPEN),
    ("database disk image is malformed", DAMAGED),
    ("file is not a database", DAMAGED),
]


def situation_of(exc: BaseException) -> Situation | None:
    """The environment situation behind ``exc``, or None when it is not one we know."""
    if isinstance(exc, OSError):
        by_windows = BY_WINERROR.get(getattr(exc, "winerror", None) or -1)
        return by_windows or BY_ERRNO.get(exc.errno or -1)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and (code & 0xFF) in BY_SQLITE_CODE:
            return BY_SQLITE_CODE[code & 0xFF]
        text = str(exc).lower()
        return next((found for needle, found in BY_SQLITE_TEXT if needle in text), None)
    return None


def is_environment_error(exc: BaseException) -> bool:
    return situation_of(exc) is not None


def is_damage(exc: BaseException) -> bool:
    """SQLite says the file itself is corrupt or not a database (not locked, not unplugged)."""
    return situation_of(exc) is DAMAGED


def describe_os_error(exc: BaseException, what: str) -> str:
    """One message for the user: ``what`` failed (an action, e.g. "ghi bản sao lưu"), why, and what to do."""
    found = situation_of(exc)
    if found is None:
        return f"Không thể {what}: lỗi hệ thống{_error_code(exc)}. {UNKNOWN_WHAT_TO_DO}"
    return f"Không thể {what}: {found.what_happened}. {found.what_to_do}"


UNKNOWN_WHAT_TO_DO = "Hãy thử lại; nếu vẫn lỗi, hãy gửi tệp nhật ký cho người hỗ trợ."


def _error_code(exc: BaseException) -> str:
    """The system's number for an error we have no words for. Its own text is English
    (or the system's language), so it goes to the log, not to the user."""
    code = getattr(exc, "winerror", None) or getattr(exc, "errno", None)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
    return f" (mã lỗi {code})" if isinstance(code, int) else ""


def environment_problem(exc: BaseException, what: str) -> EnvironmentProblem:
    """``exc`` as the named error the user sees; raise it ``from exc`` to keep the cause."""
    return EnvironmentProblem(describe_os_error(exc, what))
