from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_desktop.deadlines import parse
from cchc_desktop.status import (
    CLASSES,
    CONTINUOUS,
    DONE_LATE,
    DONE_ON_TIME,
    LABELS,
    OPEN_ON_TIME,
    OPEN_OVERDUE,
    UNSPECIFIED,
    TaskStatus,
    classify,
    count_classes,
)

Y = 2024
QUARTER_I = parse("Quý I năm 2024", Y)  # due 31/03/2024
QUARTERS = parse("Quý I, II, III và cả năm 2024", Y)
MONTHLY = parse("Hằng tháng", Y)
CONTINUOUS_TASK = parse("Thường xuyên", Y)
UNKNOWN = parse("Theo quy định của cấp trên", Y)


def d(day: int, month: int, year: int = Y) -> date:
    return date(year, month, day)


def test_labels():
    assert LABELS == {
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
        "open_on_time": "Chưa hoàn thành trong hạn",
        "open_overdue": "Chưa hoàn thành quá hạn",
        "continuous": "Thường xuyên",
        "unspecified": "Chưa xác định thời hạn",
    }
    assert CLASSES == tuple(LABELS)


# (completed_on, at, expected class) for a task due 31/03/2024
@pytest.mark.parametrize(
    ("completed_on", "at", "expected"),
    [
        (d(15, 3), d(14, 6), DONE_ON_TIME),
        (d(31, 3), d(14, 6), DONE_ON_TIME),  # on the due date itself
        (d(1, 4), d(14, 6), DONE_LATE),
        (None, d(14, 3), OPEN_ON_TIME),
        (None, d(31, 3), OPEN_ON_TIME),  # due today: still in time
        (None, d(1, 4), OPEN_OVERDUE),
        (d(20, 6), d(14, 6), OPEN_OVERDUE),  # done after the report date: not yet done
        (d(20, 3), d(14, 3), OPEN_ON_TIME),
    ],
)
def test_single_due_date(completed_on, at, expected):
    status = classify(QUARTER_I, completed_on, at)
    assert status.cls == expected
    assert status.due == d(31, 3)
    assert status.label == LABELS[expected]
    assert status.occurrences == ()
    assert not status.flag_no_progress


def test_manual_due_overrides_parsed_date():
    assert classify(QUARTER_I, None, d(15, 4), manual_due=d(30, 4)).cls == OPEN_ON_TIME
    assert classify(QUARTER_I, d(10, 4), d(15, 4), manual_due=d(30, 4)).cls == DONE_ON_TIME


def test_manual_due_turns_unspecified_into_a_date():
    assert classify(UNKNOWN, None, d(14, 6)).cls == UNSPECIFIED
    status = classify(UNKNOWN, None, d(14, 6), manual_due=d(31, 5))
    assert (status.cls, status.due) == (OPEN_OVERDUE, d(31, 5))
    assert classify(None, d(1, 5), d(14, 6), manual_due=d(31, 5)).cls == DONE_ON_TIME


def test_unspecified_without_manual_date():
    status = classify(UNKNOWN, d(1, 3), d(14, 6))
    assert (status.cls, status.due, status.label) == (
        UNSPECIFIED, None, "Chưa xác định thời hạn"
    )
    assert classify(None, None, d(14, 6)).cls == UNSPECIFIED


# --- continuous ---------------------------------------------------------------


def test_continuous_is_never_overdue_and_flags_missing_progress():
    status = classify(CONTINUOUS_TASK, None, d(14, 12), window_start=d(15, 6))
    assert (status.cls, status.due, status.flag_no_progress) == (CONTINUOUS, None, True)
    assert status.label == "Thường xuyên"


@pytest.mark.parametrize(
    ("updates", "flagged"),
    [
        ((d(1, 7),), False),
        ((d(15, 6),), False),  # window start is inclusive
        ((d(14, 12),), False),  # so is `at`
        ((d(14, 6),), True),  # before the window
        ((d(20, 12),), True),  # after `at`
        ((), True),
    ],
)
def test_continuous_progress_window(updates, flagged):
    status = classify(CONTINUOUS_TASK, None, d(14, 12), updates=updates, window_start=d(15, 6))
    assert status.cls == CONTINUOUS
    assert status.flag_no_progress is flagged


def test_continuous_without_window_start_counts_any_earlier_update():
    assert not classify(CONTINUOUS_TASK, None, d(14, 12), updates=[d(1, 1)]).flag_no_progress


# --- several due dates --------------------------------------------------------


def test_dates_none_due_yet_is_open_on_time_against_next_due():
    status = classify(QUARTERS, None, d(14, 3))
    assert (status.cls, status.due, status.occurrences) == (OPEN_ON_TIME, d(31, 3), ())


