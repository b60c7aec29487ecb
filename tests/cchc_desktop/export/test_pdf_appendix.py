"""The appendix PDF, read back with poppler as a user's viewer would see it."""

from __future__ import annotations

import re

import pytest

from cchc_desktop.export.appendix_data import AppendixDocument, AreaRow, TaskRow, build_appendix
from cchc_desktop.export.pdf_appendix import COLUMN_WIDTHS_MM, MARGIN_LEFT, TABLE, write_appendix_pdf
from cchc_desktop.export.pdf_table import AREA, TASK, paginate

from tests.pdf_reading import normalised, pdftotext, run_tool, squeezed

COLUMN_FIELDS = ("content", "lead", "supporting", "output", "deadline_text")


@pytest.fixture(scope="module")
def demo_pdf(demo_workspace, tmp_path_factory):
    workspace, plan_id = demo_workspace
    path = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    write_appendix_pdf(build_appendix(workspace.db, plan_id), path)
    return path


def column_text(path, column: int, *options: str) -> str:
    """The text of one table column on every page (pdftotext cropped to the column)."""
    left = MARGIN_LEFT + sum(TABLE.column_widths[:column])
    width = TABLE.column_widths[column]
    crop = ["-x", str(int(left) + 1), "-y", "0", "-W", str(int(width) - 2), "-H", "600"]
    return pdftotext(path, *options, *crop)


def page_count(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(path))).group(1))


def test_columns_fill_the_text_width_between_the_decree_margins():
    assert sum(COLUMN_WIDTHS_MM) == 252  # 297 mm - left 30 - right 15


@pytest.mark.parametrize("mode", [(), ("-layout",)], ids=["plain", "layout"])
@pytest.mark.parametrize("column", range(1, 6), ids=COLUMN_FIELDS)
def test_every_task_cell_is_in_its_column_in_order(demo_pdf, demo_tasks, mode, column):
    dehyphenated = not mode  # plain mode joins a line ending in '-' with the next
    text = squeezed(column_text(demo_pdf, column, *mode), dehyphenated)
    field = COLUMN_FIELDS[column - 1]
    position = 0
    for task in (task for group in demo_tasks for task in group.tasks):
        value = squeezed(getattr(task, field), dehyphenated)
        found = text.find(value, position)
        assert found >= 0, f"Stt {task.stt}: {getattr(task, field)!r} missing or out of order"
        position = found + len(value)


def test_stt_column_numbers_every_task_in_order(demo_pdf):
    numbers = [int(word) for word in column_text(demo_pdf, 0).split() if word.isdigit()]
    assert numbers == list(range(1, 45))


@pytest.mark.parametrize("mode", [(), ("-layout",), ("-raw",)], ids=["plain", "layout", "raw"])
def test_heading_lines_and_area_titles(demo_pdf, demo_tasks, mode):
    text = normalised(pdftotext(demo_pdf, *mode))
    assert text.startswith("Phụ lục CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024 ")
    assert "(Kèm theo Quyết định số 55/QĐ-UBND ngày 29 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1)" in text
    for group in demo_tasks:
        assert f"{group.area.numeral}. {group.area.title}" in text


def test_raw_text_has_every_task_cell(demo_pdf, demo_tasks):
    text = squeezed(pdftotext(demo_pdf, "-raw"))
    for task in (task for group in demo_tasks for task in group.tasks):
        for field in COLUMN_FIELDS:
            assert squeezed(getattr(task, field)) in text, (task.stt, field)


def test_only_embedded_liberation_serif(demo_pdf):
    lines = run_tool("pdffonts", str(demo_pdf)).splitlines()[2:]
    assert len(lines) >= 3  # regular, bold, italic
    for line in lines:
        match = re.match(r"(\S+)\s.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        assert match, line
        name, embedded = match.group(1), match.group(2)
        assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", name), line
        assert embedded == "yes", line


def test_a4_landscape_on_several_pages(demo_pdf):
    info = run_tool("pdfinfo", str(demo_pdf))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert width == pytest.approx(842, abs=1) and height == pytest.approx(595, abs=1)
    assert page_count(demo_pdf) >= 2


def test_page_numbers_from_page_two_with_the_header_row_repeated(demo_pdf):
    first_page = pdftotext(demo_pdf, "-f", "1", "-l", "1", "-layout").split()
    assert first_page[:2] == ["Phụ", "lục"]
    for number in range(2, page_count(demo_pdf) + 1):
        page = pdftotext(demo_pdf, "-f", str(number), "-l", str(number), "-layout")
        lines = [line.split() for line in page.splitlines() if line.strip()]
        assert lines[0] == [str(number)]
        header = " ".join(lines[1] + lines[2])
        assert all(title in header for title in ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian"))


def test_draft_shows_the_blanks(demo_workspace, tmp_path):
    workspace, plan_id = demo_workspace
    path = tmp_path / "draft.pdf"
    write_appendix_pdf(build_appendix(workspace.db, plan_id, draft=True), path)
    text = normalised(pdftotext(path, "-layout", "-l", "1"))
    assert "(Kèm theo Quyết định số /QĐ-UBND ngày tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1)" in text


def synthetic(rows) -> AppendixDocument:
    return AppendixDocument("Phụ lục", "TIÊU ĐỀ", "(Kèm theo …)", ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành"), tuple(rows), False)


def test_a_task_longer_than_a_page_is_split_and_complete(tmp_path):
    long_text = " ".join(f"ý{number} cải cách thủ tục hành chính" for number in range(400))
    rows = [AreaRow("I. DÀI"), TaskRow(1, long_text, "Văn phòng", "", "", "Năm 2024"), TaskRow(2, "Sau cùng", "", "", "", "")]
    path = tmp_path / "long.pdf"
    pages = write_appendix_pdf(synthetic(rows), path)
    assert pages == page_count(path) >= 3
    text = column_text(path, 1, "-layout").replace("Nhiệm vụ", "")  # the header row of each page
    assert squeezed(long_text + " Sau cùng") in squeezed(text)


def test_pagination_is_linear_and_never_ends_a_page_with_an_area_row():
    from cchc_desktop.export.pdf_table import lay_out_row

    rows = []
    for area in range(30):
        rows.append(lay_out_row(AREA, [f"{area}. NHÓM"], "LiberationSerif-Bold", ["left"], TABLE))
        rows += [lay_out_row(TASK, ["1", "nội dung " * (area % 7 + 1) * 6, "", "", "", ""], "LiberationSerif", ["left"] * 6, TABLE) for _ in range(area % 4 + 1)]
    pages = paginate(rows, 300, 450, TABLE)
    assert all(page and page[-1].row.kind != AREA for page in pages)
    assert all(sum(piece.height(TABLE) for piece in page) <= 450 + 0.01 for page in pages[1:])
    assert sum(piece.last - piece.first for page in pages for piece in page) == sum(row.line_count for row in rows)


def test_reportlab_draws_with_its_c_helpers():
    """rl_accel (a pinned dependency) replaces reportlab's pure-Python text escaping and
    number formatting: the 10,000-task PDF took 3.6 s without it, 2.6 s with it
    (bench/run.py --only exports). reportlab falls back silently when it is missing."""
    from reportlab.lib import rl_accel

    assert {"escapePDF", "fp_str", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
    assert not rl_accel._py_funcs
