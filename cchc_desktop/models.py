"""Plain domain records, as the core hands them to the CLI, the GUI and exporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

UNIT_TYPES = ("phường", "xã", "đặc khu")
# Words that open a unit's name in documents, old ones included: plans issued before the
# 2025 reform still name a "thị trấn", and imported or exported text must recognise it.
UNIT_TYPE_WORDS = ("đặc khu", "thị trấn", "phường", "xã")


@dataclass(frozen=True)
class Unit:
    id: int | None
    name: str
    unit_type: str = "phường"
    province: str = ""
    parent_body: str = ""
    issuing_body: str = ""
    place_name: str = ""
    report_recipient: str = ""


@dataclass(frozen=True)
class Plan:
    id: int | None
    unit_id: int
    year: int
    period_label: str = ""
    title: str = ""
    number: str = ""
    issued_on: date | None = None
    theme: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    decision_issuer: str = ""
    appendix_title: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    report_schedule: dict = field(default_factory=dict, hash=False, compare=False)
    # The unit's names as this plan's documents carry them (empty: the unit's current ones).
    issuing_body: str = ""
    parent_body: str = ""
    place_name: str = ""
    unit_name: str = ""


@dataclass(frozen=True)
class PlanSummary:
    id: int
    year: int
    title: str
    unit: str
    tasks: int


@dataclass(frozen=True)
class Area:
    id: int | None
    plan_id: int
    position: int
    numeral: str
    title: str


@dataclass(frozen=True)
class Task:
    id: int | None
    plan_id: int
    area_id: int
    stt: int
    content: str = ""
    lead: str = ""
    supporting: str = ""
    output: str = ""
    deadline_text: str = ""
    manual_due: date | None = None
    manual_due_kept: bool = False


@dataclass(frozen=True)
class Indicator:
    id: int | None
    plan_id: int
    position: int
    text: str
    target: float | None = None
    target_max: float | None = None
    comparison: str = ">="
    unit: str = ""


@dataclass(frozen=True)
class ProgressUpdate:
    id: int | None
    task_id: int
    on_date: date
    status: str
    percent: int = 0
    result: str = ""
    evidence: str = ""


PROGRESS_STATUSES = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
}
