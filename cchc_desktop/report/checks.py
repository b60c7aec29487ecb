"""What is worth telling the user before a periodic report goes out: things the program
prints as asked but a reader upstream would send back. Said as Vietnamese sentences,
shown beside the report in the window and on standard error by ``cchc report``."""

from __future__ import annotations

from collections.abc import Sequence

from cchc_desktop import repo
from cchc_desktop.deadlines import dmy
from cchc_desktop.export.appendix_data import clean_text
from cchc_desktop.periods import title, window
from cchc_desktop.report.build import build_report, check_period
from cchc_desktop.report.model import ReportDocument
from cchc_desktop.report.records import get_report
from cchc_desktop.report.template import placeholders_in
from cchc_desktop.sqlite_db import Database
from cchc_desktop.tracking import plan_schedule

# The two sections printed without a heading, as the user knows them.
UNTITLED_SECTIONS = {"opening": "Phần mở đầu", "closing": "Phần kết"}

NO_ADDRESSEE = (
    "Chưa có cơ quan nhận báo cáo: dòng “Kính gửi” được để chấm chấm để điền tay. "
    "Hãy nhập ở ô “Kính gửi” của báo cáo, hoặc ô “Cơ quan nhận báo cáo” "
    "(Kế hoạch > Thông tin kế hoạch và đơn vị)."
)

NO_TASKS = ("Kế hoạch chưa có nhiệm vụ nào: báo cáo sẽ ghi “đề ra 0 nhiệm vụ” và mọi tỷ lệ 0%. "
            "Hãy nhập phụ lục nhiệm vụ trước khi báo cáo.")


def report_warnings(db: Database, plan_id: int, period: str, document: ReportDocument | None = None) -> list[str]:
    """The warnings for the report of ``plan_id`` for ``period``; none for one already
    sent, which is printed as it was sent. ``document``: that report, already built."""
    period = check_period(period)
    plan = repo.get_plan(db, plan_id)
    stored = get_report(db, plan_id, period)
    if stored is not None and stored.is_sent:
        return []
    warnings = []
    recipient = (stored.recipient if stored else "") or repo.document_unit(db, plan).report_recipient
    if not clean_text(recipient).strip():
        warnings.append(NO_ADDRESSEE)
    _start, end = window(period, plan.year, plan_schedule(db, plan_id))
    if plan.issued_on is not None and end < plan.issued_on:
        warnings.append(
            f"Báo cáo {title(period, plan.year)} lấy số liệu đến ngày {dmy(end)}, trước ngày ban hành "
            f"kế hoạch ({dmy(plan.issued_on)}): kế hoạch chưa có hiệu lực trong kỳ này. Hãy kiểm tra lại kỳ báo cáo."
        )
    if repo.task_count(db, plan_id) == 0:
        warnings.append(NO_TASKS)
    warnings += unfilled_placeholder_warnings(document or build_report(db, plan_id, period))
    return warnings


def unfilled_placeholder_warnings(document: ReportDocument) -> list[str]:
    """A ``{name}`` left in the text once the figures are filled in is a mistyped name:
    it would print as it is."""
    found = (unfilled_placeholder_warning(section.heading or UNTITLED_SECTIONS.get(section.key, section.key),
                                          section.paragraphs) for section in document.sections)
    return [warning for warning in found if warning]


def unfilled_placeholder_warning(section_name: str, filled: Sequence[str]) -> str:
    """The warning for one section's ``filled`` paragraphs; "" when none is left."""
    names = sorted(placeholders_in("\n".join(filled)))
    if not names:
        return ""
    listed = ", ".join(f"{{{name}}}" for name in names)
    return (f"Mục “{section_name}” có {listed} không phải tên số liệu nào: sẽ in nguyên văn. "
            "Hãy sửa theo tên trong văn bản mẫu.")
