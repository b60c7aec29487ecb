"""``cchc report``: write a plan's periodic report to files, one written path per line.

    cchc report --plan ID --period q1|h1|q3|m9|year [--format pdf,xlsx] --out DIR [--draft]

``add_parsers`` adds the command to the main parser; ``COMMANDS`` maps it to its handler.
The period is checked by the report itself, so a wrong one gets the same Vietnamese
message as everywhere else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.cli_args import record_id


def add_parsers(commands) -> None:
    report = commands.add_parser("report", help="xuất báo cáo kết quả thực hiện CCHC theo kỳ (PDF, Excel)")
    report.add_argument("--plan", type=record_id, required=True, help="mã kế hoạch")
    report.add_argument(
        "--period", required=True,
        help="kỳ báo cáo: q1 (quý I), h1 (6 tháng đầu năm), q3 (quý III), m9 (9 tháng), year (năm); "
             "cũng nhận q2, q4, h2",
    )
    report.add_argument(
        "--format", default="pdf,xlsx", help="các định dạng, cách nhau bởi dấu phẩy: pdf, xlsx (mặc định pdf,xlsx)"
    )
    report.add_argument("--out", default=".", help="thư mục lưu tệp (mặc định: thư mục hiện tại)")
    report.add_argument(
        "--draft", action="store_true",
        help="bản dự thảo: để trống số và ngày (Số:      /BC-UBND); báo cáo đã gửi luôn in như đã gửi",
    )


def cmd_report(workspace, args: argparse.Namespace) -> None:
    from cchc_desktop.export.appendix_export import parse_formats
    from cchc_desktop.report import check_period, export_report, report_warnings

    period = check_period(args.period)
    formats = parse_formats(args.format)
    for path in export_report(workspace.db, args.plan, period, Path(args.out), formats, draft=args.draft):
        print(path)
    for warning in report_warnings(workspace.db, args.plan, period):
        print(f"Cảnh báo: {warning}", file=sys.stderr)


COMMANDS: dict[str, Callable] = {"report": cmd_report}
