"""Dates as Vietnamese official documents write them (Nghị định 30/2020/NĐ-CP).

Days below 10 and the months 1 and 2 take a leading zero, the other months do not:
``ngày 05 tháng 3 năm 2024``, ``ngày 29 tháng 02 năm 2024``. Drafts leave the day
(and the month when it is not known) blank for the clerk to fill in by hand.
"""

from __future__ import annotations

from datetime import date

# What stands between the words when a draft leaves the day or month to be filled in.
BLANK = "    "


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def day_text(day: int) -> str:
    return f"{day:02d}"


def date_words(d: date) -> str:
    """``ngày 29 tháng 02 năm 2024``."""
    return f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"


def blank_date_words(year: int, month: int | None = None) -> str:
    """A draft's date: ``ngày    tháng 02 năm 2024``, or ``ngày    tháng    năm 2024``."""
    month_part = f" {month_text(month)} " if month else BLANK
    return f"ngày{BLANK}tháng{month_part}năm {year}"


def draft_or_date_words(d: date | None, year: int, blank_day: bool = False) -> str:
    """The date in words; blanks where the date is unknown or ``blank_day`` asks for them."""
    if d is None:
        return blank_date_words(year)
    if blank_day:
        return blank_date_words(d.year, d.month)
    return date_words(d)


def vietnamese_date(place: str, d: date) -> str:
    """The place-and-date line: ``Phường 1, ngày 29 tháng 02 năm 2024``."""
    return f"{place}, {date_words(d)}"
