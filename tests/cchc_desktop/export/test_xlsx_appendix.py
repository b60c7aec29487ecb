"""The appendix workbook, read back with openpyxl."""

from __future__ import annotations

import math
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from cchc_desktop.export import xlsx_appendix
from cchc_desktop.export.appendix_data import COLUMN_HEADERS, AppendixDocument, AreaRow, TaskRow, build_appendix
from cchc_desktop.export.fonts import REGULAR
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


class _PublicTaskRows:
    """Task rows through openpyxl's public cell API, each cell measured on its own:
    how the appendix wrote them before ``_TaskRows`` took its faster road."""

    def __init__(self, sheet):
        self.sheet = sheet

    def write(self, row_number, row):
        xlsx_appendix._write_cells(
            self.sheet, row_number, row.texts(), xlsx_appendix.BODY_FONT, xlsx_appendix.TASK_ALIGNMENTS, REGULAR
        )
        self.sheet.cell(row_number, 1).value = row.stt


def _tricky_document(task_count=300):
    repeated = ["Công chức Văn phòng - Thống kê", "Các tổ chức, cá nhân có liên quan", "", "Quý I năm 2024"]
    odd = ["=SUM(A1)", "  lề trái", "cuối dòng  ", "- ý 1\n\n- ý 2", "3989/KH-UBND/" * 12, "xin chào " * 4_000, "漢字 😀"]
    rows = []
    for stt in range(1, task_count + 1):
        if stt % 97 == 1:
            rows.append(AreaRow(f"{stt}. KHU VỰC " + "RẤT DÀI " * (stt % 30)))
        others = [(odd + repeated)[(stt + shift) % 11] for shift in range(3)]
        rows.append(TaskRow(stt, f"Nhiệm vụ {stt}: " + "triển khai thực hiện " * (stt % 13), *others, repeated[stt % 4]))
    return AppendixDocument("Phụ lục", "TIÊU ĐỀ", "(Kèm theo)", COLUMN_HEADERS, tuple(rows), False)


def test_task_rows_are_written_as_the_public_api_writes_them(tmp_path, monkeypatch):
    """Same bytes in every part but the creation time: cells, styles, row heights
    (cached measurements included: texts repeat), merges, print setup."""
    document = _tricky_document()
    write_appendix_xlsx(document, tmp_path / "fast.xlsx")
    monkeypatch.setattr(xlsx_appendix, "_TaskRows", _PublicTaskRows)
    write_appendix_xlsx(document, tmp_path / "public.xlsx")
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as fast, zipfile.ZipFile(tmp_path / "public.xlsx") as public:
        assert fast.namelist() == public.namelist()
        for part in fast.namelist():
            if part != "docProps/core.xml":
                assert fast.read(part) == public.read(part), part
    sheet = load_workbook(tmp_path / "fast.xlsx").active
    heights = {sheet.row_dimensions[row].height for row in range(FIRST_BODY_ROW, sheet.max_row + 1)}
    assert len(heights) > 5  # the document does exercise many row heights


def test_control_characters_are_refused_as_openpyxl_refuses_them(tmp_path):
    document = AppendixDocument("Phụ lục", "T", "A", COLUMN_HEADERS, (TaskRow(1, "a\x01b", "", "", "", ""),), False)
    with pytest.raises(IllegalCharacterError):
        write_appendix_xlsx(document, tmp_path / "bad.xlsx")
