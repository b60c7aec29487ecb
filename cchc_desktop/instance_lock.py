"""One running window per data directory.

The window holds an OS lock on ``cchc-desktop.lock`` in the data directory for as
long as it runs (``flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS drops
the lock when the process ends, however it ends, so a crash never leaves a stale
lock behind. The command line does not take it: SQLite's WAL lets it read beside
the window.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import IO

from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.os_errors import environment_problem

log = logging.getLogger(__name__)

LOCK_NAME = "cchc-desktop.lock"
# What a non-blocking lock attempt raises when another process holds the lock.
HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}

if os.name == "nt":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class AlreadyRunning(EnvironmentProblem):
    """Another CCHC Desktop window has this data directory open."""


def already_running_message(data_dir: Path) -> str:
    return (
        f"CCHC Desktop đang chạy với thư mục dữ liệu này ({data_dir}). "
        "Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại."
    )


class InstanceLock:
    """``with InstanceLock(data_dir):`` or ``acquire()`` … ``release()``."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> "InstanceLock":
        if self.held:
            return self
        handle = self._open()
        try:
            _lock(handle)
        except OSError as exc:
            if exc.errno in HELD_ELSEWHERE:
                handle.close()
                raise AlreadyRunning(already_running_message(self.data_dir)) from None
            # A file system without locks (some network shares): run, but say so in the log.
            log.info("instance lock unavailable on %s: %s", self.path, exc)
        self._handle = handle
        self._write_pid()
        return self

    def _open(self) -> IO[bytes]:
        try:
            return self.path.open("a+b")
        except OSError as exc:
            raise environment_problem(exc, f"tạo tệp khóa trong {self.data_dir}") from exc

    def _write_pid(self) -> None:
        """For whoever looks at the file; the lock, not the content, is what counts."""
        try:
            self._handle.truncate(0)
            self._handle.write(f"{os.getpid()}\n".encode())
            self._handle.flush()
        except OSError:
            pass

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        except OSError:
            pass  # closing the file drops the lock anyway
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()
