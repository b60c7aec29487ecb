from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from cchc_desktop.errors import CchcError
from cchc_desktop.periods import (
    PERIOD_CODES,
    DueRule,
    PeriodOverride,
    ReportSchedule,
    ScheduleError,
    from_json,
    report_title,
    submission_due,
    title,
    to_json,
    window,
)


def d(day: int, month: int, year: int) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(
    ("period", "year", "start", "end"),
    [
        ("q1", 2024, d(15, 12, 2023), d(14, 3, 2024)),
        ("q2", 2024, d(15, 3, 2024), d(14, 6, 2024)),
        ("h1", 2024, d(15, 12, 2023), d(14, 6, 2024)),
        ("q3", 2024, d(15, 6, 2024), d(14, 9, 2024)),
        ("m9", 2024, d(15, 12, 2023), d(14, 9, 2024)),
        ("q4", 2024, d(15, 9, 2024), d(14, 12, 2024)),
        ("h2", 2024, d(15, 6, 2024), d(14, 12, 2024)),
        ("year", 2024, d(15, 12, 2023), d(14, 12, 2024)),
        ("m01", 2024, d(15, 12, 2023), d(14, 1, 2024)),
        ("m02", 2024, d(15, 1, 2024), d(14, 2, 2024)),
        ("m03", 2024, d(15, 2, 2024), d(14, 3, 2024)),
        ("m12", 2024, d(15, 11, 2024), d(14, 12, 2024)),
        ("q1", 2025, d(15, 12, 2024), d(14, 3, 2025)),
        ("h2", 2025, d(15, 6, 2025), d(14, 12, 2025)),
        ("year", 2025, d(15, 12, 2024), d(14, 12, 2025)),
        ("m03", 2025, d(15, 2, 2025), d(14, 3, 2025)),
    ],
)
def test_default_windows(period, year, start, end):
    assert window(period, year) == (start, end)


def test_every_period_has_a_window_and_no_default_deadline():
    assert len(PERIOD_CODES) == 20
    for code in PERIOD_CODES:
        start, end = window(code, 2024)
        assert start < end
        assert submission_due(code, 2024) is None


@pytest.mark.parametrize(
    ("period", "year", "expected"),
    [
        ("q1", 2024, "quý I năm 2024"),
        ("q2", 2024, "quý II năm 2024"),
        ("h1", 2024, "6 tháng đầu năm 2024"),
        ("q3", 2024, "quý III năm 2024"),
        ("m9", 2024, "9 tháng năm 2024"),
        ("q4", 2024, "quý IV năm 2024"),
        ("h2", 2025, "6 tháng cuối năm 2025"),
        ("year", 2024, "năm 2024"),
        ("m01", 2024, "tháng 01 năm 2024"),
        ("m02", 2024, "tháng 02 năm 2024"),
        ("m03", 2024, "tháng 3 năm 2024"),
        ("m11", 2024, "tháng 11 năm 2024"),
    ],
)
def test_titles(period, year, expected):
    assert title(period, year) == expected


def test_report_title():
    heading = report_title("q1", 2024)
    assert heading.doc_type == "BÁO CÁO"
    assert heading.subject == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert str(heading) == "BÁO CÁO Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    assert str(report_title("year", 2024)).endswith("cải cách hành chính năm 2024")


def test_unknown_period_is_a_vietnamese_value_error():
    with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ"):
        window("q5", 2024)
    with pytest.raises(CchcError):
        title("m13", 2024)


# --- seed 002 (Phường 1, Tây Ninh) and seed 004 (Thanh Xuân) --------------------

SEED_002 = ReportSchedule(
    due=DueRule(before_day_of_last_month=12),
    periods={
        "q1": PeriodOverride(d(15, 12, 2023), d(29, 2, 2024)),
        "h1": PeriodOverride(d(15, 12, 2023), d(31, 5, 2024)),
        "m9": PeriodOverride(d(15, 12, 2023), d(30, 8, 2024)),
        "year": PeriodOverride(d(15, 12, 2023), d(6, 11, 2024)),
    },
)
SEED_004 = ReportSchedule(
    window_start_day=5, window_end_day=5, due=DueRule(latest_day_of_last_month=5)
)


@pytest.mark.parametrize(
    ("period", "start", "end", "due"),
    [
        ("q1", d(15, 12, 2023), d(29, 2, 2024), d(11, 3, 2024)),
        ("h1", d(15, 12, 2023), d(31, 5, 2024), d(11, 6, 2024)),
        ("m9", d(15, 12, 2023), d(30, 8, 2024), d(11, 9, 2024)),
        ("year", d(15, 12, 2023), d(6, 11, 2024), d(11, 12, 2024)),
        # not set by the plan: from the day after the 6-month cut-off to the 9-month one
        ("q3", d(1, 6, 2024), d(30, 8, 2024), d(11, 9, 2024)),
        ("q2", d(1, 3, 2024), d(31, 5, 2024), d(11, 6, 2024)),
        ("q4", d(31, 8, 2024), d(6, 11, 2024), d(11, 12, 2024)),
        ("h2", d(1, 6, 2024), d(6, 11, 2024), d(11, 12, 2024)),
        ("m04", d(1, 3, 2024), d(14, 4, 2024), d(11, 4, 2024)),  # the rule's end, after q1's cut-off
        ("m03", d(15, 2, 2024), d(29, 2, 2024), d(11, 3, 2024)),  # ends with q1's cut-off
    ],
)
def test_seed_002_schedule(period, start, end, due):
    assert window(period, 2024, SEED_002) == (start, end)
    assert submission_due(period, 2024, SEED_002) == due


