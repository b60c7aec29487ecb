"""Shared fixtures for the export tests: the demo appendix written once per module,
plans made to order, and the poppler tools that read the PDFs back."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_desktop import repo
from cchc_desktop.demo import load_demo
from cchc_desktop.models import Plan, Task, Unit
from cchc_desktop.workspace import Workspace

@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory):
    """A workspace holding the demo plan, shared by the tests of one module (read only)."""
    workspace = Workspace.open(tmp_path_factory.mktemp("demo-data"))
    plan_id = load_demo(workspace.db)
    yield workspace, plan_id
    workspace.close()


@pytest.fixture(scope="module")
def demo_tasks(demo_workspace):
    """The demo plan's areas and tasks, read straight from storage."""
    workspace, plan_id = demo_workspace
    return repo.appendix(workspace.db, plan_id)


def make_plan(db, task_texts: list[dict], **plan_fields) -> int:
    """A unit, a plan and one area holding ``task_texts`` (dicts of Task fields)."""
    unit_id = repo.create_unit(db, Unit(None, "Xã Hoằng Đông", "xã", issuing_body="ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"))
    fields = {"year": 2024, "period_label": "năm 2024", "appendix_title": "Các nhiệm vụ CCHC năm 2024"} | plan_fields
    plan_id = repo.create_plan(db, Plan(None, unit_id, **fields))
    area_id = repo.add_area(db, plan_id, "I", "Công tác chỉ đạo, điều hành")
    for stt, texts in enumerate(task_texts, start=1):
        repo.add_task(db, Task(None, plan_id, area_id, stt, **texts))
    return plan_id


ISSUED = {"number": "5/KH-UBND", "issued_on": date(2024, 3, 5)}
