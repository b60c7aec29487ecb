"""The report workbook read back with openpyxl: the same figures as the document."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.edits.indicators import set_actual
from cchc_desktop.edits.areas import rename_area
from cchc_desktop.edits.tasks import edit_task
from cchc_desktop.export.xlsx_appendix import printable_width_units
from cchc_desktop.report import build_report, write_report_xlsx
from cchc_desktop.report.sections import area_name
from cchc_desktop.report.xlsx_report import INDICATORS_HEADER_ROW, SUMMARY_FIRST_ROW, TASKS_HEADER_ROW
from cchc_desktop.status import CLASSES
from tests.cchc_desktop.export.test_xlsx_rows import vietnamese_text

from .conftest import record_progress, task_id_by_stt

FORMULA_LIKE = ["=SUM(A1)", "- gạch đầu dòng", "+84 912 345 678", "@Văn phòng"]


@pytest.fixture
def document(db, tracked_plan_id):
    first = repo.list_indicators(db, tracked_plan_id)[0]
    apply(db, set_actual(db, first.id, "q1", 96.5, note="Theo Cổng DVC"))
    return build_report(db, tracked_plan_id, "q1")


@pytest.fixture
def workbook(document, tmp_path):
    path = tmp_path / "report.xlsx"
    write_report_xlsx(document, path)
    opened = load_workbook(path)
    yield opened
    opened.close()


def test_three_sheets(workbook):
    assert workbook.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Chỉ tiêu"]


def test_every_sheet_opens_as_an_annex_of_the_report(workbook):
    """Its title, then whose report it goes with (a province office copies many units'
    sheets into one workbook): not a second, incomplete report header."""
    titles = [sheet["A1"].value for sheet in workbook]
    assert titles == ["TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ I NĂM 2024",
                      "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024",
                      "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUÝ I NĂM 2024"]
    for sheet in workbook:
        assert sheet["A1"].font.b and sheet["A1"].font.sz == 14, sheet.title
        attachment = " ".join(sheet["A2"].value.split())
        assert attachment == "(Kèm theo Báo cáo số /BC-UBND ngày tháng 3 năm 2024 của Ủy ban nhân dân Phường 1)"
        assert sheet["A2"].font.i
        assert any(range_.min_row == 1 and range_.max_col == sheet.max_column for range_ in sheet.merged_cells.ranges)


def test_every_sheet_fits_its_page_width_unshrunk(workbook):
    """"One page wide" shrinks a sheet wider than its paper: the Tổng hợp sheet printed at 9 pt."""
    for sheet in workbook:
        landscape = sheet.page_setup.orientation == "landscape"
        widths = [sheet.column_dimensions[get_column_letter(column)].width for column in range(1, sheet.max_column + 1)]
        assert sum(widths) <= printable_width_units(landscape) + 0.01, sheet.title


def test_summary_has_the_same_counts_and_shares(workbook, document):
    sheet = workbook["Tổng hợp"]
    assert sheet["A3"].value == document.window_line
    groups = [*(area.counts for area in document.areas), document.overall]
    for row, group in enumerate(groups, start=SUMMARY_FIRST_ROW):
        values = [cell.value for cell in sheet[row]]
        assert values[1] == group.total
        for index, cls in enumerate(CLASSES):
            assert values[2 + 2 * index] == group.count(cls)
            assert values[3 + 2 * index] == pytest.approx(group.share(cls))
            assert sheet.cell(row, 4 + 2 * index).number_format == "0.0%"
    assert sheet.cell(SUMMARY_FIRST_ROW + len(groups) - 1, 1).value == "Tổng cộng"
    assert sheet.cell(SUMMARY_FIRST_ROW + len(groups) - 1, 2).value == 44
    assert sheet.max_row == SUMMARY_FIRST_ROW + len(groups) - 1


def test_task_sheet_has_every_task_with_its_status(workbook, document):
    sheet = workbook["Nhiệm vụ"]
    assert [cell.value for cell in sheet[TASKS_HEADER_ROW]] == list(document.appendix.headers)
    row = TASKS_HEADER_ROW + 1
    for area in document.areas:
        assert sheet.cell(row, 1).value == area.label and sheet.cell(row, 1).font.b
        row += 1
        for task in area.tasks:
            values = [sheet.cell(row, column).value or "" for column in range(1, 7)]
            assert values == [task.stt, task.content, task.lead, task.deadline, task.status, task.note]
            row += 1
    assert row - 1 == sheet.max_row


def test_indicator_sheet_target_against_actual(workbook, document):
    sheet = workbook["Chỉ tiêu"]
    first = [cell.value for cell in sheet[INDICATORS_HEADER_ROW + 1]]
    assert first[:7] == [1, document.indicators[0].text, "≥ 100%", 96.5, "%", "Chưa đạt", "Theo Cổng DVC"]
    assert sheet.max_row == INDICATORS_HEADER_ROW + len(document.indicators)


def test_times_new_roman_and_print_setup(workbook, tmp_path, document):
    for sheet in workbook:
        fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
        assert fonts == {"Times New Roman"}
        assert int(sheet.page_setup.paperSize) == 9 and int(sheet.page_setup.fitToWidth) == 1
        assert sheet.print_title_rows
    assert workbook["Nhiệm vụ"].page_setup.orientation == "landscape"
    path = tmp_path / "again.xlsx"
    write_report_xlsx(document, path)
    with zipfile.ZipFile(path) as archive:
        assert "Calibri" not in archive.read("xl/styles.xml").decode()


def test_formula_like_text_is_stored_as_text(db, tracked_plan_id, tmp_path):
    for stt, text in enumerate(FORMULA_LIKE, start=1):
        apply(db, edit_task(db, task_id_by_stt(db, tracked_plan_id, stt), content=text))
    record_progress(db, tracked_plan_id, [(6, date(2024, 2, 1), "in_progress", "=1+1")])
    path = tmp_path / "formula.xlsx"
    write_report_xlsx(build_report(db, tracked_plan_id, "q1"), path)
    workbook = load_workbook(path)
    try:
        cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
        texts = {cell.value for cell in cells if cell.data_type == "s"}
        assert set(FORMULA_LIKE) | {"=1+1"} <= texts
        assert not any(cell.data_type == "f" for cell in cells)
    finally:
        workbook.close()


# Text too long for one row ------------------------------------------------------------

MAX_ROW_POINTS = 409  # Excel shows no taller row: the rest of the text is cut off


def _rows_from(sheet, first_row, key_column=1):
    """``first_row`` and the continuation rows under it (``key_column`` empty: merged down)."""
    row = first_row + 1
    while row <= sheet.max_row and sheet.cell(row, key_column).value is None:
        row += 1
    return range(first_row, row)


def _joined(sheet, rows, column):
    return "".join(sheet.cell(row, column).value or "" for row in rows)


def _single_column_merges(sheet, rows):
    return {str(r) for r in sheet.merged_cells.ranges if r.min_col == r.max_col and r.min_row in rows}


def test_long_task_content_and_result_continue_on_rows_below(db, tracked_plan_id, tmp_path):
    """A 3,000-character task and a 40,000-character result: every character kept,
    cut between lines (the pieces of a column joined with ``"".join`` are the text),
    rows of at most 409 points, the short cells merged over the task's rows."""
    content, result = vietnamese_text(3_000, paragraph_every=3), vietnamese_text(40_000)
    apply(db, edit_task(db, task_id_by_stt(db, tracked_plan_id, 5), content=content))
    record_progress(db, tracked_plan_id, [(5, date(2024, 1, 20), "in_progress", result)])
    document = build_report(db, tracked_plan_id, "q1")
    task = next(task for task in document.tasks if task.stt == 5)
    assert (task.content, task.note) == (content, result)
    path = tmp_path / "long.xlsx"
    write_report_xlsx(document, path)
    workbook = load_workbook(path)
    sheet = workbook["Nhiệm vụ"]
    first = next(row for row in range(TASKS_HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(row, 1).value == 5)
    rows = _rows_from(sheet, first)
    last = rows[-1]
    assert len(rows) > 40  # 40,000 characters in a column 22 wide
    assert _joined(sheet, rows, 2) == content and _joined(sheet, rows, 6) == result
    assert all(len(sheet.cell(row, 6).value or "") <= 32_767 for row in rows)
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)
    content_rows = sum(1 for row in rows if sheet.cell(row, 2).value)
    assert 3 <= content_rows < len(rows)
    assert _single_column_merges(sheet, rows) == {
        f"A{first}:A{last}", f"B{first + content_rows - 1}:B{last}", f"C{first}:C{last}",
        f"D{first}:D{last}", f"E{first}:E{last}"}
    assert [sheet.cell(first, column).value for column in (1, 3, 4, 5)] == [5, task.lead, task.deadline, task.status]
    assert sheet.cell(last + 1, 1).value == 6 and sheet.cell(last + 1, 2).value == document.tasks[5].content
    # the other tasks are where they were, one row each
    assert sheet.max_row == TASKS_HEADER_ROW + len(document.areas) + 44 + len(rows) - 1
    workbook.close()


