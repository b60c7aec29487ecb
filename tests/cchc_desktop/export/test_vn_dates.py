from datetime import date

import pytest

from cchc_desktop.export.vn_dates import blank_date_words, date_words, draft_or_date_words, vietnamese_date


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2024, 3, 5), "ngày 05 tháng 3 năm 2024"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
        (date(2024, 10, 9), "ngày 09 tháng 10 năm 2024"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_leading_zero_for_days_below_ten_and_months_one_and_two(day, words):
    assert date_words(day) == words


def test_place_and_date_line():
    assert vietnamese_date("Phường 1", date(2024, 2, 29)) == "Phường 1, ngày 29 tháng 02 năm 2024"


def test_draft_blanks_keep_the_known_month_and_year():
    assert blank_date_words(2024, 2) == "ngày    tháng 02 năm 2024"
    assert blank_date_words(2024) == "ngày    tháng    năm 2024"
    assert draft_or_date_words(None, 2025) == "ngày    tháng    năm 2025"
    assert draft_or_date_words(date(2024, 11, 3), 2024, blank_day=True) == "ngày    tháng 11 năm 2024"
    assert draft_or_date_words(date(2024, 11, 3), 2024) == "ngày 03 tháng 11 năm 2024"