@pytest.mark.parametrize(
    ("period", "start", "end", "due"),
    [
        ("q1", d(5, 12, 2023), d(5, 3, 2024), d(5, 3, 2024)),
        ("h1", d(5, 12, 2023), d(5, 6, 2024), d(5, 6, 2024)),
        ("m9", d(5, 12, 2023), d(5, 9, 2024), d(5, 9, 2024)),
        ("year", d(5, 12, 2023), d(5, 12, 2024), d(5, 12, 2024)),
    ],
)
def test_seed_004_schedule(period, start, end, due):
    assert window(period, 2024, SEED_004) == (start, end)
    assert submission_due(period, 2024, SEED_004) == due


def test_override_for_another_year_falls_back_to_the_rule():
    assert window("q1", 2025, SEED_002) == (d(15, 12, 2024), d(14, 3, 2025))
    assert window("q3", 2025, SEED_002) == (d(15, 6, 2025), d(14, 9, 2025))


def test_a_period_between_two_cut_offs_fills_the_missing_end_from_the_rule():
    only_half_year = ReportSchedule(periods={"h1": PeriodOverride(d(15, 12, 2023), d(31, 5, 2024))})
    assert window("q3", 2024, only_half_year) == (d(1, 6, 2024), d(14, 9, 2024))
    only_nine_months = ReportSchedule(periods={"m9": PeriodOverride(d(15, 12, 2023), d(30, 8, 2024))})
    assert window("q3", 2024, only_nine_months) == (d(15, 6, 2024), d(30, 8, 2024))


def test_consecutive_quarters_leave_no_day_out():
    quarters = [window(code, 2024, SEED_002) for code in ("q1", "q2", "q3", "q4")]
    for (_, end), (next_start, _) in zip(quarters, quarters[1:]):
        assert next_start - end == timedelta(days=1)


@pytest.mark.parametrize(
    ("rule", "period", "year", "expected"),
    [
        (DueRule(before_day_of_last_month=12), "m02", 2024, d(11, 2, 2024)),
        (DueRule(before_day_of_last_month=31), "m02", 2024, d(29, 2, 2024)),
        (DueRule(before_day_of_last_month=31), "m02", 2025, d(28, 2, 2025)),
        (DueRule(before_day_of_last_month=1), "q1", 2024, d(29, 2, 2024)),
        (DueRule(latest_day_of_last_month=31), "m02", 2024, d(29, 2, 2024)),
        (DueRule(latest_day_of_last_month=5), "m02", 2025, d(5, 2, 2025)),
        (DueRule(fixed=d(20, 3, 2024)), "q1", 2024, d(20, 3, 2024)),
    ],
)
def test_due_rules(rule, period, year, expected):
    assert submission_due(period, year, ReportSchedule(due=rule)) == expected


def test_period_due_rule_beats_the_general_one():
    schedule = ReportSchedule(
        due=DueRule(before_day_of_last_month=12),
        periods={"q4": PeriodOverride(due=DueRule(fixed=d(30, 11, 2024)))},
    )
    assert submission_due("q4", 2024, schedule) == d(30, 11, 2024)
    assert window("q4", 2024, schedule) == (d(15, 9, 2024), d(14, 12, 2024))
    assert submission_due("q3", 2024, schedule) == d(11, 9, 2024)


# --- JSON ---------------------------------------------------------------------


@pytest.mark.parametrize("schedule", [ReportSchedule(), SEED_002, SEED_004, ReportSchedule(
    periods={"m02": PeriodOverride(due=DueRule(fixed=d(29, 2, 2024)))})])
def test_json_round_trip(schedule):
    text = to_json(schedule)
    assert json.loads(text) == schedule.to_dict()
    assert from_json(text) == schedule
    assert ReportSchedule.from_json(schedule.to_json()) == schedule


def test_json_form_is_plain():
    assert SEED_002.to_dict() == {
        "window_start_day": 15,
        "window_end_day": 14,
        "due": {"before_day_of_last_month": 12},
        "periods": {
            "q1": {"start": "2023-12-15", "end": "2024-02-29"},
            "h1": {"start": "2023-12-15", "end": "2024-05-31"},
            "m9": {"start": "2023-12-15", "end": "2024-08-30"},
            "year": {"start": "2023-12-15", "end": "2024-11-06"},
        },
    }


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_empty_json_gives_defaults(empty):
    assert from_json(empty) == ReportSchedule()


@pytest.mark.parametrize(
    "bad",
    [
        "{",
        "[]",
        "42",
        "null",
        "[" * 5000 + "]" * 5000,
        '{"window_start_day": 0}',
        '{"window_start_day": 32}',
        '{"window_end_day": "14"}',
        '{"window_end_day": true}',
        '{"colour": "red"}',
        '{"due": {}}',
        '{"due": {"before_day_of_last_month": 12, "latest_day_of_last_month": 5}}',
        '{"due": {"fixed": "2024-02-30"}}',
        '{"due": {"fixed": 20240229}}',
        '{"due": {"every": 3}}',
        '{"due": "12"}',
        '{"periods": []}',
        '{"periods": {"q5": {}}}',
        '{"periods": {"q1": {"start": "2024-03-01", "end": "2024-02-29"}}}',
        '{"periods": {"q1": {"start": "2024-03-01"}}}',
        '{"periods": {"q1": {"start": "29/02/2024", "end": "2024-02-29"}}}',
        '{"periods": {"q1": {"begin": "2024-01-01"}}}',
    ],
)
def test_bad_json_is_a_vietnamese_value_error(bad):
    with pytest.raises(ValueError) as caught:
        from_json(bad)
    assert isinstance(caught.value, ScheduleError)
    assert isinstance(caught.value, CchcError)
    assert caught.value.message  # shown to the user as is
    assert not caught.value.message.isascii()  # Vietnamese