def test_a_long_indicator_note_continues_with_its_numbers_merged(db, tracked_plan_id, tmp_path):
    note = vietnamese_text(3_000)
    first_indicator = repo.list_indicators(db, tracked_plan_id)[0]
    apply(db, set_actual(db, first_indicator.id, "q1", 96.5, note=note))
    document = build_report(db, tracked_plan_id, "q1")
    path = tmp_path / "note.xlsx"
    write_report_xlsx(document, path)
    workbook = load_workbook(path)
    sheet = workbook["Chỉ tiêu"]
    first = INDICATORS_HEADER_ROW + 1
    rows = _rows_from(sheet, first)
    assert len(rows) > 1
    assert _joined(sheet, rows, 7) == note
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)
    assert sheet.cell(first, 1).value == 1 and sheet.cell(first, 4).value == 96.5
    assert {f"A{first}:A{rows[-1]}", f"D{first}:D{rows[-1]}"} <= _single_column_merges(sheet, rows)
    assert sheet.cell(rows[-1] + 1, 1).value == 2
    assert sheet.max_row == INDICATORS_HEADER_ROW + len(document.indicators) + len(rows) - 1
    workbook.close()


def test_a_long_area_title_continues_in_the_summary_and_the_task_sheet(db, tracked_plan_id, tmp_path):
    title = vietnamese_text(4_000)
    area = repo.list_areas(db, tracked_plan_id)[0]
    apply(db, rename_area(db, area.id, title))
    document = build_report(db, tracked_plan_id, "q1")
    path = tmp_path / "area.xlsx"
    write_report_xlsx(document, path)
    workbook = load_workbook(path)
    summary = workbook["Tổng hợp"]
    rows = _rows_from(summary, SUMMARY_FIRST_ROW, key_column=2)
    assert len(rows) > 1 and _joined(summary, rows, 1) == area_name(document.areas[0])
    assert summary.cell(SUMMARY_FIRST_ROW, 2).value == document.areas[0].counts.total
    assert f"B{rows[0]}:B{rows[-1]}" in _single_column_merges(summary, rows)
    assert summary.cell(rows[-1] + 1, 2).value == document.areas[1].counts.total
    assert all(summary.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)
    tasks = workbook["Nhiệm vụ"]
    label_rows = range(TASKS_HEADER_ROW + 1, next(
        row for row in range(TASKS_HEADER_ROW + 1, tasks.max_row + 1) if tasks.cell(row, 1).value == 1))
    assert len(label_rows) > 1 and _joined(tasks, label_rows, 1) == document.areas[0].label
    merged = {str(r) for r in tasks.merged_cells.ranges}
    assert all(f"A{row}:F{row}" in merged for row in label_rows)
    workbook.close()
