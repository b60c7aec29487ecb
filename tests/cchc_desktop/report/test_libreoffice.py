"""The report workbook as LibreOffice prints it: every sheet, every task, the figures."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cchc_desktop.report import build_report, write_report_xlsx

from tests.pdf_reading import normalised, pdftotext, printed_font_sizes
from .conftest import squeezed

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed"),
]


def test_libreoffice_converts_the_workbook(shared_workspace, tmp_path):
    workspace, plan_id = shared_workspace
    document = build_report(workspace.db, plan_id, "q1")
    write_report_xlsx(document, tmp_path / "report.xlsx")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(tmp_path / "report.xlsx")],
        check=True, capture_output=True, timeout=180,
    )
    printed = pdftotext(tmp_path / "pdf" / "report.pdf", "-raw")
    text = normalised(printed)
    assert "TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ I NĂM 2024" in text and "Tổng cộng 44 2" in text
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUÝ I NĂM 2024" in text
    packed = squeezed(printed)
    for task in document.tasks:
        assert squeezed(task.content) in packed, task.stt
    # No sheet is shrunk to fit its page: tables at 12 pt, titles at 14, page numbers at 13.
    assert printed_font_sizes(tmp_path / "pdf" / "report.pdf") == {12.0, 13.0, 14.0}
