"""The log file in the data directory: ``cchc-desktop.log``, rotated at start.

Expected failures (``CchcError``) get one line; anything else, a bug, gets its
full traceback, so whoever helps the user can read what happened.

The file is rotated when a session starts, not while it writes: one session never
logs a megabyte, and ``logging.handlers`` (which imports socket, pickle and queue)
would cost every start about 8 ms.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cchc_desktop.errors import CchcError

LOG_NAME = "cchc-desktop.log"
MAX_BYTES = 1_000_000
KEPT_FILES = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s"

log = logging.getLogger("cchc_desktop")


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


class LogFile:
    """The handler on the root logger while the window runs; ``close()`` takes it off."""

    def __init__(self, data_dir: Path):
        self.path = log_path(data_dir)
        rotate_if_large(self.path)
        self.handler = logging.FileHandler(self.path, encoding="utf-8", delay=True)
        self.handler.setFormatter(logging.Formatter(FORMAT))
        self.handler.setLevel(logging.INFO)
        root = logging.getLogger()
        self._previous_level = root.level
        root.addHandler(self.handler)
        if root.level > logging.INFO:
            root.setLevel(logging.INFO)

    def close(self) -> None:
        root = logging.getLogger()
        root.removeHandler(self.handler)
        root.setLevel(self._previous_level)
        self.handler.close()


def rotate_if_large(path: Path, max_bytes: int = MAX_BYTES, kept: int = KEPT_FILES) -> None:
    """``x.log`` → ``x.log.1`` → … → ``x.log.{kept}`` (the oldest dropped) once it outgrew ``max_bytes``."""
    try:
        if path.stat().st_size < max_bytes:
            return
        for number in range(kept - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        pass  # no log yet, or another copy of the program holds it (Windows): rotate next time


def log_error(error: BaseException) -> None:
    """Record an error shown to the user: a line if expected, the traceback if a bug."""
    if isinstance(error, CchcError):
        cause = error.__cause__
        if cause is None:
            log.warning("%s: %s", type(error).__name__, error.message)
        else:  # the system's own words, kept out of the Vietnamese message, are for whoever helps
            log.warning("%s: %s [cause: %s: %s]", type(error).__name__, error.message, type(cause).__name__, cause)
    else:
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
