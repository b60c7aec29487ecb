"""The ``cchc`` command line. User errors print one Vietnamese line and exit 2."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from cchc_desktop import __version__, cli_backup, cli_export, cli_import, cli_report, repo
from cchc_desktop.cli_args import EXIT_USER_ERROR, VietnameseArgumentParser, add_common_options, iso_date, record_id
from cchc_desktop.demo import load_demo
from cchc_desktop.changes import apply
from cchc_desktop.edits.plans import copy_plan_to_year
from cchc_desktop.errors import CchcError, UserInputError
from cchc_desktop.instance_lock import InstanceLock
from cchc_desktop.os_errors import environment_problem, is_environment_error
from cchc_desktop.paths import existing_data_dir
from cchc_desktop.search import TaskFilter
from cchc_desktop.tracking import track_plan
from cchc_desktop.workspace import Workspace


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(
        prog="cchc", description="CCHC Desktop: dòng lệnh quản lý kế hoạch cải cách hành chính."
    )
    add_common_options(parser, "thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng hoặc CCHC_DATA_DIR)",
                       f"cchc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseArgumentParser)
    commands.required = True
    commands.add_parser("demo", help="nạp kế hoạch mẫu (Phường 1, năm 2024) và in mã kế hoạch")
    plans = commands.add_parser("plans", help="liệt kê các kế hoạch")
    _add_format(plans)
    tasks = commands.add_parser("tasks", help="liệt kê nhiệm vụ của một kế hoạch theo Stt")
    tasks.add_argument("--plan", type=record_id, required=True, help="mã kế hoạch")
    tasks.add_argument("--at", type=iso_date, help="tính trạng thái đến ngày YYYY-MM-DD (mặc định hôm nay)")
    tasks.add_argument("--search", default="", help="chỉ in nhiệm vụ có chứa các từ này (không phân biệt hoa thường, dấu)")
    _add_format(tasks)
    copy = commands.add_parser("copy-plan", help="sao chép kế hoạch sang năm mới và in mã kế hoạch mới")
    copy.add_argument("--plan", type=record_id, required=True, help="mã kế hoạch gốc")
    copy.add_argument("--year", type=int, required=True, help="năm của kế hoạch mới")
    cli_backup.add_parsers(commands)
    cli_export.add_parsers(commands)
    cli_report.add_parsers(commands)
    cli_import.add_parsers(commands)
    return parser


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv", help="định dạng in ra (mặc định tsv)")


def cmd_demo(workspace: Workspace, args) -> None:
    print(load_demo(workspace.db))


def cmd_plans(workspace: Workspace, args) -> None:
    rows = [
        {"id": p.id, "year": p.year, "title": p.title, "unit": p.unit, "tasks": p.tasks}
        for p in repo.list_plans(workspace.db)
    ]
    _print_rows(rows, args.format, ["id", "year", "title", "unit", "tasks"])


TASK_COLUMNS = ["stt", "area", "content", "lead", "supporting", "output", "deadline_text", "due_dates", "status"]


def task_rows(workspace: Workspace, plan_id: int, at: date | None = None, search: str = "") -> list[dict]:
    """The plan's tasks in Stt order, as written, with their due dates and status at ``at``."""
    at = at or date.today()
    area_titles = {area.id: area.title for area in repo.list_areas(workspace.db, plan_id)}
    wanted = TaskFilter(text=search)
    rows = []
    for tracking in track_plan(workspace.db, plan_id, at):
        if not wanted.accepts(tracking):
            continue
        task = tracking.task
        rows.append({
            "stt": task.stt,
            "area": area_titles[task.area_id],
            "content": task.content,
            "lead": task.lead,
            "supporting": task.supporting,
            "output": task.output,
            "deadline_text": task.deadline_text,
            "due_dates": [due.isoformat() for due in tracking.due_dates],
            "status": tracking.status.cls,
        })
    return rows


def cmd_tasks(workspace: Workspace, args) -> None:
    _print_rows(task_rows(workspace, args.plan, args.at, args.search), args.format, TASK_COLUMNS)


def cmd_copy_plan(workspace: Workspace, args) -> None:
    if not 2000 <= args.year <= 2100:
        raise UserInputError(f"Năm {args.year} không hợp lệ (2000–2100).")
    change = copy_plan_to_year(workspace.db, args.plan, args.year)
    apply(workspace.db, change)
    print(next(row.key["id"] for row in change.rows if row.table == "plan"))


def _print_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print("\t".join(columns))
    for row in rows:
        print("\t".join(_tsv_cell(row[column]) for column in columns))


def _tsv_cell(value) -> str:
    if isinstance(value, list):
        value = ",".join(value)
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


COMMANDS: dict[str, Callable] = {
    "demo": cmd_demo, "plans": cmd_plans, "tasks": cmd_tasks, "copy-plan": cmd_copy_plan,
    **cli_export.COMMANDS,
    **cli_report.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_output()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except CchcError as error:
        return _fail(error)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, BrokenPipeError):
            return _reader_went_away()
        if not is_environment_error(exc):
            raise
        return _fail(environment_problem(exc, f"thực hiện lệnh {args.command}"))


# Which commands may start a new data directory: the one rule, for every command.
#
# Only a command that brings its own data may create the data directory and its database:
# ``demo`` (the sample plan), ``import FILE`` as a new plan (without --plan) and ``restore``
# (a backup, say onto a new computer). Every other command reads, changes or exports data
# that must already be there (plans, tasks, copy-plan, export, report, backup, check,
# import --plan): a data directory without a database is a mistyped --data-dir, or a
# machine with no data yet, and is refused with exit 2 before anything (directory,
# database, lock) is created, since a new empty database would look as if the user's plans
# were gone. ``import`` of a new plan reads the file first: a dry run, or a file that
# cannot be imported, opens no database (``cli_import.run``).
def may_create_data(args) -> bool:
    return args.command in ("demo", "restore") or (args.command == "import" and args.plan is None)


def _run(args) -> int:
    if not may_create_data(args):
        existing_data_dir(args.data_dir)  # raises NoDataHere: nothing is created
    if args.command in cli_backup.COMMANDS:  # they open (or refuse to open) the database themselves
        return cli_backup.run(args)
    if args.command == "import":  # reads the file first: opens the database only to write it
        cli_import.run(args, opened_workspace)
        return 0
    with opened_workspace(args) as workspace:
        COMMANDS[args.command](workspace, args)
    return 0


@contextmanager
def opened_workspace(args) -> Iterator[Workspace]:
    """The data directory's database, opened (created if new), under the instance lock
    when the command changes plans."""
    workspace = Workspace.open(args.data_dir)
    lock = InstanceLock(workspace.data_dir)
    try:
        if writes_plans(args):
            lock.acquire()
        yield workspace
    finally:
        lock.release()
        workspace.close()


def writes_plans(args) -> bool:
    """Commands that change plans wait for the window to close: its undo history must
    never replay over rows changed behind its back."""
    return args.command in ("demo", "copy-plan") or (args.command == "import" and not args.dry_run)


def _fail(error: CchcError) -> int:
    print(f"Lỗi: {error.message}", file=sys.stderr)
    return EXIT_USER_ERROR


def _reader_went_away() -> int:
    """``cchc tasks … | head``: the reader closed the pipe, which is not an error of ours.
    Standard output is pointed at the null device so that Python's own flush at exit
    does not fail on it again (the recipe of Python's documentation on SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def _use_utf8_output() -> None:
    """Windows consoles default to a legacy code page; Vietnamese needs UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
