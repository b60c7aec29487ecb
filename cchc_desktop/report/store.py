"""Saving a report: its text, number and date, and marking it sent.

Every function returns a ``Change`` (apply it with ``changes.apply``), so each of these
edits can be undone like any other. A sent report is frozen: the whole document is
stored as it was sent, ``load_report_document`` gives it back unchanged however the
tasks move on, and it can only be edited again after an explicit ``reopen``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from cchc_desktop import repo
from cchc_desktop.changes import Change, insert, make_change, next_id, row_of, update
from cchc_desktop.errors import UserInputError
from cchc_desktop.export.appendix_data import clean_text
from cchc_desktop.periods import title
from cchc_desktop.report.build import (
    build_report,
    check_period,
    document_unit_name,
    is_draft_report,
    report_with_values,
)
from cchc_desktop.report.model import ReportDocument, snapshot_values
from cchc_desktop.report.records import DRAFT, SENT, StoredReport, get_report, report_by_id
from cchc_desktop.report.sections import AREA_TEMPLATE_KEY, filled_section, section_slots, slot_values
from cchc_desktop.report.tables import area_key
from cchc_desktop.report.template import load_template
from cchc_desktop.sqlite_db import Database

TABLE = "report"


def save_narrative(db: Database, plan_id: int, period: str, sections: Mapping[str, str | None]) -> Change:
    """Save the user's text of the given sections; empty text goes back to the template's."""
    period = check_period(period)
    known = narrative_keys(db, plan_id)
    before = _row_or_new(db, plan_id, period)
    _refuse_if_sent(before)
    narrative = json.loads(before["narrative"] or "{}")
    for key, text in sections.items():
        if key not in known:
            raise UserInputError(f"Báo cáo không có mục '{key}'.")
        text = _tidy(text)
        if text:
            narrative[key] = text
        else:
            narrative.pop(key, None)
    after = before | {"narrative": json.dumps(narrative, ensure_ascii=False, sort_keys=True)}
    return _save(before, after, f"Sửa nội dung báo cáo {title(period, repo.get_plan(db, plan_id).year)}")


def set_report_fields(db: Database, plan_id: int, period: str, *, number: str | None = None,
                      issued_on: date | None = None, recipient: str | None = None,
                      clear_date: bool = False) -> Change:
    """Set the number (``12`` or ``12/BC-UBND``), the date and the "Kính gửi" line
    (empty: the unit's usual recipient). Arguments left as None keep their value."""
    period = check_period(period)
    before = _row_or_new(db, plan_id, period)
    _refuse_if_sent(before)
    after = dict(before)
    if number is not None:
        after["number"] = " ".join(clean_text(number).split())
    if issued_on is not None or clear_date:
        after["issued_on"] = issued_on.isoformat() if issued_on else None
    if recipient is not None:
        after["recipient"] = " ".join(clean_text(recipient).split())
    return _save(before, after, "Sửa số, ngày của báo cáo")


def mark_sent(db: Database, report_id: int, sent_on: date) -> Change:
    """Freeze the report as it is now: figures, text, number and date stay as sent."""
    stored = report_by_id(db, report_id)
    if stored.is_sent:
        raise UserInputError("Báo cáo này đã được đánh dấu đã gửi.")
    if not stored.number.strip() or stored.issued_on is None:
        raise UserInputError("Cần nhập số và ngày ban hành của báo cáo trước khi đánh dấu đã gửi.")
    document = build_report(db, stored.plan_id, stored.period)
    before = row_of(db, TABLE, {"id": report_id})
    after = before | {"status": SENT, "sent_on": sent_on.isoformat(), "frozen": document.to_json()}
    return _save(before, after, "Đánh dấu báo cáo đã gửi")


def mark_period_sent(db: Database, plan_id: int, period: str, sent_on: date) -> Change:
    """``mark_sent`` for the plan's report of ``period``; refused when nothing was saved."""
    stored = get_report(db, plan_id, check_period(period))
    if stored is None:
        raise UserInputError("Cần nhập số và ngày ban hành của báo cáo trước khi đánh dấu đã gửi.")
    return mark_sent(db, stored.id, sent_on)


def reopen(db: Database, report_id: int) -> Change:
    """Make a sent report editable again; its figures are then recomputed."""
    stored = report_by_id(db, report_id)
    if not stored.is_sent:
        raise UserInputError("Báo cáo này chưa gửi nên không cần mở lại.")
    before = row_of(db, TABLE, {"id": report_id})
    after = before | {"status": DRAFT, "sent_on": None, "frozen": None}
    return _save(before, after, "Mở lại báo cáo đã gửi")


def load_report_document(db: Database, plan_id: int, period: str, draft: bool = False) -> ReportDocument:
    """The report as it was sent, if it was; otherwise as it stands now."""
    period = check_period(period)
    stored = get_report(db, plan_id, period)
    if stored is not None and stored.is_sent and stored.frozen:
        return ReportDocument.from_json(stored.frozen)
    return build_report(db, plan_id, period, draft=draft)


class ReportNaming(NamedTuple):
    """What a report's file names are made of (``export.report_file_name``)."""

    period: str
    year: int
    unit_name: str
    is_draft: bool


def report_naming(db: Database, plan_id: int, period: str, draft: bool = False) -> ReportNaming:
    """What ``load_report_document``'s document would name its files by, without building
    the report (0.15 s on a plan of 10,000 tasks; the export dialog asks at every choice)."""
    period = check_period(period)
    stored = get_report(db, plan_id, period)
    if stored is not None and stored.is_sent and stored.frozen:
        sent = snapshot_values(stored.frozen)  # only these four fields: reviving all takes long
        return ReportNaming(sent["period"], sent["year"], sent["unit_name"], sent["is_draft"])
    plan = repo.get_plan(db, plan_id)
    unit = repo.document_unit(db, plan)
    return ReportNaming(period, plan.year, document_unit_name(unit),
                        is_draft_report(stored or StoredReport(0, plan_id, period), draft))


def narrative_keys(db: Database, plan_id: int) -> set[str]:
    """Keys of the sections the user can write: the template's and one per area."""
    areas = repo.list_areas(db, plan_id)
    return (set(load_template().texts) - {AREA_TEMPLATE_KEY}) | {area_key(area.id) for area in areas}


@dataclass(frozen=True)
class EditableReport:
    """What the report window shows and fills in as the user types: the report as it
    stands, each section's text (the user's own or the template's, placeholders kept),
    the template's text it falls back to when emptied, and its placeholders' values."""
    document: ReportDocument
    texts: list[tuple[str, str, str, bool]]  # (key, numbered heading, text, is the user's own)
    template_texts: dict[str, str]
    values: dict[str, dict[str, str]]

    def filled(self, key: str, text: str) -> tuple[str, ...]:
        """Section ``key`` with ``text`` typed in it, as it will print."""
        return filled_section(text, self.template_texts[key], self.values[key])


def editable_report(db: Database, plan_id: int, period: str) -> EditableReport:
    document, values = report_with_values(db, plan_id, period)
    template = load_template()
    stored = get_report(db, plan_id, document.period)
    own = stored.narrative if stored else {}
    slots = {slot.key: slot for slot in section_slots(template, document.areas, bool(document.indicators))}
    section_values = {key: slot_values(slot, values) for key, slot in slots.items()}
    template_texts = {key: template.text(slot.template_key, section_values[key]) for key, slot in slots.items()}
    texts = [(section.key, section.heading, own.get(section.key) or template_texts[section.key], section.key in own)
             for section in document.sections]
    return EditableReport(document, texts, template_texts, section_values)


def editable_texts(db: Database, plan_id: int, period: str) -> list[tuple[str, str, str, bool]]:
    """(key, numbered heading, text, is the user's own) for every section, in print
    order; the text keeps its placeholders so the figures stay current until sent."""
    return editable_report(db, plan_id, period).texts


# Rows -------------------------------------------------------------------------------

def _row_or_new(db: Database, plan_id: int, period: str) -> dict:
    """The stored row, or the one a first save will insert (``id`` chosen now so that
    undo and redo replay the same row). A new row has no ``created_at`` yet."""
    repo.get_plan(db, plan_id)
    row = row_of(db, TABLE, {"plan_id": plan_id, "period": period})
    if row is not None:
        return row
    return {
        "id": next_id(db, TABLE), "plan_id": plan_id, "period": period, "number": "",
        "issued_on": None, "recipient": "", "narrative": "{}", "status": DRAFT,
        "sent_on": None, "frozen": None, "created_at": None, "updated_at": None,
    }


def _save(before: dict, after: dict, description: str) -> Change:
    """One row change: an update of the stored row, or the insert of a new one."""
    if after == before:
        return make_change(description, [])
    now = _now()
    if before["created_at"] is None:
        return make_change(description, [insert(TABLE, after | {"created_at": now, "updated_at": now})])
    return make_change(description, [update(TABLE, before, after | {"updated_at": now})])


def _refuse_if_sent(row: dict) -> None:
    if row["status"] == SENT:
        raise UserInputError("Báo cáo đã gửi nên không sửa được. Hãy mở lại báo cáo nếu cần sửa.")


def _tidy(text: str | None) -> str:
    """NFC, no control characters, paragraphs kept one per line, no empty lines."""
    lines = (" ".join(line.split()) for line in clean_text(text or "").split("\n"))
    return "\n".join(line for line in lines if line)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
