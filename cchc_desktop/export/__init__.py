"""Exports of a plan's documents: the appendix as PDF (reportlab) and xlsx (openpyxl).

``build_appendix`` gives the appendix as plain data; ``export_appendix`` writes it to
files safely (temporary file, read back, atomic rename).
"""

from cchc_desktop.export.appendix_data import AppendixDocument, AreaRow, TaskRow, build_appendix
from cchc_desktop.export.appendix_export import FORMATS, export_appendix, parse_formats
from cchc_desktop.export.pdf_appendix import write_appendix_pdf
from cchc_desktop.export.safe_write import write_atomically
from cchc_desktop.export.xlsx_appendix import write_appendix_xlsx

__all__ = [
    "AppendixDocument", "AreaRow", "TaskRow", "build_appendix",
    "FORMATS", "export_appendix", "parse_formats",
    "write_appendix_pdf", "write_appendix_xlsx", "write_atomically",
]