def test_dates_judged_per_occurrence():
    status = classify(QUARTERS, None, d(14, 9), updates=[d(20, 3), d(10, 7)])
    # Q1 done 20/3 (on time); Q2 (31/3, 30/6] had nothing until 10/7 (late).
    assert status.occurrences == ((d(31, 3), DONE_ON_TIME), (d(30, 6), DONE_LATE))
    assert (status.cls, status.due) == (DONE_LATE, d(30, 6))


def test_dates_missed_occurrence_is_overdue_and_worst():
    status = classify(QUARTERS, None, d(14, 9), updates=[d(20, 3)])
    assert status.occurrences == ((d(31, 3), DONE_ON_TIME), (d(30, 6), OPEN_OVERDUE))
    assert (status.cls, status.due) == (OPEN_OVERDUE, d(30, 6))


def test_dates_all_on_time():
    updates = [d(30, 3), d(29, 6), d(29, 9), d(30, 12)]
    status = classify(QUARTERS, None, d(31, 12), updates=updates)
    assert [cls for _, cls in status.occurrences] == [DONE_ON_TIME] * 4
    assert (status.cls, status.due) == (DONE_ON_TIME, d(31, 12))


def test_dates_occurrence_due_today_is_still_open_on_time():
    status = classify(QUARTERS, None, d(30, 6), updates=[d(1, 3)])
    assert status.occurrences == ((d(31, 3), DONE_ON_TIME), (d(30, 6), OPEN_ON_TIME))
    assert status.cls == OPEN_ON_TIME


def test_completion_covers_occurrences_up_to_it():
    # Done 15/08 with no other record: Q1 and Q2 late, Q3 (30/6, 30/9] on time.
    status = classify(QUARTERS, d(15, 8), d(14, 12))
    assert status.occurrences == (
        (d(31, 3), DONE_LATE), (d(30, 6), DONE_LATE), (d(30, 9), DONE_ON_TIME)
    )
    assert status.cls == DONE_LATE


def test_completion_with_earlier_updates():
    status = classify(QUARTERS, d(31, 12), d(31, 12), updates=[d(1, 3), d(1, 6), d(1, 9)])
    assert status.cls == DONE_ON_TIME
    assert len(status.occurrences) == 4


def test_completion_after_at_is_ignored():
    status = classify(QUARTERS, d(20, 6), d(14, 6))
    assert status.occurrences == ((d(31, 3), OPEN_OVERDUE),)


def test_monthly_recurring_task():
    updates = [d(25, 1), d(10, 3), d(28, 3)]
    status = classify(MONTHLY, None, d(14, 4), updates=updates)
    # Jan on time; Feb nothing in (31/1, 29/2] but 10/3 later -> late; Mar on time.
    assert status.occurrences == (
        (d(31, 1), DONE_ON_TIME), (d(29, 2), DONE_LATE), (d(31, 3), DONE_ON_TIME)
    )
    assert (status.cls, status.due) == (DONE_LATE, d(29, 2))


def test_monthly_overdue_beats_late():
    status = classify(MONTHLY, None, d(14, 4), updates=[d(10, 2)])
    assert [cls for _, cls in status.occurrences] == [DONE_LATE, DONE_ON_TIME, OPEN_OVERDUE]
    assert (status.cls, status.due) == (OPEN_OVERDUE, d(31, 3))


def test_updates_after_at_do_not_count():
    status = classify(MONTHLY, None, d(14, 2), updates=[d(20, 1), d(20, 2)])
    assert status.occurrences == ((d(31, 1), DONE_ON_TIME),)


def test_datetimes_are_taken_as_dates():
    status = classify(QUARTER_I, datetime(2024, 3, 31, 23, 59), datetime(2024, 6, 14, 8))
    assert status.cls == DONE_ON_TIME


# --- counting -----------------------------------------------------------------


def test_count_classes():
    statuses = [
        classify(QUARTER_I, d(1, 3), d(14, 6)),
        classify(QUARTER_I, None, d(14, 6)),
        classify(QUARTER_I, None, d(14, 3)),
        classify(CONTINUOUS_TASK, None, d(14, 6)),
        classify(UNKNOWN, None, d(14, 6)),
        "done_late",
    ]
    assert count_classes(statuses) == {
        DONE_ON_TIME: 1, DONE_LATE: 1, OPEN_ON_TIME: 1, OPEN_OVERDUE: 1,
        CONTINUOUS: 1, UNSPECIFIED: 1, "total": 6,
    }


def test_count_classes_zero_filled():
    assert count_classes([]) == {**dict.fromkeys(CLASSES, 0), "total": 0}


def test_count_classes_rejects_unknown():
    with pytest.raises(ValueError):
        count_classes(["late-ish"])


def test_status_is_frozen():
    status = TaskStatus(OPEN_ON_TIME, d(1, 1))
    assert status.label == "Chưa hoàn thành trong hạn"
    with pytest.raises(AttributeError):
        status.cls = DONE_LATE  # type: ignore[misc]
