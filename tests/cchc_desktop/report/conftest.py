"""Fixtures for the report tests: the demo plan with progress recorded through the
ordinary edits, and the poppler tools that read the PDFs back."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.demo import load_demo
from cchc_desktop.edits.progress import add_progress
from cchc_desktop.workspace import Workspace
from tests import pdf_reading


# (stt, date, status, result): what the demo's Phường 1 recorded before and after the
# end of the quarter-1 window (29/02/2024).
PROGRESS = (
    (1, date(2024, 2, 20), "done", "Kế hoạch số 12/KH-UBND ngày 20/02/2024"),   # due 29/02: on time
    (3, date(2024, 3, 5), "done", "Ban hành sau kỳ báo cáo"),                   # after the window: open
    (5, date(2024, 1, 15), "done", "Đã theo dõi, báo cáo"),                     # due 31/03: on time
    (10, date(2024, 2, 10), "done", "Hoàn thành muộn"),                         # due 31/01: late
    (34, date(2024, 2, 1), "in_progress", "Đang trình phê duyệt"),              # due 31/01: overdue
    (21, date(2024, 1, 10), "in_progress", "Đã công khai tiến độ tháng 01"),    # thường xuyên
)


def task_id_by_stt(db, plan_id: int, stt: int) -> int:
    return next(task.id for task in repo.list_tasks(db, plan_id) if task.stt == stt)


def record_progress(db, plan_id: int, entries=PROGRESS) -> None:
    for stt, on_date, status, result in entries:
        apply(db, add_progress(db, task_id_by_stt(db, plan_id, stt), on_date, status, result=result))


@pytest.fixture
def tracked_plan_id(db, demo_plan_id):
    """The demo plan with the progress records above."""
    record_progress(db, demo_plan_id)
    return demo_plan_id


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory):
    """A workspace with the tracked demo plan, shared by one module's read-only tests."""
    workspace = Workspace.open(tmp_path_factory.mktemp("report-data"))
    plan_id = load_demo(workspace.db)
    record_progress(workspace.db, plan_id)
    yield workspace, plan_id
    workspace.close()


def squeezed(text: str) -> str:
    """No whitespace and no hyphens at all: a cell's text wherever the reader broke it."""
    return pdf_reading.squeezed(text, dehyphenated=True)
