"""The appendix workbook, read back with openpyxl."""

from __future__ import annotations

import math
import zipfile

import pytest
from openpyxl import load_workbook

from cchc_desktop.export.appendix_data import build_appendix
from cchc_desktop.export.xlsx_appendix import COLUMN_WIDTHS, FIRST_BODY_ROW, HEADER_ROW, write_appendix_xlsx

from .conftest import make_plan

FORMULA_LIKE = ["=SUM(A1)", "- gạch đầu dòng", "+84 912 345 678", "@Văn phòng", "=1+1"]


@pytest.fixture(scope="module")
def demo_xlsx(demo_workspace, tmp_path_factory):
    workspace, plan_id = demo_workspace
    path = tmp_path_factory.mktemp("xlsx") / "demo.xlsx"
    write_appendix_xlsx(build_appendix(workspace.db, plan_id), path)
    return path


@pytest.fixture(scope="module")
def demo_sheet(demo_xlsx):
    workbook = load_workbook(demo_xlsx)
    yield workbook.active
    workbook.close()


def test_heading_lines_merged_across_the_table(demo_sheet):
    assert [demo_sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "Phụ lục",
        "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024",
        "(Kèm theo Quyết định số 55/QĐ-UBND ngày 29 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1)",
    ]
    merged = {str(cell_range) for cell_range in demo_sheet.merged_cells.ranges}
    assert {"A1:F1", "A2:F2", "A3:F3"} <= merged
    assert demo_sheet["A1"].font.b and demo_sheet["A2"].font.b and demo_sheet["A3"].font.i
    assert demo_sheet["A1"].font.sz == 14


def test_every_task_in_order_under_its_merged_bold_area_row(demo_sheet, demo_tasks):
    assert [cell.value for cell in demo_sheet[HEADER_ROW]] == [
        "Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành",
    ]
    merged = {str(cell_range) for cell_range in demo_sheet.merged_cells.ranges}
    row = FIRST_BODY_ROW
    for group in demo_tasks:
        label = demo_sheet.cell(row, 1)
        assert label.value == f"{group.area.numeral}. {group.area.title}" and label.font.b
        assert f"A{row}:F{row}" in merged
        row += 1
        for task in group.tasks:
            values = [demo_sheet.cell(row, column).value or "" for column in range(1, 7)]
            assert values == [task.stt, task.content, task.lead, task.supporting, task.output, task.deadline_text]
            row += 1
    assert row - 1 == demo_sheet.max_row


def test_times_new_roman_everywhere(demo_sheet, demo_xlsx):
    fonts = {cell.font.name for row in demo_sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Times New Roman"}
    with zipfile.ZipFile(demo_xlsx) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert "Calibri" not in styles


def test_print_setup_a4_landscape_one_page_wide_header_repeated(demo_sheet):
    setup = demo_sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert demo_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert demo_sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    margins = demo_sheet.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom) == pytest.approx(
        (30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4)
    )
    assert demo_sheet.HeaderFooter.differentFirst and "&P" in demo_sheet.oddHeader.center.text


def test_rows_are_tall_enough_for_their_wrapped_text(demo_sheet):
    """A rough count independent of the exporter: Times New Roman 12 fits at most
    about 1.3 characters per width unit; each line needs at least 14 points."""
    merged_rows = {r.min_row for r in demo_sheet.merged_cells.ranges}
    for row in range(FIRST_BODY_ROW, demo_sheet.max_row + 1):
        widths = [sum(COLUMN_WIDTHS)] if row in merged_rows else COLUMN_WIDTHS
        lines = max(
            math.ceil(len(str(demo_sheet.cell(row, column).value or "")) / (width * 1.3))
            for column, width in enumerate(widths, start=1)
        )
        assert demo_sheet.row_dimensions[row].height >= 14 * max(lines, 1), row


def test_formula_like_text_stays_text(db, tmp_path):
    tasks = [{"content": text, "lead": text, "output": "=A1*2"} for text in FORMULA_LIKE]
    path = tmp_path / "formula.xlsx"
    write_appendix_xlsx(build_appendix(db, make_plan(db, tasks)), path)
    sheet = load_workbook(path).active
    cells = [sheet.cell(row, 2) for row in range(FIRST_BODY_ROW + 1, FIRST_BODY_ROW + 1 + len(FORMULA_LIKE))]
    assert [cell.value for cell in cells] == FORMULA_LIKE
    assert all(cell.data_type == "s" for cell in cells)
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
