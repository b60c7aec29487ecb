"""The appendix of a plan as plain data, ready for any exporter (PDF, xlsx).

Everything the user will read is decided here, once: the heading lines of the
appendix (Nghị định 30/2020/NĐ-CP, Phụ lục I), the column headers, the area rows and
the task rows with their text exactly as stored (NFC, stray control characters out).
The exporters only lay it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_desktop import repo
from cchc_desktop.export.vn_dates import draft_or_date_words
from cchc_desktop.models import Plan, Task, Unit
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean_text
from cchc_desktop.unit_names import issuing_body_in_text

HEADING = "Phụ lục"
COLUMN_HEADERS = ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành")
PLAN_SYMBOL = "KH-UBND"
DECISION_SYMBOL = "QĐ-UBND"
BLANK_NUMBER = "     "


@dataclass(frozen=True)
class AreaRow:
    """An area heading spanning the whole table: ``I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH``."""

    label: str


@dataclass(frozen=True)
class TaskRow:
    stt: int
    content: str
    lead: str
    supporting: str
    output: str
    deadline: str

    def texts(self) -> tuple[str, ...]:
        """The six cells as text, in column order."""
        return (str(self.stt), self.content, self.lead, self.supporting, self.output, self.deadline)


@dataclass(frozen=True)
class AppendixDocument:
    heading: str
    title: str
    attachment: str
    headers: tuple[str, ...]
    rows: tuple[AreaRow | TaskRow, ...]
    is_draft: bool

    @property
    def tasks(self) -> tuple[TaskRow, ...]:
        return tuple(row for row in self.rows if isinstance(row, TaskRow))


def build_appendix(db: Database, plan_id: int, draft: bool = False) -> AppendixDocument:
    """The appendix of ``plan_id``; ``draft`` leaves the number and the day blank."""
    plan = repo.get_plan(db, plan_id)
    unit = repo.document_unit(db, plan)
    attachment, is_draft = attachment_line(plan, unit, draft)
    return AppendixDocument(
        heading=HEADING,
        title=appendix_title(plan),
        attachment=attachment,
        headers=COLUMN_HEADERS,
        rows=tuple(_rows(repo.appendix(db, plan_id))),
        is_draft=is_draft,
    )


def _rows(groups) -> list[AreaRow | TaskRow]:
    rows: list[AreaRow | TaskRow] = []
    for group in groups:
        rows.append(AreaRow(area_label(group.area.numeral, group.area.title)))
        rows.extend(task_row(task) for task in group.tasks)
    return rows


def task_row(task: Task) -> TaskRow:
    return TaskRow(
        stt=task.stt,
        content=clean_text(task.content),
        lead=clean_text(task.lead),
        supporting=clean_text(task.supporting),
        output=clean_text(task.output),
        deadline=clean_text(task.deadline_text),
    )


def area_label(numeral: str, title: str) -> str:
    label = clean_text(title).strip().upper()
    numeral = clean_text(numeral).strip().rstrip(".")
    return f"{numeral}. {label}" if numeral else label


def appendix_title(plan: Plan) -> str:
    title = clean_text(plan.appendix_title).strip()
    if not title:
        period = clean_text(plan.period_label).strip() or f"năm {plan.year}"
        title = f"Các nhiệm vụ thực hiện Kế hoạch CCHC {period}"
    return title.upper()


# The attachment line ------------------------------------------------------

def attachment_line(plan: Plan, unit: Unit, draft: bool = False) -> tuple[str, bool]:
    """``(Kèm theo Quyết định số … ngày … của …)`` and whether it has blanks to fill in.

    A plan approved by a decision is attached to the decision, otherwise to the plan
    itself. A missing number or date, or ``draft``, makes it a draft: number and day are
    left blank (the month and year stay when a date is known), as the clerk stamps
    both at issuance.
    """
    if has_decision(plan):
        kind, number, symbol, on = "Quyết định", plan.decision_number, DECISION_SYMBOL, plan.decision_date
        issuer = clean_text(plan.decision_issuer).strip() or f"Chủ tịch {issuing_body_in_text(unit)}"
    else:
        kind, number, symbol, on = "Kế hoạch", plan.number, PLAN_SYMBOL, plan.issued_on
        issuer = issuing_body_in_text(unit)
    number = clean_text(number).strip()
    is_draft = draft or not number or on is None
    number_part = document_number(number, symbol, blank=is_draft)
    date_part = draft_or_date_words(on, plan.year, blank_day=is_draft)
    return f"(Kèm theo {kind} số {number_part} {date_part} của {issuer})", is_draft


def has_decision(plan: Plan) -> bool:
    """Approved by a decision: its number or date is known; or, while neither the decision
    nor the plan itself has a number or date, an approving body is named (a copy for a new
    year keeps last year's approver until this year's documents are numbered)."""
    if plan.decision_number.strip() or plan.decision_date:
        return True
    if plan.number.strip() or plan.issued_on:
        return False
    return bool(plan.decision_issuer.strip())


def document_number(number: str, default_symbol: str, blank: bool = False) -> str:
    """``55/KH-UBND`` as the decree writes it; blank before the slash when not yet numbered.

    No spaces around ``/`` and ``-``, a leading zero below 10 (``05/KH-UBND``).
    """
    number = re.sub(r"\s*([/-])\s*", r"\1", number)
    serial, _, symbol = number.partition("/") if "/" in number else (number, "", "")
    symbol = symbol or default_symbol
    if blank or not serial:
        return f"{BLANK_NUMBER}/{symbol}"
    if serial.isdigit() and int(serial) < 10:
        serial = f"{int(serial):02d}"
    return f"{serial}/{symbol}"
