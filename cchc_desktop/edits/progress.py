"""Edits of a task's progress log; its current status and completion follow from it."""

from __future__ import annotations

from datetime import date, datetime

from cchc_desktop.changes import Change, delete, insert, make_change, next_id, row_of, update
from cchc_desktop.errors import NotFoundError, UserInputError
from cchc_desktop.models import PROGRESS_STATUSES
from cchc_desktop.periods import years_later
from cchc_desktop.sqlite_db import Database
from cchc_desktop.textnorm import clean


def latest_progress_date(today: date) -> date:
    """The latest date a progress entry may carry: a year from today (from 29 February,
    28 February of the next year, which has no 29th)."""
    return years_later(today, 1)


def _checked(status: str, percent: int, on_date: date) -> None:
    if status not in PROGRESS_STATUSES:
        raise UserInputError(f"Trạng thái không hợp lệ: {status}.")
    if not 0 <= int(percent) <= 100:
        raise UserInputError("Tỷ lệ hoàn thành phải từ 0 đến 100%.")
    if on_date > latest_progress_date(date.today()):
        raise UserInputError("Ngày cập nhật quá xa trong tương lai.")


def add_progress(db: Database, task_id: int, on_date: date, status: str, percent: int = 0,
                 result: str = "", evidence: str = "") -> Change:
    task = row_of(db, "task", {"id": task_id})
    if task is None:
        raise NotFoundError(f"Không có nhiệm vụ mã {task_id}.")
    if status == "done":
        percent = 100
    _checked(status, percent, on_date)
    row = {
        "id": next_id(db, "progress"), "task_id": task_id, "on_date": on_date.isoformat(),
        "status": status, "percent": int(percent), "result": clean(result), "evidence": clean(evidence),
        "created_at": datetime.now().isoformat(timespec="seconds"),
    }
    return make_change(f"Cập nhật tiến độ nhiệm vụ số {task['stt']}", [insert("progress", row)])


def edit_progress(db: Database, progress_id: int, **fields) -> Change:
    before = row_of(db, "progress", {"id": progress_id})
    if before is None:
        raise NotFoundError("Không có bản ghi tiến độ này.")
    after = before | {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}
    _checked(after["status"], after["percent"], date.fromisoformat(after["on_date"]))
    return make_change("Sửa tiến độ", [update("progress", before, after)])


def delete_progress(db: Database, progress_id: int) -> Change:
    before = row_of(db, "progress", {"id": progress_id})
    if before is None:
        raise NotFoundError("Không có bản ghi tiến độ này.")
    return make_change("Xóa bản ghi tiến độ", [delete("progress", before)])
