"""``cchc export``: write a plan's documents to files, one written path per line.

    cchc export appendix --plan ID [--format pdf,xlsx] [--out DIR] [--draft]

``add_parsers`` adds the command to the main parser; ``COMMANDS`` maps it to its handler.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.cli_args import VietnameseArgumentParser, record_id


def add_parsers(commands) -> None:
    """Add ``export`` (with its targets) to the main parser's sub-commands."""
    export = commands.add_parser("export", help="xuất tài liệu của kế hoạch ra tệp (PDF, Excel)")
    targets = export.add_subparsers(dest="target", metavar="TÀI_LIỆU", parser_class=VietnameseArgumentParser)
    targets.required = True
    appendix = targets.add_parser("appendix", help="phụ lục nhiệm vụ của kế hoạch (Nghị định 30/2020/NĐ-CP)")
    appendix.add_argument("--plan", type=record_id, required=True, help="mã kế hoạch")
    appendix.add_argument(
        "--format", default="pdf,xlsx", help="các định dạng, cách nhau bởi dấu phẩy: pdf, xlsx (mặc định pdf,xlsx)"
    )
    appendix.add_argument("--out", default=".", help="thư mục lưu tệp (mặc định: thư mục hiện tại)")
    appendix.add_argument(
        "--draft", action="store_true", help="bản dự thảo: để trống số và ngày (Số:      /KH-UBND)"
    )


def cmd_export(workspace, args: argparse.Namespace) -> None:
    from cchc_desktop.export import export_appendix, parse_formats

    formats = parse_formats(args.format)
    if args.target == "appendix":
        for path in export_appendix(workspace.db, args.plan, Path(args.out), formats, draft=args.draft):
            print(path)


COMMANDS: dict[str, Callable] = {"export": cmd_export}
