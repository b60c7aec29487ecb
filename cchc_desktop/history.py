"""Reading a task's change history (``task_history``) in words the user knows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from cchc_desktop.models import PROGRESS_STATUSES
from cchc_desktop.sqlite_db import Database

FIELD_LABELS = {
    "content": "Nhiệm vụ",
    "lead": "Chủ trì",
    "supporting": "Phối hợp",
    "output": "Sản phẩm",
    "deadline_text": "Thời gian hoàn thành",
    "manual_due": "Ngày hạn đặt tay",
    "manual_due_kept": "Giữ ngày hạn đặt tay",
    "stt": "Stt",
    "area_id": "Nhóm",
}
ACTION_LABELS = {"sửa": "Sửa", "hoàn tác": "Hoàn tác", "làm lại": "Làm lại"}
WHOLE_TASK = "Cả nhiệm vụ"
PROGRESS_FIELD = "progress"  # the ``field`` of a progress entry's line (changes._record_progress_history)
PROGRESS_LABEL = "Tiến độ"


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change of one field (or the whole task, when added or deleted)."""

    when: datetime
    action: str
    field: str
    old: str
    new: str


def task_history(db: Database, task_id: int) -> list[HistoryEntry]:
    """The task's history, newest first."""
    cursor = db.execute(
        "SELECT at, action, field, old, new FROM task_history WHERE task_id = ? ORDER BY id DESC",
        [task_id],
    )
    areas = _area_names(db)
    return [_entry(row, areas) for row in cursor.fetchall()]


def _entry(row: tuple, areas: dict[str, str]) -> HistoryEntry:
    at, action, column, old, new = row
    base, _, kind = action.partition(": ")
    if column == PROGRESS_FIELD:
        return HistoryEntry(datetime.fromisoformat(at), progress_action(base, kind), PROGRESS_LABEL,
                            progress_summary(old), progress_summary(new))
    if kind:
        return HistoryEntry(datetime.fromisoformat(at), whole_task_action(base, kind), WHOLE_TASK,
                            _task_summary(old), _task_summary(new))
    return HistoryEntry(
        datetime.fromisoformat(at), ACTION_LABELS.get(base, base), FIELD_LABELS.get(column, column),
        value_text(column, old, areas), value_text(column, new, areas),
    )


def whole_task_action(base: str, kind: str) -> str:
    """'sửa: thêm' -> 'Thêm nhiệm vụ'; 'hoàn tác: xóa' -> 'Hoàn tác: xóa nhiệm vụ'."""
    if base == "sửa":
        return f"{kind.capitalize()} nhiệm vụ"
    return f"{ACTION_LABELS.get(base, base)}: {kind} nhiệm vụ"


def progress_action(base: str, kind: str) -> str:
    """'sửa: thêm' -> 'Thêm cập nhật tiến độ'; 'hoàn tác: xóa' -> 'Hoàn tác: xóa cập nhật tiến độ'."""
    if base == "sửa":
        return f"{kind.capitalize()} cập nhật tiến độ"
    return f"{ACTION_LABELS.get(base, base)}: {kind} cập nhật tiến độ"


def progress_summary(snapshot: str | None) -> str:
    """A progress entry as '20/03/2024: Đang thực hiện 50% — <result>'."""
    if not snapshot:
        return ""
    try:
        entry = json.loads(snapshot)
        on_date = f"{date.fromisoformat(entry['on_date']):%d/%m/%Y}"
    except (ValueError, KeyError, TypeError):
        return snapshot
    status = PROGRESS_STATUSES.get(entry.get("status"), entry.get("status", ""))
    summary = f"{on_date}: {status} {entry.get('percent', 0)}%"
    return f"{summary} — {entry['result']}" if entry.get("result") else summary


def value_text(column: str, value: str | None, areas: dict[str, str] | None = None) -> str:
    if value is None or value == "":
        return ""
    if column == "manual_due":
        try:
            return f"{date.fromisoformat(value):%d/%m/%Y}"
        except ValueError:
            return value
    if column == "manual_due_kept":
        return "Có" if value not in ("0", "False") else "Không"
    if column == "area_id":
        return (areas or {}).get(value, value)
    return value


def _task_summary(snapshot: str | None) -> str:
    """A deleted or added task, as 'Stt 5: <content>'."""
    if not snapshot:
        return ""
    try:
        task = json.loads(snapshot)
    except ValueError:
        return snapshot
    return f"Stt {task.get('stt', '?')}: {task.get('content', '')}"


def _area_names(db: Database) -> dict[str, str]:
    return {str(area_id): f"{numeral}. {title}" for area_id, numeral, title
            in db.execute("SELECT id, numeral, title FROM area")}
