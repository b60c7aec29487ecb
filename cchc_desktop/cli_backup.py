"""``cchc backup``, ``cchc restore`` and ``cchc check``.

These commands open the database themselves, before the usual ``Workspace.open``:
``check`` must neither create a database nor fail to report a damaged one, and
``restore`` must still work when the current file is damaged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_desktop import integrity
from cchc_desktop.backup import (
    ContentSummary,
    backup_to_folder,
    backups_dir,
    describe_file,
    other_units_warning,
    restore_backup,
    rotate,
    unit_names,
    units_label,
    write_backup,
)
from cchc_desktop.cli_args import EXIT_USER_ERROR
from cchc_desktop.errors import CchcError, UserInputError
from cchc_desktop.instance_lock import InstanceLock
from cchc_desktop.paths import database_path, ensure_data_dir, resolve_data_dir
from cchc_desktop.workspace import Workspace

EXIT_UNSOUND = 1

def add_parsers(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu (mặc định vào thư mục backups/ của thư mục dữ liệu), in đường dẫn bản sao"
    )
    backup.add_argument("--out", metavar="THƯ_MỤC", help="ghi bản sao vào thư mục này (ví dụ USB)")
    restore = commands.add_parser("restore", help="khôi phục từ một bản sao lưu (trạng thái hiện tại được sao lưu trước)")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu cchc-….sqlite3")
    commands.add_parser(
        "check", help="kiểm tra cơ sở dữ liệu: thoát 0 nếu tốt, 1 kèm lý do nếu không, 2 nếu không có dữ liệu"
    )


def cmd_backup(args: argparse.Namespace) -> int:
    workspace = Workspace.open(args.data_dir)  # cli.py has refused a data directory without data
    try:
        if args.out:
            info = backup_to_folder(workspace, Path(args.out))
        else:
            folder = backups_dir(workspace.data_dir)
            info = write_backup(workspace.db.conn, folder, "manual")
            rotate(folder)
    finally:
        workspace.close()
    print(info.path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore under the instance lock: never beneath an open window."""
    source = Path(args.file)
    if not source.is_file():
        raise UserInputError(f"Không tìm thấy tệp sao lưu {source}.")
    data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
    with InstanceLock(data_dir):
        try:
            workspace = integrity.open_checked(data_dir)
        except integrity.DamagedDatabase:
            return _recover(data_dir, source)
        try:
            report = restore_and_report(workspace, source)
        finally:
            workspace.close()
    print(report)
    return 0


def restore_and_report(workspace: Workspace, source: Path) -> str:
    units_before = unit_names(workspace.db.conn)
    report = restore_backup(workspace, source)
    lines = [_restored_line(source, report.content)]
    warning = other_units_warning(units_before, report.content)
    if warning:
        lines.append(warning)
    if report.safety_copy:
        lines.append(f"Dữ liệu trước khi khôi phục đã được sao lưu tại: {report.safety_copy}")
    return "\n".join(lines)


def _recover(data_dir: Path, source: Path) -> int:
    recovery = integrity.recover_from_backup(data_dir, source)
    recovery.workspace.close()
    print(_restored_line(source, recovery.content))
    print(f"Tệp cơ sở dữ liệu hỏng được giữ lại tại: {recovery.set_aside}")
    return 0


def _restored_line(source: Path, content: ContentSummary) -> str:
    taken_at = describe_file(source).taken_at
    whose = f" của {units_label(content.units)}" if content.units else ""
    return (
        f"Đã khôi phục từ {source} (sao lưu lúc {taken_at:%d/%m/%Y %H:%M:%S}){whose}: "
        f"{content.plans} kế hoạch, {content.tasks} nhiệm vụ."
    )


def cmd_check(args: argparse.Namespace) -> int:
    try:
        content = integrity.check(args.data_dir)
    except CchcError as error:
        print(f"Lỗi: {error.message}", file=sys.stderr)
        return EXIT_UNSOUND
    db_path = database_path(resolve_data_dir(args.data_dir))
    print(f"Cơ sở dữ liệu tốt: {db_path} ({content.plans} kế hoạch, {content.tasks} nhiệm vụ).")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
}


def run(args: argparse.Namespace) -> int:
    """Run one of these commands; a user or environment error prints one line and exits 2."""
    try:
        return COMMANDS[args.command](args)
    except CchcError as error:
        print(f"Lỗi: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
