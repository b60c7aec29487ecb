"""The xlsx as LibreOffice prints it: every task visible, page numbers from page 2."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cchc_desktop.export.appendix_data import build_appendix
from cchc_desktop.export.fonts import REGULAR
from cchc_desktop.export.xlsx_appendix import COLUMN_WIDTHS, MAX_LINES, usable_width, write_appendix_xlsx
from cchc_desktop.export.xlsx_rows import split_text

from tests.pdf_reading import pdftotext, run_tool, squeezed
from .conftest import make_plan
from .test_xlsx_appendix import FORMULA_LIKE
from .test_xlsx_rows import vietnamese_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LONG_CONTENT = vietnamese_text(3_000, paragraph_every=4)  # more than a 409-point row shows

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed"),
]


@pytest.fixture(scope="module")
def converted(demo_workspace, tmp_path_factory):
    """The demo workbook, one of formula-like texts and one with a task continued on
    more rows, printed to PDF by LibreOffice."""
    workspace, plan_id = demo_workspace
    folder = tmp_path_factory.mktemp("libreoffice")
    write_appendix_xlsx(build_appendix(workspace.db, plan_id), folder / "demo.xlsx")
    other_plan = make_plan(workspace.db, [{"content": text} for text in FORMULA_LIKE])
    write_appendix_xlsx(build_appendix(workspace.db, other_plan), folder / "formula.xlsx")
    long_plan = make_plan(workspace.db, [{"content": "Nhiệm vụ đầu"}, {"content": LONG_CONTENT, "output": "Báo cáo"},
                                         {"content": "Nhiệm vụ cuối"}])
    write_appendix_xlsx(build_appendix(workspace.db, long_plan), folder / "long.xlsx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder / "pdf"), *(str(folder / f"{name}.xlsx") for name in ("demo", "formula", "long"))],
        check=True, capture_output=True, timeout=120,
    )
    return folder / "pdf"


def test_every_task_is_printed(converted, demo_tasks):
    text = squeezed(pdftotext(converted / "demo.pdf", "-raw"))
    for group in demo_tasks:
        assert squeezed(f"{group.area.numeral}. {group.area.title}") in text
        for task in group.tasks:
            for value in (task.content, task.lead, task.supporting, task.output, task.deadline_text):
                assert squeezed(value) in text, (task.stt, value)


def test_page_numbers_from_page_two(converted):
    first = pdftotext(converted / "demo.pdf", "-f", "1", "-l", "1").split()
    second = pdftotext(converted / "demo.pdf", "-f", "2", "-l", "2").split()
    assert first[:2] == ["Phụ", "lục"]
    assert second[0] == "2" and "Stt" in second[:10]


def test_formula_like_text_is_printed_as_typed(converted):
    text = pdftotext(converted / "formula.pdf", "-raw")
    for value in FORMULA_LIKE:
        assert value in text


def test_a_task_continued_on_more_rows_is_printed_whole(converted):
    text = squeezed(pdftotext(converted / "long.pdf", "-raw"))
    pieces = split_text(LONG_CONTENT, REGULAR, 12, usable_width(COLUMN_WIDTHS[1]), MAX_LINES)
    assert len(pieces) >= 3
    for piece in pieces:
        assert squeezed(piece) in text
    assert "Nhiệmvụđầu" in text and "Nhiệmvụcuối" in text


def test_no_printed_page_ends_with_an_area_heading(converted, demo_tasks):
    """Without a page break before it, "II. CẢI CÁCH THỂ CHẾ" ended page 1 and its tasks began page 2."""
    headings = [squeezed(f"{group.area.numeral}. {group.area.title}".upper()) for group in demo_tasks]
    pages = int(run_tool("pdfinfo", str(converted / "demo.pdf")).split("Pages:")[1].split()[0])
    for page in range(1, pages + 1):
        lines = [line for line in pdftotext(converted / "demo.pdf", "-layout", "-f", str(page), "-l", str(page))
                 .splitlines() if line.strip()]
        assert not any(squeezed(lines[-1]).startswith(heading) for heading in headings), page
