"""Where exports can go: removable drives (USB sticks) first, then the user's folders."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REMOVABLE_FS = {"vfat", "exfat", "msdos", "ntfs", "ntfs3", "fuseblk"}
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW
SEM_FAILCRITICALERRORS, SEM_NOOPENFILEERRORBOX = 0x0001, 0x8000


@dataclass(frozen=True)
class Destination:
    path: Path
    label: str
    removable: bool
    free_bytes: int | None

    def describe(self) -> str:
        gigabytes = f"{self.free_bytes / 1024 ** 3:.1f}".replace(".", ",")  # the Vietnamese decimal comma
        free = f", còn trống {gigabytes} GB" if self.free_bytes is not None else ""
        kind = "USB / ổ rời" if self.removable else "Máy tính"
        return f"{self.label} ({kind}{free})"


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def removable_drives() -> list[Destination]:
    if sys.platform == "win32":
        return _windows_removable()
    return _posix_removable()


def _windows_removable() -> list[Destination]:
    import ctypes

    kernel = ctypes.windll.kernel32
    # An empty card-reader slot must not pop up Windows' "no disk" box: fail quietly.
    previous = kernel.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX)
    try:
        mask = kernel.GetLogicalDrives()
        found = []
        for index in range(26):
            root = f"{chr(65 + index)}:\\"
            if mask & (1 << index) and kernel.GetDriveTypeW(root) == DRIVE_REMOVABLE:
                label = _windows_label(root)
                if label is not None:  # None: a slot with no media in it
                    found.append(Destination(Path(root), label, True, _free(Path(root))))
        return found
    finally:
        kernel.SetErrorMode(previous)


def _windows_label(root: str) -> str | None:
    import ctypes

    name = ctypes.create_unicode_buffer(261)
    if not ctypes.windll.kernel32.GetVolumeInformationW(root, name, 261, None, None, None, None, 0):
        return None
    return f"{name.value} ({root[:2]})" if name.value else root[:2]


def _posix_removable(mounts_file: str = "/proc/mounts") -> list[Destination]:
    try:
        lines = Path(mounts_file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if parts[2] in REMOVABLE_FS and mount_point.startswith(REMOVABLE_ROOTS):
            path = Path(mount_point)
            found.append(Destination(path, path.name, True, _free(path)))
    return found


def user_folders() -> list[Destination]:
    home = Path.home()
    candidates = [home / "Documents", home / "Tài liệu", home / "Desktop", home]
    seen, found = set(), []
    for folder in candidates:
        if folder.is_dir() and folder not in seen and os.access(folder, os.W_OK):
            seen.add(folder)
            found.append(Destination(folder, str(folder), False, _free(folder)))
    return found


def destinations() -> list[Destination]:
    """Removable drives first (what an office carries upward), then local folders."""
    return removable_drives() + user_folders()
