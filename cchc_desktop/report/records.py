"""Reading the stored report of a plan's period (table ``report``, migration 0002)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from cchc_desktop.changes import row_of
from cchc_desktop.errors import NotFoundError
from cchc_desktop.sqlite_db import Database

DRAFT, SENT = "draft", "sent"


@dataclass(frozen=True)
class StoredReport:
    id: int
    plan_id: int
    period: str
    number: str = ""
    issued_on: date | None = None
    recipient: str = ""
    narrative: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    status: str = DRAFT
    sent_on: date | None = None
    frozen: str | None = None

    @property
    def is_sent(self) -> bool:
        return self.status == SENT


def get_report(db: Database, plan_id: int, period: str) -> StoredReport | None:
    """The report stored for the plan's period, or None when nothing was saved yet."""
    row = row_of(db, "report", {"plan_id": plan_id, "period": period})
    return _from_row(row) if row else None


def report_by_id(db: Database, report_id: int) -> StoredReport:
    row = row_of(db, "report", {"id": report_id})
    if row is None:
        raise NotFoundError(f"Không có báo cáo mã {report_id}.")
    return _from_row(row)


def _from_row(row: dict) -> StoredReport:
    return StoredReport(
        id=row["id"],
        plan_id=row["plan_id"],
        period=row["period"],
        number=row["number"],
        issued_on=_date(row["issued_on"]),
        recipient=row["recipient"],
        narrative=json.loads(row["narrative"] or "{}"),
        status=row["status"],
        sent_on=_date(row["sent_on"]),
        frozen=row["frozen"],
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
