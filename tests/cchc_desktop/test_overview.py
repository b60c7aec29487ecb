"""The "Tổng quan" numbers, built in the core from the plan and its progress log."""

from datetime import date

import pytest

from cchc_desktop import repo, status
from cchc_desktop.changes import apply
from cchc_desktop.edits.progress import add_progress
from cchc_desktop.overview import build_overview

AT = date(2024, 3, 20)
AREA_TOTALS = [8, 4, 10, 4, 3, 4, 11]


def task_ids(db, plan_id) -> dict[int, int]:
    return {task.stt: task.id for task in repo.list_tasks(db, plan_id)}


def record(db, plan_id, stt: int, on: date, progress: str = "done", percent: int = 0) -> None:
    apply(db, add_progress(db, task_ids(db, plan_id)[stt], on, progress, percent))


def stts(items) -> list[int]:
    return [item.tracking.task.stt for item in items]


@pytest.fixture
def with_progress(db, demo_plan_id):
    """Task 1 done on time, 3 done late (Tháng 02/2024), 5 done early (Quý I), 21 recorded."""
    record(db, demo_plan_id, 1, date(2024, 2, 20))
    record(db, demo_plan_id, 3, date(2024, 3, 5))
    record(db, demo_plan_id, 5, date(2024, 3, 10))
    record(db, demo_plan_id, 21, date(2024, 3, 1), "in_progress", 30)
    return demo_plan_id


def test_demo_plan_counts_without_progress(db, demo_plan_id):
    overview = build_overview(db, demo_plan_id, AT)
    assert overview.counts == {
        status.DONE_ON_TIME: 0, status.DONE_LATE: 0, status.OPEN_ON_TIME: 32,
        status.OPEN_OVERDUE: 6, status.CONTINUOUS: 3, status.UNSPECIFIED: 3, "total": 44,
    }
    assert overview.share(status.OPEN_OVERDUE) == pytest.approx(100 * 6 / 44)


def test_demo_plan_overdue_and_due_soon_by_hand(db, demo_plan_id):
    overview = build_overview(db, demo_plan_id, AT)
    # Tháng 01 năm 2024 (10, 34), then Tháng 02/2024 (1, 3) and Hàng tháng (17, 18): February missed
    assert stts(overview.overdue) == [10, 34, 1, 3, 17, 18]
    assert [item.days_left(AT) for item in overview.overdue] == [-49, -49, -20, -20, -20, -20]
    # Quý I năm 2024 and "Quý I, II, III và cả năm": due 31/03, in 11 days
    assert stts(overview.due_soon) == [5, 13, 19, 24]
    assert {item.due for item in overview.due_soon} == {date(2024, 3, 31)}


def test_demo_plan_areas_and_stale_continuous_tasks(db, demo_plan_id):
    overview = build_overview(db, demo_plan_id, AT)
    assert [area.total for area in overview.areas] == AREA_TOTALS
    assert all(area.done == 0 for area in overview.areas)
    assert overview.areas[0].label == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH: 0/8"
    assert [t.task.stt for t in overview.stale_continuous] == [21, 22, 27]


def test_counts_after_progress(db, with_progress):
    overview = build_overview(db, with_progress, AT)
    assert overview.counts == {
        status.DONE_ON_TIME: 2, status.DONE_LATE: 1, status.OPEN_ON_TIME: 31,
        status.OPEN_OVERDUE: 4, status.CONTINUOUS: 3, status.UNSPECIFIED: 3, "total": 44,
    }
    assert stts(overview.overdue) == [10, 34, 17, 18]
    assert stts(overview.due_soon) == [13, 19, 24]
    assert overview.areas[0].label == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH: 3/8"
    assert overview.areas[0].percent == 38
    assert [area.done for area in overview.areas[1:]] == [0] * 6
    assert [t.task.stt for t in overview.stale_continuous] == [22, 27]


def test_a_task_done_without_a_deadline_counts_as_done_in_its_area_only(db, with_progress):
    """Task 2 has no deadline: recorded as done, its area's progress counts it; the four
    official classes have no place for it, so it stays "Chưa xác định thời hạn"."""
    record(db, with_progress, 2, date(2024, 3, 5))
    overview = build_overview(db, with_progress, AT)
    assert overview.areas[0].label == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH: 4/8"
    assert overview.counts[status.UNSPECIFIED] == 3 and overview.counts[status.DONE_ON_TIME] == 2
    assert build_overview(db, with_progress, date(2024, 3, 4)).areas[0].done == 1  # on the 4th: task 1 alone
    record(db, with_progress, 2, date(2024, 3, 10), "in_progress", 80)  # reopened
    assert build_overview(db, with_progress, AT).areas[0].done == 3


@pytest.mark.parametrize("done, total, percent", [(1, 8, 13), (3, 8, 38), (5, 8, 63), (1, 3, 33), (0, 4, 0), (0, 0, 0)])
def test_area_percent_rounds_a_half_up(done, total, percent):
    from cchc_desktop.models import Area
    from cchc_desktop.overview import AreaProgress

    assert AreaProgress(Area(1, 1, 1, "I", "Công tác chỉ đạo, điều hành"), done, total).percent == percent


def test_progress_after_the_day_does_not_count_yet(db, with_progress):
    overview = build_overview(db, with_progress, date(2024, 3, 6))
    assert overview.counts[status.DONE_ON_TIME] == 1  # task 5 is done only on 10/03
    assert overview.counts[status.DONE_LATE] == 1


def test_continuous_task_is_stale_again_after_thirty_days(db, with_progress):
    # recorded on 01/03: still fresh on 31/03, stale from 01/04
    assert 21 not in [t.task.stt for t in build_overview(db, with_progress, date(2024, 3, 31)).stale_continuous]
    assert 21 in [t.task.stt for t in build_overview(db, with_progress, date(2024, 4, 1)).stale_continuous]


