"""Build the one-folder package with PyInstaller: dist/cchc-desktop/ holding cchc-desktop and cchc.

    python scripts/build.py [--keep-all] [--dist DIR] [--work DIR]

Needs the build extra (pip install -e ".[build]"). Prints the build time and the folder's size;
--keep-all skips dropping the unused Qt parts, to measure what that saves.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "cchc-desktop"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def executable(folder: Path, name: str = NAME) -> Path:
    """The program ``name`` inside a built folder (``cchc-desktop`` or ``cchc``)."""
    return folder / f"{name}{EXE_SUFFIX}"


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build(dist: Path, work: Path, keep_all: bool = False, quiet: bool = False) -> Path:
    """Run PyInstaller on build.spec; return the built folder."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist), "--workpath", str(work)]
    if quiet:
        command.append("--log-level=WARN")
    command.append(str(ROOT / "build.spec"))
    if keep_all:
        command += ["--", "--keep-all"]
    subprocess.run(command, cwd=ROOT, check=True)
    return dist / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the folder goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default build/)")
    parser.add_argument("--keep-all", action="store_true", help="keep every Qt part (to measure the trimming)")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('Lỗi: chưa cài PyInstaller. Chạy: pip install -e ".[build]"', file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        folder = build(args.dist, args.work, keep_all=args.keep_all)
    except subprocess.CalledProcessError as error:
        print(f"Lỗi: PyInstaller thoát với mã {error.returncode}.", file=sys.stderr)
        return 1
    print(f"{folder}: {folder_size(folder) / 2**20:.0f} MiB, built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
