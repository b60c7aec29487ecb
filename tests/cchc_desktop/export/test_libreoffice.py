"""The xlsx as LibreOffice prints it: every task visible, page numbers from page 2."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cchc_desktop.export.appendix_data import build_appendix
from cchc_desktop.export.xlsx_appendix import write_appendix_xlsx

from tests.pdf_reading import pdftotext, squeezed
from .conftest import make_plan
from .test_xlsx_appendix import FORMULA_LIKE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed"),
]


@pytest.fixture(scope="module")
def converted(demo_workspace, tmp_path_factory):
    """The demo workbook and one of formula-like texts, both printed to PDF by LibreOffice."""
    workspace, plan_id = demo_workspace
    folder = tmp_path_factory.mktemp("libreoffice")
    write_appendix_xlsx(build_appendix(workspace.db, plan_id), folder / "demo.xlsx")
    other_plan = make_plan(workspace.db, [{"content": text} for text in FORMULA_LIKE])
    write_appendix_xlsx(build_appendix(workspace.db, other_plan), folder / "formula.xlsx")
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder / "pdf"), str(folder / "demo.xlsx"), str(folder / "formula.xlsx")],
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
