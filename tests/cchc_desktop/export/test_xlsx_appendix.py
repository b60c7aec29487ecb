"""The appendix workbook, read back with openpyxl."""

from __future__ import annotations

import math
import re
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from cchc_desktop.export import xlsx_appendix
from cchc_desktop.export.appendix_data import COLUMN_HEADERS, AppendixDocument, AreaRow, TaskRow, build_appendix
from cchc_desktop.export.fonts import REGULAR
from cchc_desktop.export.xlsx_appendix import COLUMN_WIDTHS, FIRST_BODY_ROW, HEADER_ROW, write_appendix_xlsx
from cchc_desktop.export.xlsx_rows import split_text

from .conftest import make_plan
from .test_xlsx_rows import vietnamese_text

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
        lines = xlsx_appendix._write_cells(
            self.sheet, row_number, row.texts(), xlsx_appendix.BODY_FONT, xlsx_appendix.TASK_ALIGNMENTS, REGULAR
        )
        self.sheet.cell(row_number, 1).value = row.stt
        if xlsx_appendix.task_too_long(lines, row.texts()):  # continued on more rows: one road for both
            return xlsx_appendix.write_continued_task(self.sheet, row_number, row)
        return 1


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
    (cached measurements included: texts repeat), merges, print setup. A task too
    long for one row takes one road in both (``write_continued_task``)."""
    document = _tricky_document()
    write_appendix_xlsx(document, tmp_path / "fast.xlsx")
    monkeypatch.setattr(xlsx_appendix, "_TaskRows", _PublicTaskRows)
    write_appendix_xlsx(document, tmp_path / "public.xlsx")
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as fast, zipfile.ZipFile(tmp_path / "public.xlsx") as public:
        assert fast.namelist() == public.namelist()
        for part in fast.namelist():
            if part != "docProps/core.xml":
                assert fast.read(part) == public.read(part), part
        # read as text: openpyxl takes seconds to load thousands of merged cells
        sheet_xml = fast.read("xl/worksheets/sheet1.xml").decode()
    heights = {int(row): float(height) for row, height in re.findall(r'<row r="(\d+)" ht="([\d.]+)"', sheet_xml)}
    assert len(set(heights.values())) > 5  # the document does exercise many row heights
    assert max(heights.values()) <= 409
    # and tasks continued on more rows ("xin chào " * 4_000), after which the fast road goes on
    merges = re.findall(r'<mergeCell ref="([A-F])(\d+):([A-F])(\d+)"/>', sheet_xml)
    assert any(first == last and int(top) < int(bottom) for first, top, last, bottom in merges)
    assert max(heights) > FIRST_BODY_ROW + len(document.rows)


def test_control_characters_are_refused_as_openpyxl_refuses_them(tmp_path):
    document = AppendixDocument("Phụ lục", "T", "A", COLUMN_HEADERS, (TaskRow(1, "a\x01b", "", "", "", ""),), False)
    with pytest.raises(IllegalCharacterError):
        write_appendix_xlsx(document, tmp_path / "bad.xlsx")


# Tasks too long for one row ---------------------------------------------------------

MAX_ROW_POINTS = 409  # Excel shows no taller row: the rest of the text is cut off


def _continued_document(*tasks):
    """An area, a short task 1, then ``tasks`` (TaskRow fields after stt), then a short last task."""
    rows = [AreaRow("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            TaskRow(1, "Xây dựng kế hoạch CCHC", "Văn phòng", "", "Kế hoạch", "Tháng 02/2024")]
    rows += [TaskRow(stt, *fields) for stt, fields in enumerate(tasks, start=2)]
    rows.append(TaskRow(len(tasks) + 2, "Báo cáo kết quả CCHC", "Văn phòng", "Các bộ phận", "Báo cáo", "Hằng quý"))
    return AppendixDocument("Phụ lục", "TIÊU ĐỀ", "(Kèm theo)", COLUMN_HEADERS, tuple(rows), False)


def _task_rows(sheet, first_row):
    """The sheet rows of the task starting at ``first_row``: up to the next Stt."""
    row = first_row + 1
    while row <= sheet.max_row and sheet.cell(row, 1).value is None:
        row += 1
    return range(first_row, row)


def _column_text(sheet, rows, column):
    return "".join(sheet.cell(row, column).value or "" for row in rows)


def _line(side):
    return side.style if side is not None else None


def _merged(sheet):
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_a_3000_character_task_continues_on_rows_of_at_most_409_points(tmp_path):
    """The Nhiệm vụ text goes on down its column, cut between lines, each row short
    enough to show; the pieces joined back (``"".join``, the space or line break of each
    cut stays at the end of the piece above) are the text; the other cells are merged
    down over the task's rows, boxed as one task; the next task follows at once."""
    content, output = vietnamese_text(3_000, paragraph_every=4), vietnamese_text(700)
    document = _continued_document((content, "Công chức Văn phòng - Thống kê", "Các tổ chức", output, "Quý I năm 2024"))
    write_appendix_xlsx(document, tmp_path / "long.xlsx")
    sheet = load_workbook(tmp_path / "long.xlsx").active
    first = FIRST_BODY_ROW + 2
    assert sheet.cell(first, 1).value == 2
    rows = _task_rows(sheet, first)
    content_pieces = split_text(content, REGULAR, 12, xlsx_appendix.usable_width(COLUMN_WIDTHS[1]), 25)
    output_pieces = split_text(output, REGULAR, 12, xlsx_appendix.usable_width(COLUMN_WIDTHS[4]), 25)
    assert len(rows) == len(content_pieces) >= 3 and 1 < len(output_pieces) < len(rows)
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)
    assert [sheet.cell(row, 2).value for row in rows] == list(content_pieces)
    assert _column_text(sheet, rows, 2) == content
    assert _column_text(sheet, rows, 5) == output
    assert [sheet.cell(first, column).value for column in (3, 4, 6)] == [
        "Công chức Văn phòng - Thống kê", "Các tổ chức", "Quý I năm 2024"]
    last = rows[-1]
    task_merges = {str(r) for r in sheet.merged_cells.ranges if r.min_row >= first}
    assert task_merges == {f"A{first}:A{last}", f"C{first}:C{last}", f"D{first}:D{last}",
                           f"E{first + len(output_pieces) - 1}:E{last}", f"F{first}:F{last}"}
    # boxed as one task: the grid around it and between its columns, no line across it inside
    for row in rows:
        for column in range(1, 7):
            border = sheet.cell(row, column).border
            assert _line(border.left) == _line(border.right) == "thin", (row, column)
            assert (_line(border.top) == "thin") == (row == first), (row, column)
    assert all(_line(sheet.cell(last, column).border.bottom) == "thin" for column in range(1, 7))
    assert all(_line(sheet.cell(row, 2).border.bottom) is None for row in rows[:-1])
    assert all(_line(sheet.cell(row, 5).border.bottom) is None for row in rows[:len(output_pieces) - 1])
    # the next task right after
    assert sheet.cell(last + 1, 1).value == 3 and sheet.cell(last + 1, 2).value == "Báo cáo kết quả CCHC"
    assert sheet.row_dimensions[last + 1].height == sheet.row_dimensions[FIRST_BODY_ROW + 1].height
    assert last + 1 == sheet.max_row


