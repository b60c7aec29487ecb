"""``cchc import``: read an appendix from an .xlsx or .docx file into a plan.

    cchc import FILE [--plan ID | --year YYYY] [--table N] [--dry-run]

Prints a summary (areas, tasks, warnings with their row numbers); then, unless
``--dry-run``, the id of the plan written to, alone on the last line (as ``cchc demo``
and ``cchc copy-plan`` do), so scripts can read it.
``add_parsers`` adds the command to the main parser; ``run`` runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cchc_desktop.cli_args import record_id


def add_parsers(commands) -> None:
    """Add ``import`` to the main parser's sub-commands."""
    parser = commands.add_parser(
        "import", help="nhập phụ lục nhiệm vụ từ tệp Excel (.xlsx) hoặc Word (.docx) và in mã kế hoạch"
    )
    parser.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .docx chứa bảng phụ lục")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--plan", type=record_id, help="thêm vào kế hoạch có mã này (mặc định: tạo kế hoạch mới)")
    target.add_argument("--year", type=int, help="năm của kế hoạch mới (mặc định: năm ghi trong tệp)")
    parser.add_argument("--table", type=record_id, help="số thứ tự của bảng cần nhập khi tệp có nhiều bảng (từ 1)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì vào dữ liệu")


def run(args: argparse.Namespace, opened_workspace: Callable) -> None:
    """Run ``cchc import``. ``opened_workspace(args)`` is the command line's context
    manager that opens the database (creating it in a new data directory) and takes the
    lock. A new plan's file is read and checked before it is called, so a file that cannot
    be imported, or a dry run, creates no data directory and no empty database; a dry run
    where data exist reads them for the doubts about where the tasks would go."""
    from cchc_desktop.importing import commit

    if args.plan is not None:
        with opened_workspace(args) as workspace:
            from cchc_desktop import repo

            plan_year = repo.get_plan(workspace.db, args.plan).year
            preview = _read_and_show(args, plan_year)
            _show_target_warnings(workspace.db, preview, plan_id=args.plan)
            if not args.dry_run:
                _report_commit(commit(workspace.db, preview, plan_id=args.plan), preview)
    else:
        preview = _read_and_show(args, args.year)
        if not args.dry_run or _has_data(args):
            with opened_workspace(args) as workspace:
                _show_target_warnings(workspace.db, preview, year=args.year)
                if not args.dry_run:
                    _report_commit(commit(workspace.db, preview, year=args.year), preview)
    if args.dry_run:
        print("Chạy thử: chưa ghi gì vào dữ liệu.")


def _read_and_show(args: argparse.Namespace, year: int | None):
    """Read the file into a preview (``year``, when given, is the plan's) and print its summary."""
    from cchc_desktop.importing import read_appendix, summary_lines

    preview = read_appendix(args.file, None if args.table is None else args.table - 1)
    if year is not None:
        preview.set_year(year)
    print("\n".join(summary_lines(preview)))
    return preview


def _show_target_warnings(db, preview, **target) -> None:
    """The doubts only the data can raise (another unit, tasks already in the plan),
    printed after the summary's own warnings."""
    from cchc_desktop.importing import target_warnings

    for warning in target_warnings(db, preview, **target):
        print(f"Cảnh báo: {warning}")


def _has_data(args: argparse.Namespace) -> bool:
    from cchc_desktop.errors import CchcError
    from cchc_desktop.paths import existing_data_dir

    try:
        existing_data_dir(args.data_dir)
    except CchcError:  # no database there yet (or no such folder): nothing to compare with
        return False
    return True


def _report_commit(plan_id: int, preview) -> None:
    print(f"Đã nhập {len(preview.tasks)} nhiệm vụ vào kế hoạch mã {plan_id}:")
    print(plan_id)
