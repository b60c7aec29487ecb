"""Deadline phrases from the five seed plans and the domain brief, and messy variants."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.deadlines import (
    KINDS, MAX_YEAR, MIN_YEAR, RECURRENCES, Deadline, describe, parse, written_due_years,
)

Y = 2024


def d(day: int, month: int, year: int = Y) -> date:
    return date(year, month, day)


MONTH_ENDS_2024 = tuple(
    d(day, month)
    for month, day in zip(range(1, 13), (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31))
)
QUARTER_ENDS_2024 = (d(31, 3), d(30, 6), d(30, 9), d(31, 12))

# (text, kind, dates, recurrence, needs_review)
CASES = [
    # --- seed 002, appendix, as extracted (line breaks inside cells) ---
    ("Tháng \n\n02/2024", "date", (d(29, 2),), None, False),
    ("Trong năm \n\n2024", "date", (d(31, 12),), None, False),
    ("Quý I năm \n\n2024", "date", (d(31, 3),), None, False),
    ("Quý IV năm \n\n2024", "date", (d(31, 12),), None, False),
    ("Theo quy \n\nđịnh của cấp \n\ntrên", "unspecified", (), None, True),
    ("Tháng 01 \n\nnăm 2024", "date", (d(31, 1),), None, False),
    ("Năm 2024", "date", (d(31, 12),), None, False),
    ("Định kỳ \n\ntrong năm", "date", (d(31, 12),), None, True),
    (" Hàng tháng", "recurring", MONTH_ENDS_2024, "monthly", False),
    ("Quý I, II, III \n\nvà cả năm \n\n2024", "dates", QUARTER_ENDS_2024, None, False),
    ("Theo Kế \n\nhoạch số \n\n3989/KH-\n\nUBND ngày \n\n21/11/2022 \n\ncủa UBND \n\ntỉnh",
     "unspecified", (), None, True),
    ("Thường \n\nxuyên", "continuous", (), None, False),
    ("Năm 2024  -\n\n2025", "date", (d(31, 12, 2025),), None, False),
    # --- the domain brief, one line each ---
    ("Tháng 02/2024", "date", (d(29, 2),), None, False),
    ("Tháng 01 năm 2024", "date", (d(31, 1),), None, False),
    ("Quý I năm 2024", "date", (d(31, 3),), None, False),
    ("Quý IV năm 2024", "date", (d(31, 12),), None, False),
    ("Trong năm 2024", "date", (d(31, 12),), None, False),
    ("Năm 2024 -2025", "date", (d(31, 12, 2025),), None, False),
    ("Thường xuyên", "continuous", (), None, False),
    ("Hàng tháng", "recurring", MONTH_ENDS_2024, "monthly", False),
    ("Định kỳ trong năm", "date", (d(31, 12),), None, True),
    ("Quý I, II, III và cả năm 2024", "dates", QUARTER_ENDS_2024, None, False),
    ("Theo quy định của cấp trên", "unspecified", (), None, True),
    ("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", "unspecified", (), None, True),
    ("Hằng tháng", "recurring", MONTH_ENDS_2024, "monthly", False),
    ("Hàng quý", "recurring", QUARTER_ENDS_2024, "quarterly", False),
    ("Hằng quý", "recurring", QUARTER_ENDS_2024, "quarterly", False),
    ("Trước ngày 15/12/2024", "date", (d(14, 12),), None, False),
    ("Trước ngày 15 tháng 01 hằng năm", "recurring", (d(14, 1),), "yearly", False),
    ("6 tháng đầu năm", "date", (d(30, 6),), None, False),
    ("6 tháng cuối năm", "date", (d(31, 12),), None, False),
    ("Định kỳ 6 tháng", "recurring", (d(30, 6), d(31, 12)), "half-yearly", False),
    ("Định kỳ 6 tháng, năm", "recurring", (d(30, 6), d(31, 12)), "half-yearly", False),
    ("Năm 2024 và các năm tiếp theo", "date", (d(31, 12),), None, False),
    ("Theo tiến độ của …", "unspecified", (), None, True),
    ("Theo tiến độ của UBND tỉnh", "unspecified", (), None, True),
    # --- other phrases found in the seeds ---
    ("2024 – 2025", "date", (d(31, 12, 2025),), None, False),  # seed 002 "2022 – 2025"
    ("giai đoạn 2022-2025", "date", (d(31, 12, 2025),), None, False),
    ("giai đoạn 2021 - 2030", "date", (d(31, 12, 2030),), None, False),
    ("trong tháng 9/2024", "date", (d(30, 9),), None, False),  # seed 002 line 367
    ("Tháng 9/2024", "date", (d(30, 9),), None, False),
    ("trước ngày 05/3/2024", "date", (d(4, 3),), None, False),  # seed 004 line 557
    ("Quý 1", "date", (d(31, 3),), None, False),  # seed 004 "Quý 1, 6 tháng…"
    ("Quý 1, 6 tháng, 9 tháng và năm", "dates", QUARTER_ENDS_2024, None, False),
    ("Cả năm", "date", (d(31, 12),), None, False),
    ("6 tháng đầu năm 2024", "date", (d(30, 6),), None, False),
    ("6 tháng cuối năm 2025", "date", (d(31, 12, 2025),), None, False),  # seed 001
    ("9 tháng năm 2024", "date", (d(30, 9),), None, False),
    # --- spec meanings ---
    ("Chậm nhất ngày 15/12", "date", (d(15, 12),), None, False),
    ("Đến ngày 15/12", "date", (d(15, 12),), None, False),
    ("Chậm nhất là ngày 05/3", "date", (d(5, 3),), None, False),
    ("ngày 15 tháng 12 năm 2024", "date", (d(15, 12),), None, False),
    ("Trước ngày 15 tháng 12 năm 2025", "date", (d(14, 12, 2025),), None, False),
    ("15/12/2024", "date", (d(15, 12),), None, False),
    ("15/12", "date", (d(15, 12),), None, False),
    ("Trước ngày 01/01/2025", "date", (d(31, 12),), None, False),
    ("Tháng 02/2025", "date", (d(28, 2, 2025),), None, False),
    ("tháng 2 năm 2024", "date", (d(29, 2),), None, False),
    ("02/2024", "date", (d(29, 2),), None, False),
    ("Tháng 12", "date", (d(31, 12),), None, False),
    ("Quý II", "date", (d(30, 6),), None, False),
    ("Quý I/2025", "date", (d(31, 3, 2025),), None, False),
    ("Quý I và Quý II năm 2024", "dates", (d(31, 3), d(30, 6)), None, False),
    ("Quý IV năm 2024, Quý I năm 2025", "dates", (d(31, 12), d(31, 3, 2025)), None, False),
    ("Trước tháng 6/2024", "date", (d(31, 5),), None, False),
    ("Từ tháng 3 đến tháng 6/2024", "date", (d(30, 6),), None, False),
    ("Từ ngày 15/12/2023 đến ngày 29/02/2024", "date", (d(29, 2),), None, False),
    ("Năm 2025", "date", (d(31, 12, 2025),), None, False),
    ("Trong năm", "date", (d(31, 12),), None, False),
    ("Hằng năm", "recurring", (d(31, 12),), "yearly", False),
    ("Trước ngày 05 hằng tháng", "recurring",
     tuple(d(4, m) for m in range(1, 13)), "monthly", False),
    ("6 tháng/lần", "recurring", (d(30, 6), d(31, 12)), "half-yearly", False),
    ("Liên tục", "continuous", (), None, False),
    # --- ranges and lists of months and quarters (one span, due at its end; each month) ---
    ("Tháng 3 - 4/2024", "date", (d(30, 4),), None, False),  # not the 3rd of April
    ("Tháng 3-4 năm 2024", "date", (d(30, 4),), None, False),
    ("Tháng 3 đến tháng 5 năm 2024", "date", (d(31, 5),), None, False),  # as "Từ tháng 3 đến…"
    ("Trong tháng 11 – 12", "date", (d(31, 12),), None, False),
    ("Quý III-IV/2024", "date", (d(31, 12),), None, False),
    ("Quý III - IV năm 2024", "date", (d(31, 12),), None, False),
    ("Quý II đến quý III năm 2024", "date", (d(30, 9),), None, False),
    ("Từ quý II đến quý III năm 2025", "date", (d(30, 9, 2025),), None, False),
    ("Quý I-II", "date", (d(30, 6),), None, False),
    ("tháng 3,6,9,12", "dates", QUARTER_ENDS_2024, None, False),
    ("Tháng 3, 6, 9, 12 năm 2025", "dates", (d(31, 3, 2025), d(30, 6, 2025), d(30, 9, 2025), d(31, 12, 2025)),
     None, False),
    ("Tháng 6 và tháng 12", "dates", (d(30, 6), d(31, 12)), None, False),
    ("Tháng 3, 6 tháng đầu năm", "dates", (d(31, 3), d(30, 6)), None, False),  # "6 tháng" is a half-year
    ("Tháng 12-2024", "date", (d(31, 12),), None, False),  # a month and its year, not a range
    ("Quý 1-2/2024", "date", (d(30, 6),), None, False),  # not the 1st of February
    ("Quý 3 - 4/2024", "date", (d(31, 12),), None, False),
    # a day and month after the dash: a month, then a date, as before ranges were read
    ("Từ tháng 3 đến 15/4/2024", "date", (d(15, 4),), None, False),
    ("Tháng 10 - 15/12/2024", "dates", (d(31, 10), d(15, 12)), None, False),
    ("Tháng 11 - 20/12", "dates", (d(30, 11), d(20, 12)), None, False),
    ("Tháng 3 - 31/3/2024", "date", (d(31, 3),), None, False),
    ("Tháng 6 - 6 tháng đầu năm", "date", (d(30, 6),), None, False),  # "6 tháng" is a half-year
    ("Tháng 5 - 3/2024", "unspecified", (), None, True),  # a range that ends before it starts
    ("Quý IV - II năm 2024", "unspecified", (), None, True),
    ("tháng 13, 14", "unspecified", (), None, True),
    # --- messy text ---
    (unicodedata.normalize("NFD", "Quý I năm 2024"), "date", (d(31, 3),), None, False),
    (unicodedata.normalize("NFD", "Trước ngày 15 tháng 01 hằng năm"), "recurring",
     (d(14, 1),), "yearly", False),
    ("Qúy III năm 2024", "date", (d(30, 9),), None, False),
    ("QÚY III NĂM 2024", "date", (d(30, 9),), None, False),
    ("Quý I n\u01cem 2024", "date", (d(31, 3),), None, False),
    ("Quý I  năm  2024", "date", (d(31, 3),), None, False),
    ("Quý I năm\n2024", "date", (d(31, 3),), None, False),
    ("Quý I\u00a0năm\u00a02024", "date", (d(31, 3),), None, False),
    ("QUÝ I NĂM 2024", "date", (d(31, 3),), None, False),
    ("THƯỜNG XUYÊN", "continuous", (), None, False),
    ("quý 4 năm 2024", "date", (d(31, 12),), None, False),
    ("  Năm 2024.  ", "date", (d(31, 12),), None, False),
    # --- not understood, or partly ---
    ("", "unspecified", (), None, True),
    ("   \n ", "unspecified", (), None, True),
    ("31/02/2024", "unspecified", (), None, True),
    ("Tháng 13/2024", "unspecified", (), None, True),
    ("Đầu năm 2024", "unspecified", (), None, True),
    ("Từ tháng 3/2024", "unspecified", (), None, True),
    ("Khi có yêu cầu", "unspecified", (), None, True),
    ("Đột xuất", "unspecified", (), None, True),
    ("blah", "unspecified", (), None, True),
    ("Quý I năm 2024 (dự kiến)", "date", (d(31, 3),), None, True),
    ("Thường xuyên, hàng tháng", "continuous", (), None, True),
    ("Trước ngày 01/01/1900", "unspecified", (), None, True),
    ("Năm 2025 - 2024", "unspecified", (), None, True),
]


@pytest.mark.parametrize(("text", "kind", "dates", "recurrence", "review"), CASES)
def test_parse_phrase(text, kind, dates, recurrence, review):
    deadline = parse(text, Y)
    assert (deadline.kind, deadline.dates, deadline.recurrence, deadline.needs_review) == (
        kind, dates, recurrence, review
    )
    assert deadline.text == text


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Hàng quý", 2025,
         (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))),
        ("Quý I", 2025, (date(2025, 3, 31),)),
        ("Quý I năm 2024", 2025, (date(2024, 3, 31),)),  # the written year wins
        ("Trước ngày 15 tháng 01 hằng năm", 2025, (date(2025, 1, 14),)),
        ("Tháng 02", 2025, (date(2025, 2, 28),)),
        ("Hằng tháng", 2025, (date(2025, 2, 28), date(2025, 12, 31))),
    ],
)
def test_missing_year_takes_plan_year(text, year, expected):
    dates = parse(text, year).dates
    assert set(expected) <= set(dates)
    assert all(day.year == expected[0].year for day in dates)


def test_reference_date_is_not_a_deadline():
    deadline = parse("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", Y)
    assert deadline.dates == ()
    assert date(2022, 11, 21) not in deadline.dates


def test_deadline_is_frozen():
    deadline = parse("Năm 2024", Y)
    with pytest.raises(AttributeError):
        deadline.kind = "dates"  # type: ignore[misc]


def test_bad_plan_year_is_a_caller_error():
    with pytest.raises(ValueError):
        parse("Năm 2024", 0)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Quý I, II, III và cả năm 2024", {2024}),
        ("Tháng \n\n02/2024", {2024}),
        ("Hằng tháng năm 2024", {2024}),
        ("Quý IV năm 2024, Quý I năm 2025", {2024, 2025}),
        ("Năm 2024 -2025", {2025}),  # due at the end of the range
        ("Trước ngày 01/01/2025", {2024}),  # due the day before
        ("Năm 2024 và các năm tiếp theo", {2024}),
        ("Hằng tháng", set()),  # the plan's year: none written
        ("Thường xuyên trong năm 2024", set()),  # continuous: never due
        ("Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", set()),  # another document's date
        ("Từ tháng 3/2024", set()),  # a start, not a due date
        ("31/02/2024", set()),
        ("", set()),
        (None, set()),
    ],
)
def test_years_written_in_a_deadline(text, years):
    assert written_due_years(text) == years


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (parse("Quý I năm 2024", Y), "31/03/2024"),
        (parse("Quý I, II, III và cả năm 2024", Y), "31/03, 30/06, 30/09, 31/12/2024"),
        (parse("Quý IV năm 2024, Quý I năm 2025", Y), "31/12/2024, 31/03/2025"),
        (parse("Hằng tháng", Y), "Hằng tháng (12 lần)"),
        (parse("Hàng quý", Y), "Hằng quý (4 lần)"),
        (parse("Định kỳ 6 tháng", Y), "Định kỳ 6 tháng (2 lần)"),
        (parse("Trước ngày 15 tháng 01 hằng năm", Y), "Hằng năm (14/01)"),
        (parse("Thường xuyên", Y), "Thường xuyên"),
        (parse("Theo quy định của cấp trên", Y), "Chưa xác định thời hạn"),
        (parse("", Y), "Chưa xác định thời hạn"),
        (parse("Định kỳ trong năm", Y), "31/12/2024 (cần kiểm tra)"),
    ],
)
def test_describe(deadline, expected):
    assert describe(deadline) == expected


# --- properties ----------------------------------------------------------------

FRAGMENTS = [
    "Quý", "Qúy", "quý", "I", "II", "III", "IV", "V", "1", "4", "5", "năm", "n\u01cem", "Năm",
    "2024", "2025", "0000", "9999", "tháng", "Tháng", "02/2024", "13/2024", "31/02", "15/12",
    "15/12/2024", "29/02/2023", "ngày", "15", "trước", "Trước", "chậm nhất", "đến", "từ",
    "hằng", "hàng", "Định kỳ", "6 tháng", "đầu", "cuối", "cả", "trong", "và", ",", "-", "–",
    "/", "Thường xuyên", "Theo", "Kế hoạch số", "3989/KH-UBND", "cấp trên", "các năm tiếp theo",
    "giai đoạn", "\n", "  ", "\u00a0", "ǎ", "\u0301", "\u0323", "…",
]


def _check_invariants(text: str, deadline: Deadline) -> None:
    assert deadline.text == text
    assert deadline.kind in KINDS
    assert deadline.recurrence in RECURRENCES + (None,)
    assert list(deadline.dates) == sorted(set(deadline.dates))
    assert all(date(MIN_YEAR, 1, 1) <= day <= date(MAX_YEAR, 12, 31) for day in deadline.dates)
    assert (deadline.recurrence is not None) == (deadline.kind == "recurring")
    if deadline.kind in ("continuous", "unspecified"):
        assert deadline.dates == ()
    if deadline.kind == "unspecified":
        assert deadline.needs_review
    if deadline.kind == "date":
        assert len(deadline.dates) == 1
    if deadline.kind == "dates":
        assert len(deadline.dates) > 1
    assert isinstance(describe(deadline), str)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR))
def test_any_text_never_raises(text, year):
    _check_invariants(text, parse(text, year))
    assert all(MIN_YEAR <= written <= MAX_YEAR for written in written_due_years(text))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12),
    st.lists(st.sampled_from([" ", "", "  ", "\n", ", "]), min_size=12, max_size=12),
    st.sampled_from(["NFC", "NFD"]),
    st.integers(min_value=2000, max_value=2100),
)
def test_deadline_like_text_never_raises(fragments, separators, form, year):
    text = unicodedata.normalize(form, "".join(f + s for f, s in zip(fragments, separators)))
    deadline = parse(text, year)
    _check_invariants(text, deadline)
    if deadline.kind != "recurring":  # a recurrence's dates are generated for the year
        assert written_due_years(text) <= {day.year for day in deadline.dates}  # of the due dates


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([case[0] for case in CASES]), st.sampled_from(["NFC", "NFD"]),
       st.booleans())
def test_normalisation_and_case_do_not_change_meaning(text, form, upper):
    variant = unicodedata.normalize(form, text.upper() if upper else text)
    expected, got = parse(text, Y), parse(variant, Y)
    assert (got.kind, got.dates, got.recurrence, got.needs_review) == (
        expected.kind, expected.dates, expected.recurrence, expected.needs_review
    )