def test_40000_characters_all_kept_none_cut_at_32767(tmp_path):
    content = vietnamese_text(40_000)
    supporting = "xin chào " * 4_000  # 36,000 characters in a narrow column too
    document = _continued_document((content, "Văn phòng", supporting, "Báo cáo", "Năm 2024"))
    write_appendix_xlsx(document, tmp_path / "huge.xlsx")
    sheet = load_workbook(tmp_path / "huge.xlsx").active
    rows = _task_rows(sheet, FIRST_BODY_ROW + 2)
    assert _column_text(sheet, rows, 2) == content
    assert _column_text(sheet, rows, 4) == supporting
    assert all(len(sheet.cell(row, column).value or "") <= 32_767 for row in rows for column in (2, 4))
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)
    assert sheet.cell(rows[-1] + 1, 1).value == 3


def test_two_long_tasks_in_a_row_each_keep_their_rows(tmp_path):
    first_text, second_text = vietnamese_text(2_000), vietnamese_text(5_000, paragraph_every=2)
    document = _continued_document((first_text, "", "", "", ""), (second_text, "Văn phòng", "", "", "Năm 2024"))
    write_appendix_xlsx(document, tmp_path / "two.xlsx")
    sheet = load_workbook(tmp_path / "two.xlsx").active
    first = _task_rows(sheet, FIRST_BODY_ROW + 2)
    second = _task_rows(sheet, first[-1] + 1)
    assert sheet.cell(first[0], 1).value == 2 and sheet.cell(second[0], 1).value == 3
    assert _column_text(sheet, first, 2) == first_text and _column_text(sheet, second, 2) == second_text
    assert f"A{first[0]}:A{first[-1]}" in _merged(sheet) and f"A{second[0]}:A{second[-1]}" in _merged(sheet)
    assert sheet.cell(second[-1] + 1, 1).value == 4


def test_an_area_label_too_long_for_a_row_goes_on_more_merged_rows(tmp_path):
    label = "I. " + vietnamese_text(4_000).upper()
    document = AppendixDocument("Phụ lục", "T", "(Kèm theo)", COLUMN_HEADERS,
                                (AreaRow(label), TaskRow(1, "Nhiệm vụ", "", "", "", "")), False)
    write_appendix_xlsx(document, tmp_path / "area.xlsx")
    sheet = load_workbook(tmp_path / "area.xlsx").active
    first_task = next(r for r in range(FIRST_BODY_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    rows = range(FIRST_BODY_ROW, first_task)
    assert len(rows) > 1
    assert "".join(sheet.cell(row, 1).value for row in rows) == label
    assert all(f"A{row}:F{row}" in _merged(sheet) for row in rows)
    assert all(sheet.row_dimensions[row].height <= MAX_ROW_POINTS for row in rows)


def test_the_demo_appendix_has_no_continued_task(demo_sheet, demo_tasks):
    """Ordinary tasks take one row each (see also the public-API comparison): no merge
    but the heading lines and the area rows."""
    areas = len(demo_tasks)
    assert sum(len(group.tasks) for group in demo_tasks) == 44
    assert all(r.min_row == r.max_row and (r.min_col, r.max_col) == (1, 6) for r in demo_sheet.merged_cells.ranges)
    assert len(demo_sheet.merged_cells.ranges) == 3 + areas
    assert demo_sheet.max_row == FIRST_BODY_ROW - 1 + areas + 44
