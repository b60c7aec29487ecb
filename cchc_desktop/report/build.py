"""``build_report``: the periodic report of a plan as plain data (a ``ReportDocument``).

Everything the reader will see is decided here: the header lines, the title, the
data window, the figures (tasks judged as they stood at the end of the window), the
narrative from the template and the user's text, Nơi nhận, the signature and the
appendix table. The PDF and xlsx writers only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from cchc_desktop import repo
from cchc_desktop.deadlines import dmy
from cchc_desktop.errors import UserInputError
from cchc_desktop.export.appendix_data import clean_text, document_number, has_decision
from cchc_desktop.export.vn_dates import blank_date_words, date_words
from cchc_desktop.models import Plan, Unit
from cchc_desktop.periods import get_period, report_title, submission_due, title
from cchc_desktop.report.figures import class_counts, count_placeholders, indicator_placeholders
from cchc_desktop.report.model import Header, ReportDocument, Signature, StatusAppendix
from cchc_desktop.report.records import StoredReport, get_report
from cchc_desktop.report.sections import build_sections, section_slots
from cchc_desktop.report.tables import area_reports, indicator_rows
from cchc_desktop.report.template import ReportTemplate, load_template
from cchc_desktop.sqlite_db import Database
from cchc_desktop.tracking import plan_schedule, track_period
from cchc_desktop.unit_names import BODY_PREFIX, issuing_body_in_text

REPORT_PERIODS = ("q1", "q2", "h1", "q3", "m9", "q4", "h2", "year")
REPORT_SYMBOL = "BC-UBND"
TOTAL_LABEL = "Tổng cộng"
APPENDIX_HEADING = "Phụ lục"
DEFAULT_AUTHORITY, DEFAULT_SIGNER_TITLE = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
DEFAULT_ARCHIVE = "Lưu: VT"
SAME_AS_ABOVE = "Như trên"
# Kính gửi with no recipient set anywhere: a line to fill in by hand (report_warnings says so).
BLANK_ADDRESSEE = "…" * 24


def check_period(period: str) -> str:
    """The period code, or a one-line Vietnamese error naming the accepted ones."""
    code = (period or "").strip().lower()
    if code not in REPORT_PERIODS:
        raise UserInputError(
            f"Kỳ báo cáo '{period}' không hợp lệ. Chọn một trong: {', '.join(REPORT_PERIODS)}."
        )
    return code


def build_report(db: Database, plan_id: int, period: str, narrative: Mapping[str, str] | None = None,
                 *, draft: bool = False, template: ReportTemplate | None = None) -> ReportDocument:
    """The report of ``plan_id`` for ``period`` as it stands now.

    The number, date, recipient and text saved with the report are used; ``narrative``
    (section key -> text) overrides the saved text, e.g. for a preview of unsaved edits.
    ``draft`` leaves the number and the day blank even when they are known.
    """
    return report_with_values(db, plan_id, period, narrative, draft=draft, template=template)[0]


def report_with_values(db: Database, plan_id: int, period: str, narrative: Mapping[str, str] | None = None,
                       *, draft: bool = False, template: ReportTemplate | None = None
                       ) -> tuple[ReportDocument, dict[str, str]]:
    """``build_report``, and the placeholders' values it filled in: with them, a section's
    text is filled again as it is typed without working the figures out again."""
    period = check_period(period)
    plan = repo.get_plan(db, plan_id)
    unit = repo.document_unit(db, plan)
    stored = get_report(db, plan_id, period) or StoredReport(0, plan_id, period)
    is_draft = is_draft_report(stored, draft)
    (start, end), trackings = track_period(db, plan_id, period)
    areas = area_reports(db, plan_id, trackings, end)
    overall = class_counts(TOTAL_LABEL, (t.status.cls for t in trackings))
    indicators = indicator_rows(db, plan_id, period)
    template = template or load_template()
    values = _common_placeholders(plan, unit, period, start, end) | count_placeholders(overall) \
        | indicator_placeholders(indicators)
    overrides = dict(stored.narrative) | dict(narrative or {})
    recipient = clean_text(stored.recipient or unit.report_recipient).strip()
    document = ReportDocument(
        period=period,
        year=plan.year,
        unit_name=document_unit_name(unit),
        header=_header(db, plan, unit, period, stored, is_draft),
        doc_type=report_title(period, plan.year).doc_type,
        subject=report_title(period, plan.year).subject,
        window_start=start.isoformat(),
        window_end=end.isoformat(),
        window_line=f"Thời gian lấy số liệu: từ ngày {dmy(start)} đến ngày {dmy(end)}",
        recipient_line=f"Kính gửi: {recipient or BLANK_ADDRESSEE}",
        overall=overall,
        areas=areas,
        indicators=indicators,
        sections=build_sections(section_slots(template, areas, bool(indicators)), template, overrides, values),
        recipients=recipient_lines(plan.recipients, addressee=recipient),
        signature=_signature(plan),
        appendix=_appendix(db, plan, unit, period, stored, is_draft, end),
        is_draft=is_draft,
    )
    return document, values


def is_draft_report(stored: StoredReport, draft: bool = False) -> bool:
    """A report prints as a draft when asked to, or while its number or day is missing."""
    return draft or not stored.number.strip() or stored.issued_on is None


def document_unit_name(unit: Unit) -> str:
    return clean_text(unit.name).strip()


# Header ---------------------------------------------------------------------------

def _header(db: Database, plan: Plan, unit: Unit, period: str, stored: StoredReport, is_draft: bool) -> Header:
    place = clean_text(unit.place_name or unit.name).strip()
    return Header(
        parent_body=clean_text(unit.parent_body).strip().upper(),
        issuing_body=issuing_body_lines(unit),
        number=f"Số: {document_number(stored.number, REPORT_SYMBOL, blank=is_draft)}",
        place_date=f"{place}, {_issue_date_words(db, plan, period, stored, is_draft)}",
    )


def issuing_body_lines(unit: Unit) -> tuple[str, ...]:
    """``ỦY BAN NHÂN DÂN PHƯỜNG 1`` -> (``ỦY BAN NHÂN DÂN``, ``PHƯỜNG 1``), as printed."""
    name = clean_text(unit.name).strip().upper()
    body = " ".join(clean_text(unit.issuing_body).split()).upper() or f"{BODY_PREFIX} {name}".strip()
    return split_after_body_type(body)


def split_after_body_type(body: str) -> tuple[str, ...]:
    """``ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG`` -> (``ỦY BAN NHÂN DÂN``, ``THÀNH PHỐ HẢI PHÒNG``):
    where a body's name breaks in a header, never inside the place's name."""
    for prefix in (BODY_PREFIX, "UỶ BAN NHÂN DÂN"):
        rest = body[len(prefix):].strip()
        if body.startswith(prefix) and rest:
            return (body[:len(prefix)], rest)
    return (body,)


def _issue_date_words(db: Database, plan: Plan, period: str, stored: StoredReport, is_draft: bool) -> str:
    """``ngày 05 tháng 3 năm 2024``; a draft keeps the day blank (``ngày    tháng 3 năm 2024``),
    in the month the report is due when no date has been set."""
    if not is_draft:
        return date_words(stored.issued_on)
    when = stored.issued_on or expected_issue_month(db, plan, period)
    return blank_date_words(when.year, when.month)


def expected_issue_month(db: Database, plan: Plan, period: str) -> date:
    """When the report is due if the plan says so, else the last month of the period."""
    due = submission_due(period, plan.year, plan_schedule(db, plan.id))
    return due or date(plan.year, get_period(period).last_month, 1)


# Running text -----------------------------------------------------------------------

def _common_placeholders(plan: Plan, unit: Unit, period: str, start: date, end: date) -> dict[str, str]:
    return {
        "don_vi": issuing_body_in_text(unit),
        "ten_don_vi": clean_text(unit.name).strip(),
        "ky_bao_cao": title(period, plan.year),
        "nam": str(plan.year),
        "tu_ngay": dmy(start),
        "den_ngay": dmy(end),
        "ke_hoach": plan_reference(plan, unit),
        "ke_hoach_cchc": plan_name(plan),
    }


def plan_name(plan: Plan) -> str:
    """``Kế hoạch cải cách hành chính năm 2024`` (or ``… 6 tháng cuối năm 2025``)."""
    period = clean_text(plan.period_label).strip() or f"năm {plan.year}"
    return f"Kế hoạch cải cách hành chính {period}"


def plan_reference(plan: Plan, unit: Unit) -> str:
    """The plan as the opening sentence cites it: by its approving decision if it has
    one (``Quyết định số 55/QĐ-UBND ngày 29/02/2024 của … ban hành Kế hoạch …``),
    else by its own number and date, else by its name."""
    body = issuing_body_in_text(unit)
    if has_decision(plan):
        issuer = clean_text(plan.decision_issuer).strip() or f"Chủ tịch {body}"
        cited = _cited("Quyết định", plan.decision_number, plan.decision_date)
        return f"{cited} của {issuer} ban hành {plan_name(plan)}"
    if plan.number.strip():
        period = clean_text(plan.period_label).strip() or f"năm {plan.year}"
        return f"{_cited('Kế hoạch', plan.number, plan.issued_on)} của {body} về cải cách hành chính {period}"
    return f"{plan_name(plan)} của {body}"


def _cited(kind: str, number: str, on: date | None) -> str:
    number = clean_text(number).strip()
    parts = [kind] + ([f"số {number}"] if number else []) + ([f"ngày {dmy(on)}"] if on else [])
    return " ".join(parts)



# Closing ----------------------------------------------------------------------------

def recipient_lines(entries, addressee: str) -> tuple[str, ...]:
    """Nơi nhận as the decree prints it: ``- …;`` per line, the last ``- Lưu: VT.``.

    The list starts with ``- Như trên;`` (the body named in "Kính gửi"); an entry of the
    plan's list that names that body again (``Sở Nội vụ`` under "Kính gửi: Sở Nội vụ
    tỉnh …") is left out. The plan's own "Lưu: …" entry, if it has one, ends the list
    instead of the default.
    """
    bare = [item for item in (_bare(entry) for entry in entries) if item]
    archive = next((item for item in bare if item.casefold().startswith("lưu")), DEFAULT_ARCHIVE)
    others = [item for item in bare if not item.casefold().startswith("lưu") and not _names(addressee, item)]
    if not any(item.casefold().startswith(SAME_AS_ABOVE.casefold()) for item in others):
        others.insert(0, SAME_AS_ABOVE)
    return tuple(f"- {item};" for item in others) + (f"- {archive}.",)


def _names(addressee: str, entry: str) -> bool:
    """Whether Nơi nhận's ``entry`` ("Sở Nội vụ (b/c)") names one of the bodies in
    ``addressee`` ("Sở Nội vụ tỉnh Tây Ninh; UBND tỉnh"): the same name, or the start of
    one that is a name by itself (three words or more: "Sở Nội vụ", not "Sở Nội")."""
    words = re.sub(r"\(.*?\)", " ", entry).casefold().split()
    if not words:
        return False
    for body in re.split(r"[;,]", addressee):
        body_words = body.casefold().split()
        if body_words == words or (len(words) >= 3 and body_words[:len(words)] == words):
            return True
    return False


def _bare(entry: str) -> str:
    return " ".join(clean_text(entry).split()).lstrip("-–•+ ").rstrip(";.,: ")


def _signature(plan: Plan) -> Signature:
    return Signature(
        authority=clean_text(plan.signer_authority).strip().upper() or DEFAULT_AUTHORITY,
        title=clean_text(plan.signer_title).strip().upper() or DEFAULT_SIGNER_TITLE,
        name=clean_text(plan.signer_name).strip(),
    )


def _appendix(db: Database, plan: Plan, unit: Unit, period: str, stored: StoredReport,
              is_draft: bool, end: date) -> StatusAppendix:
    number = document_number(stored.number, REPORT_SYMBOL, blank=is_draft)
    when = _issue_date_words(db, plan, period, stored, is_draft)
    return StatusAppendix(
        heading=APPENDIX_HEADING,
        title=f"TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {title(period, plan.year).upper()}",
        attachment=f"(Kèm theo Báo cáo số {number} {when} của {issuing_body_in_text(unit)})",
        headers=("Stt", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành",
                 f"Tình trạng đến ngày {dmy(end)}", "Kết quả/ghi chú"),
    )
