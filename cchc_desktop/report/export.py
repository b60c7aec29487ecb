"""Export a periodic report to files: the one call the CLI and the window both use.

A sent report is exported from its frozen snapshot, so it comes out as it was sent.
Files are written safely (temporary name, read back, atomic rename).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from cchc_desktop import repo
from cchc_desktop.export.appendix_export import FORMATS, parse_formats
from cchc_desktop.export.filenames import document_file_name, plan_tag
from cchc_desktop.export.safe_write import ensure_folder, write_document, write_in_turn
from cchc_desktop.progress import portion
from cchc_desktop.report.model import ReportDocument
from cchc_desktop.report.pdf_report import write_report_pdf
from cchc_desktop.report.store import ReportNaming, load_report_document, report_naming
from cchc_desktop.report.xlsx_report import write_report_xlsx
from cchc_desktop.sqlite_db import Database

BUILDING_SHARE = 0.05  # of the progress bar: a 10,000-task report is worked out in 0.1 s, written (PDF, xlsx) in 3.5 s

# How each period reads in a file name: BC_CCHC_Quy_I_2024_Phuong_1.pdf
PERIOD_FILE_WORDS = {
    "q1": "Quý I", "q2": "Quý II", "h1": "6 tháng đầu năm", "q3": "Quý III",
    "m9": "9 tháng", "q4": "Quý IV", "h2": "6 tháng cuối năm", "year": "Năm",
}


def report_file_name(document: ReportDocument | ReportNaming, extension: str, tag: str = "") -> str:
    """``BC_CCHC_Quy_I_2024_Phuong_1.pdf`` (``_du_thao`` before the extension for a draft;
    ``tag``, from ``filenames.plan_tag``, after the year)."""
    head = f"BC_CCHC {PERIOD_FILE_WORDS[document.period]} {document.year}"
    return document_file_name(head, document.unit_name, extension, document.is_draft, tag)


def report_tag(db: Database, plan_id: int) -> str:
    """What tells the report's files from those of the unit's other plans of the same year."""
    plan = repo.get_plan(db, plan_id)
    return plan_tag(plan, [other for other in repo.unit_plans(db, plan.unit_id) if other.year == plan.year])


def report_target_name(db: Database, plan_id: int, period: str, extension: str, draft: bool = False) -> str:
    """The name ``export_report`` writes the report under."""
    return report_file_name(report_naming(db, plan_id, period, draft), extension, report_tag(db, plan_id))


def export_report(db: Database, plan_id: int, period: str, out_dir: Path, formats=FORMATS,
                  draft: bool = False) -> list[Path]:
    """Write the report of ``plan_id`` for ``period`` into ``out_dir`` in each format."""
    formats = parse_formats(",".join(formats))
    with portion(0.0, BUILDING_SHARE):  # working the figures out: every task tracked
        document = load_report_document(db, plan_id, period, draft=draft)
    with portion(BUILDING_SHARE, 1.0):
        return write_report_files(document, Path(out_dir), formats, report_tag(db, plan_id))


def write_report_files(document: ReportDocument, out_dir: Path, formats=FORMATS, tag: str = "") -> list[Path]:
    folder = ensure_folder(Path(out_dir))
    return write_in_turn([
        partial(_write, document, folder / report_file_name(document, fmt, tag), fmt) for fmt in formats
    ])


def _write(document: ReportDocument, target: Path, fmt: str) -> Path:
    return write_document(target, fmt, lambda path: write_report_pdf(document, path),
                          lambda path: write_report_xlsx(document, path))
