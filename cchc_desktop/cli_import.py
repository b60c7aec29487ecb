"""``cchc import``: read an appendix from an .xlsx or .docx file into a plan.

    cchc import FILE [--plan ID | --year YYYY] [--table N] [--dry-run]

Prints a summary (areas, tasks, warnings with their row numbers); then, unless
``--dry-run``, the id of the plan written to, alone on the last line (as ``cchc demo``
and ``cchc copy-plan`` do), so scripts can read it.
``add_parsers`` adds the command to the main parser; ``COMMANDS`` maps it to its handler.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cchc_desktop.cli_args import record_id
from cchc_desktop.errors import UserInputError


def add_parsers(commands) -> None:
    """Add ``import`` to the main parser's sub-commands."""
    parser = commands.add_parser(
        "import", help="nhập phụ lục nhiệm vụ từ tệp Excel (.xlsx) hoặc Word (.docx) và in mã kế hoạch"
    )
    parser.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .docx chứa bảng phụ lục")
    parser.add_argument("--plan", type=record_id, help="thêm vào kế hoạch có mã này (mặc định: tạo kế hoạch mới)")
    parser.add_argument("--year", type=int, help="năm của kế hoạch mới (mặc định: năm ghi trong tệp)")
    parser.add_argument("--table", type=int, help="số thứ tự của bảng cần nhập khi tệp có nhiều bảng (từ 1)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì vào dữ liệu")


def cmd_import(workspace, args: argparse.Namespace) -> None:
    """``workspace`` is None for ``--dry-run`` of a new plan, which needs no database
    (``cli.reads_only_the_file``)."""
    from cchc_desktop.importing import commit, read_appendix, summary_lines

    if args.plan is not None and args.year is not None:
        raise UserInputError("Chỉ dùng một trong hai tham số: --plan (thêm vào kế hoạch có sẵn) hoặc --year (kế hoạch mới).")
    if args.table is not None and args.table < 1:
        raise UserInputError("Tham số --table đánh số từ 1.")
    preview = read_appendix(args.file, None if args.table is None else args.table - 1)
    if args.year is not None:
        preview.set_year(args.year)
    elif args.plan is not None:
        from cchc_desktop import repo

        preview.set_year(repo.get_plan(workspace.db, args.plan).year)
    print("\n".join(summary_lines(preview)))
    if args.dry_run:
        print("Chạy thử: chưa ghi gì vào dữ liệu.")
        return
    plan_id = commit(workspace.db, preview, plan_id=args.plan, year=args.year)
    print(f"Đã nhập {len(preview.tasks)} nhiệm vụ vào kế hoạch mã {plan_id}:")
    print(plan_id)


COMMANDS: dict[str, Callable] = {"import": cmd_import}
