"""The report's figures read from storage: each area with its tasks' status at the end
of the data window, and each indicator's target against its actual value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cchc_desktop import repo
from cchc_desktop.edits.indicators import achieved, target_text, with_unit
from cchc_desktop.export.appendix_data import area_label, clean_text
from cchc_desktop.models import ProgressUpdate
from cchc_desktop.report.figures import class_counts, number_text, verdict
from cchc_desktop.report.model import AreaReport, IndicatorRow, TaskStatusRow
from cchc_desktop.sqlite_db import Database
from cchc_desktop.status import CONTINUOUS
from cchc_desktop.tracking import TaskTracking

NO_PROGRESS_NOTE = "chưa cập nhật trong kỳ"


def area_key(area_id: int) -> str:
    """The narrative key of an area's part of section II (follows the area if it moves)."""
    return f"area:{area_id}"


def area_reports(db: Database, plan_id: int, trackings: Sequence[TaskTracking], end: date) -> tuple[AreaReport, ...]:
    """Every area of the plan, in order, with its counts and task rows as of ``end``."""
    progress = repo.progress_by_task(db, plan_id)
    by_area: dict[int, list[TaskTracking]] = {}
    for tracking in trackings:
        by_area.setdefault(tracking.task.area_id, []).append(tracking)
    reports = []
    for area in repo.list_areas(db, plan_id):
        tracked = by_area.get(area.id, [])
        rows = tuple(task_row(t, progress.get(t.task.id, ()), end) for t in tracked)
        reports.append(AreaReport(
            key=area_key(area.id),
            numeral=clean_text(area.numeral).strip(),
            title=clean_text(area.title).strip(),
            counts=class_counts(area_label(area.numeral, area.title), (t.status.cls for t in tracked)),
            tasks=rows,
        ))
    return tuple(reports)


def task_row(tracking: TaskTracking, updates: Sequence[ProgressUpdate], end: date) -> TaskStatusRow:
    task, status = tracking.task, tracking.status
    label = status.label
    if status.cls == CONTINUOUS and status.flag_no_progress:
        label = f"{label} ({NO_PROGRESS_NOTE})"
    return TaskStatusRow(
        stt=task.stt,
        content=clean_text(task.content),
        lead=clean_text(task.lead),
        deadline=deadline_text(tracking),
        cls=status.cls,
        status=label,
        note=latest_result(updates, end),
    )


def deadline_text(tracking: TaskTracking) -> str:
    """The deadline as typed; a date set by hand is shown under it."""
    text = clean_text(tracking.task.deadline_text).strip()
    manual = tracking.task.manual_due
    if manual is None:
        return text
    return "\n".join(filter(None, (text, f"(hạn: {manual:%d/%m/%Y})")))


def latest_result(updates: Sequence[ProgressUpdate], end: date) -> str:
    """The result written in the last progress record made by ``end``."""
    recorded = [u for u in updates if u.on_date <= end]
    if not recorded:
        return ""
    latest = max(recorded, key=lambda u: (u.on_date, u.id or 0))
    return clean_text(latest.result).strip()


def indicator_rows(db: Database, plan_id: int, period: str) -> tuple[IndicatorRow, ...]:
    actuals = _actuals(db, plan_id, period)
    rows = []
    for indicator in repo.list_indicators(db, plan_id):
        value, note = actuals.get(indicator.id, (None, ""))
        rows.append(IndicatorRow(
            position=indicator.position,
            text=clean_text(indicator.text).strip(),
            target=target_text(indicator.comparison, indicator.target, indicator.target_max, indicator.unit),
            actual=value,
            actual_text=with_unit(number_text(value), indicator.unit) if value is not None else "",
            unit=clean_text(indicator.unit).strip(),
            verdict=verdict(achieved(indicator.comparison, indicator.target, indicator.target_max, value)),
            note=clean_text(note).strip(),
        ))
    return tuple(rows)


def _actuals(db: Database, plan_id: int, period: str) -> dict[int, tuple[float | None, str]]:
    rows = db.execute(
        "SELECT v.indicator_id, v.value, v.note FROM indicator_value v "
        "JOIN indicator i ON i.id = v.indicator_id WHERE i.plan_id = ? AND v.period = ?",
        [plan_id, period],
    )
    return {indicator_id: (value, note or "") for indicator_id, value, note in rows}
