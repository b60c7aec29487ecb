"""The report PDF read back with poppler, as a viewer shows it."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import replace

import pytest

from cchc_desktop.report import build_report, write_report_pdf

from tests.pdf_reading import normalised, pdftotext, run_tool
from .conftest import squeezed

A4_PORTRAIT = "595.276 x 841.89"
A4_LANDSCAPE = "841.89 x 595.276"


@pytest.fixture(scope="module")
def document(shared_workspace):
    workspace, plan_id = shared_workspace
    return build_report(workspace.db, plan_id, "q1")


@pytest.fixture(scope="module")
def report_pdf(document, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    pages = write_report_pdf(document, path)
    assert pages == page_count(path)
    return path


def page_count(path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run_tool("pdfinfo", str(path))).group(1))


def page_sizes(path) -> list[str]:
    info = run_tool("pdfinfo", "-f", "1", "-l", str(page_count(path)), str(path))
    return re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", info)


def page_text(path, page: int, *options: str) -> str:
    return pdftotext(path, "-f", str(page), "-l", str(page), *options)


def body_and_appendix_pages(path) -> tuple[list[int], list[int]]:
    sizes = page_sizes(path)
    body = [n for n, size in enumerate(sizes, start=1) if size == A4_PORTRAIT]
    appendix = [n for n, size in enumerate(sizes, start=1) if size == A4_LANDSCAPE]
    return body, appendix


def test_page_one_is_a4_portrait_and_the_appendix_landscape(report_pdf):
    body, appendix = body_and_appendix_pages(report_pdf)
    assert body[0] == 1 and appendix
    assert body == list(range(1, len(body) + 1))  # body first, appendix after, nothing else
    assert appendix == list(range(len(body) + 1, page_count(report_pdf) + 1))


def test_header_title_window_and_addressee_on_page_one(report_pdf):
    text = normalised(page_text(report_pdf, 1, "-layout"))
    for expected in (
        "ỦY BAN NHÂN DÂN", "PHƯỜNG 1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-UBND", "Phường 1, ngày tháng 3 năm 2024", "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024",
        "Thời gian lấy số liệu: từ ngày 15/12/2023 đến ngày 29/02/2024",
        "Kính gửi: Ủy ban nhân dân thành phố Tây Ninh",
    ):
        assert expected in text, expected


def test_a_long_parent_body_breaks_after_the_body_type(document, tmp_path):
    """Not "ỦY BAN NHÂN DÂN THÀNH / PHỐ HẢI PHÒNG": the place's name stays whole."""
    header = replace(document.header, parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
    path = tmp_path / "parent.pdf"
    write_report_pdf(replace(document, header=header), path)
    lines = [line.strip() for line in page_text(path, 1, "-layout").splitlines()]
    left = [line.split("  ")[0] for line in lines[:4]]
    assert left[:4] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN", "PHƯỜNG 1"]


def test_draft_keeps_the_blanks(report_pdf):
    layout = page_text(report_pdf, 1, "-layout")
    assert re.search(r"Số:\s+/BC-UBND", layout)
    assert re.search(r"ngày\s+tháng 3 năm 2024", layout)
    assert not re.search(r"Số:\s*\d", layout)


def test_no_page_number_on_page_one_then_numbers_from_two(report_pdf):
    body, appendix = body_and_appendix_pages(report_pdf)
    assert page_text(report_pdf, 1).split()[0] != "1"
    for number in body[1:]:
        assert page_text(report_pdf, number).split()[0] == str(number)


def test_the_appendix_is_numbered_on_its_own(report_pdf):
    _, appendix = body_and_appendix_pages(report_pdf)
    first = page_text(report_pdf, appendix[0]).split()
    assert first[:2] == ["Phụ", "lục"]
    for number, page in enumerate(appendix[1:], start=2):
        assert page_text(report_pdf, page).split()[0] == str(number)


def test_every_area_and_section_heading_in_the_body(report_pdf, document):
    body, _ = body_and_appendix_pages(report_pdf)
    text = normalised(pdftotext(report_pdf, "-f", "1", "-l", str(body[-1])))
    for section in document.sections:
        if section.heading:
            assert section.heading in text, section.heading
    for area in document.areas:
        assert area.label in normalised(pdftotext(report_pdf)), area.label


def test_counts_table_and_indicators_in_the_body(report_pdf):
    text = normalised(pdftotext(report_pdf, "-raw"))
    assert "Tổng cộng 44 2 (4,5%) 1 (2,3%) 32 (72,7%) 3 (6,8%) 3 (6,8%) 3 (6,8%)" in text
    assert "Stt Chỉ tiêu Mục tiêu Kết quả Đánh giá" in text
    assert "Chưa có số liệu" in text


def test_every_task_in_the_appendix_table(report_pdf, document):
    _, appendix = body_and_appendix_pages(report_pdf)
    text = squeezed(pdftotext(report_pdf, "-raw", "-f", str(appendix[0])))
    assert squeezed("TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024") in text
    assert squeezed("Tình trạng đến ngày 29/02/2024") in text
    for task in document.tasks:
        for value in (task.content, task.lead, task.deadline, task.status, task.note):
            assert squeezed(value) in text, (task.stt, value)


def test_closing_block_on_the_last_body_page(report_pdf):
    body, _ = body_and_appendix_pages(report_pdf)
    text = normalised(page_text(report_pdf, body[-1]))
    assert "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024" in text
    for expected in ("Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):
        assert expected in text, expected


def test_the_signature_never_stands_alone_on_a_page(document, tmp_path):
    """Lengthen the text before the closing paragraph a few lines at a time, through a whole
    page: wherever the page breaks, the signing page also carries the closing paragraph."""
    one_line = "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính."
    for extra in range(0, 40, 3):
        sections = tuple(
            replace(section, paragraphs=section.paragraphs + (one_line,) * extra) if section.key == "proposals"
            else section for section in document.sections)
        path = tmp_path / f"report-{extra}.pdf"
        write_report_pdf(replace(document, sections=sections), path)
        body, _ = body_and_appendix_pages(path)
        signing_page = normalised(page_text(path, body[-1]))
        assert "Nơi nhận:" in signing_page, extra
        assert "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính" in signing_page, extra


def test_only_embedded_liberation_serif(report_pdf):
    lines = run_tool("pdffonts", str(report_pdf)).splitlines()[2:]
    assert len(lines) == 4  # regular, bold, italic, bold italic
    for line in lines:
        name, *_, embedded, subset, unicode_map, _obj, _gen = line.split()
        assert "LiberationSerif" in name and embedded == "yes", line


def test_text_is_nfc(report_pdf):
    text = pdftotext(report_pdf)
    assert unicodedata.is_normalized("NFC", text)


def test_build_and_render_the_demo_report_quickly(shared_workspace, tmp_path):
    workspace, plan_id = shared_workspace
    started = time.perf_counter()
    write_report_pdf(build_report(workspace.db, plan_id, "year"), tmp_path / "year.pdf")
    assert time.perf_counter() - started < 5


def test_a_long_place_name_never_breaks_the_date():
    from reportlab.lib.units import mm

    from cchc_desktop.export.fonts import register_fonts
    from cchc_desktop.report.pdf_blocks import place_date_lines

    register_fonts()
    right_column = 100 * mm  # A4 less the margins and the left column
    draft = "Quảng Phú Cầu Thượng Hòa Bình, ngày    tháng 12 năm 2025"
    assert place_date_lines(draft, right_column) == ["Quảng Phú Cầu Thượng Hòa Bình,", "ngày    tháng 12 năm 2025"]
    assert place_date_lines("Phường 1, ngày 05 tháng 3 năm 2024", right_column) == ["Phường 1, ngày 05 tháng 3 năm 2024"]
