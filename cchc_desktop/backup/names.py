"""Where backups live and how they are named: ``cchc-2026-11-23T12-30-05-khi-mo.sqlite3``.

Names sort by time and say, in Vietnamese without tone marks (the user sees them on a USB
stick), why the copy was taken; a second copy in the same second gets a serial
(``…-khi-mo-2.sqlite3``, even after a ``…-khi-dong.sqlite3``). Only files named so are
listed as backups: an unfinished copy carries the ``.part`` suffix until it has been
checked. Copies named by earlier versions (``…-open.sqlite3``, ``…-manual.sqlite3``) are
still recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BACKUPS_DIR_NAME = "backups"
TIME_FORMAT = "%Y-%m-%dT%H-%M-%S"
PARTIAL_SUFFIX = ".part"
REASON_LABELS = {
    "open": "Khi mở chương trình",
    "close": "Khi đóng chương trình",
    "manual": "Sao lưu thủ công",
    "before-restore": "Trước khi khôi phục",
}
FILE_WORDS = {  # the reason as written in the file name
    "open": "khi-mo",
    "close": "khi-dong",
    "manual": "thu-cong",
    "before-restore": "truoc-khoi-phuc",
}
_REASON_BY_WORD = {word: reason for reason, word in FILE_WORDS.items()}
_REASON_BY_WORD |= {reason: reason for reason in FILE_WORDS}  # the English words of earlier versions
NAME_PATTERN = re.compile(
    r"cchc-(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)"
    rf"(?:-(?P<reason>{'|'.join(map(re.escape, _REASON_BY_WORD))}))?(?:-(?P<serial>\d+))?\.sqlite3"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str  # a key of REASON_LABELS, or "" for a file named otherwise

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, "Tệp sao lưu")

    @property
    def taken_at_label(self) -> str:
        return f"{self.taken_at:%d/%m/%Y %H:%M:%S}"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_DIR_NAME


def backup_file_name(taken_at: datetime, reason: str, serial: int = 1) -> str:
    suffix = f"-{serial}" if serial > 1 else ""
    return f"cchc-{taken_at.strftime(TIME_FORMAT)}-{FILE_WORDS[reason]}{suffix}.sqlite3"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = NAME_PATTERN.fullmatch(path.name)
    if not match:
        return None
    try:
        # fromisoformat, not strptime: the same check, without importing _strptime at start-up
        date_part, _, time_part = match["stamp"].partition("T")
        taken_at = datetime.fromisoformat(f"{date_part}T{time_part.replace('-', ':')}")
    except ValueError:  # month 13 and the like: not one of ours
        return None
    return BackupInfo(path, taken_at, _REASON_BY_WORD.get(match["reason"] or "", ""))


def describe_file(path: Path) -> BackupInfo:
    """A backup's info from its name, or from its modification time when renamed by hand."""
    parsed = parse_backup_name(path)
    if parsed:
        return parsed
    return BackupInfo(path, datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0), "")


def list_backups(folder: Path) -> list[BackupInfo]:
    """Complete backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = (parse_backup_name(path) for path in folder.iterdir() if path.is_file())
    return sorted((info for info in found if info), key=newest_first_key)


def newest_first_key(info: BackupInfo) -> tuple:
    """Sorts backups newest first; within one second, the higher serial first."""
    serial = NAME_PATTERN.fullmatch(info.path.name)["serial"]
    return (-info.taken_at.timestamp(), -int(serial or 1), info.path.name)


def free_name(folder: Path, taken_at: datetime, reason: str) -> Path:
    """The name for a new backup, taken by neither a backup nor an unfinished copy. Its
    serial is one above that of any copy of the same second, whatever that copy's reason,
    so that copies of one second sort in the order they were taken (``newest_first_key``)."""
    stamp = taken_at.strftime(TIME_FORMAT)
    serials = [int(match["serial"] or 1) for path in folder.glob(f"cchc-{stamp}*")
               if (match := NAME_PATTERN.fullmatch(path.name.removesuffix(PARTIAL_SUFFIX)))]
    return folder / backup_file_name(taken_at, reason, max(serials, default=0) + 1)


def partial_path(path: Path) -> Path:
    """Where the copy that will become ``path`` is written and checked first."""
    return path.with_name(path.name + PARTIAL_SUFFIX)
