"""Reading our PDFs back with real readers (poppler-utils), as the export and report tests do."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = ("pdftotext", "pdffonts", "pdfinfo")


def normalised(text: str) -> str:
    """Whitespace-insensitive form: lines wrap differently in every reader."""
    return " ".join(text.split())


def squeezed(text: str, dehyphenated: bool = False) -> str:
    """No whitespace at all: a cell's text, wherever the reader broke its lines.

    ``dehyphenated`` also drops hyphens, as pdftotext joins a line ending in '-' with
    the next one (``Tư pháp-`` / ``Hộ tịch`` reads ``Tư phápHộ tịch``).
    """
    text = "".join(text.split())
    return text.replace("-", "") if dehyphenated else text


def run_tool(*args: str) -> str:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed: {missing}")
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=True).stdout


def pdftotext(path: Path, *options: str) -> str:
    return run_tool("pdftotext", *options, str(path), "-")


def printed_font_sizes(path: Path) -> set[float]:
    """The sizes, in points as printed (a page scaled to fit counts smaller), of all the
    text in the PDF, rounded to a tenth."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    sizes = set()
    document = pypdfium2.PdfDocument(path)
    try:
        for page in document:
            text_page = page.get_textpage()
            for index in range(text_page.count_chars()):
                if not chr(pdfium_c.FPDFText_GetUnicode(text_page.raw, index)).isspace():
                    sizes.add(round(pdfium_c.FPDFText_GetFontSize(text_page.raw, index), 1))
    finally:
        document.close()
    return sizes
