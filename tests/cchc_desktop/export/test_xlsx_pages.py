"""Page breaks that keep an area heading with its first task, worked out from row heights."""

from __future__ import annotations

from openpyxl import Workbook

from cchc_desktop.export.xlsx_pages import SPARE_PT, keep_headings_with_tasks

PAGE = 480.0


def sheet_of(heights: list[float]):
    sheet = Workbook().active
    for row, height in enumerate(heights, start=1):
        sheet.row_dimensions[row].height = height
    return sheet


def test_a_heading_that_would_end_the_page_starts_the_next():
    # title 60 + header 30, then tasks of 50: after seven of them (440) a 20 pt heading
    # still fits (460) but its first task no longer does.
    heights = [60, 30] + [50] * 7 + [20, 50, 50]
    sheet = sheet_of(heights)
    assert keep_headings_with_tasks(sheet, 2, {10}, len(heights), PAGE) == [10]
    assert [brk.id for brk in sheet.row_breaks.brk] == [9]  # the break comes after row 9


def test_a_heading_with_room_for_its_first_task_stays():
    heights = [60, 30] + [50] * 5 + [20, 50, 50]
    sheet = sheet_of(heights)
    assert keep_headings_with_tasks(sheet, 2, {8}, len(heights), PAGE) == []
    assert not sheet.row_breaks.brk


def test_pages_after_the_first_count_the_repeated_header():
    # page 1: 90 + 7 × 50 = 440, the eighth task goes over; page 2 starts with the
    # header (30) and that task, then seven more: 430, so the heading (20) and its
    # task (50) would pass the page less the spare.
    heights = [60, 30] + [50] * 15 + [20, 50]
    sheet = sheet_of(heights)
    assert 30 + 8 * 50 + 20 + 50 > PAGE - SPARE_PT
    assert keep_headings_with_tasks(sheet, 2, {18}, len(heights), PAGE) == [18]


def test_a_heading_the_page_ends_before_is_left_alone():
    heights = [60, 30] + [50] * 7 + [40, 20, 50]  # page 1 full at 480: the heading opens page 2
    sheet = sheet_of(heights)
    assert keep_headings_with_tasks(sheet, 2, {11}, len(heights), PAGE) == []
