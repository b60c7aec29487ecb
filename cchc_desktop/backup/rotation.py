"""Rotation of the automatic backups: which are kept, and removing the others.

Kept: the last KEEP_LAST backups, plus the newest of each of the last KEEP_MONTHS
months. Copies a killed process left unfinished go too, once they are old enough
not to be in progress elsewhere.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from cchc_desktop.backup.names import PARTIAL_SUFFIX, BackupInfo, list_backups, newest_first_key

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_MONTHS = 12
STALE_PARTIAL_SECONDS = 3600


def backups_to_keep(backups: Iterable[BackupInfo], now: datetime) -> set[Path]:
    """The last KEEP_LAST backups, plus the newest of each of the last KEEP_MONTHS months."""
    newest_first = sorted(backups, key=newest_first_key)
    keep = {info.path for info in newest_first[:KEEP_LAST]}
    months = set(_last_months(now, KEEP_MONTHS))
    for info in newest_first:
        month = (info.taken_at.year, info.taken_at.month)
        if month in months:
            keep.add(info.path)
            months.discard(month)
    return keep


def _last_months(now: datetime, count: int) -> list[tuple[int, int]]:
    """(year, month) of ``now``'s month and the ``count - 1`` months before it."""
    index = now.year * 12 + now.month - 1
    return [(year, month0 + 1) for year, month0 in (divmod(index - back, 12) for back in range(count))]


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups no longer kept, and copies left unfinished long ago."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now)
    removed = [info.path for info in backups if info.path not in keep]
    for path in removed:
        remove_quietly(path)
    _remove_stale_partials(folder)
    return removed


def remove_quietly(path: Path) -> None:
    """Delete a backup; one that cannot be deleted is only logged."""
    try:
        path.unlink(missing_ok=True)
        log.info("backup removed: %s", path)
    except OSError as exc:
        log.info("could not remove backup %s: %s", path, exc)


def _remove_stale_partials(folder: Path) -> None:
    """Copies a killed process never finished; recent ones may still be in progress elsewhere."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for path in folder.glob(f"cchc-*{PARTIAL_SUFFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
