"""The two tables inside the report's body: task counts per class (overall and per
area, with shares) and indicators (target against actual). Both are short, so
reportlab's own Table is used, its header row repeated if it runs onto a new page."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from cchc_desktop.export.fonts import BOLD, REGULAR
from cchc_desktop.report.figures import percent_text
from cchc_desktop.report.model import ClassCounts, IndicatorRow, ReportDocument
from cchc_desktop.report.sections import area_name
from cchc_desktop.status import CLASSES, LABELS

TABLE_SIZE, TABLE_LEADING = 12, 14
COUNTS_WIDTHS_MM = (43, 14, 18, 18, 18, 18, 18, 18)
INDICATOR_WIDTHS_MM = (10, 81, 22, 24, 28)
INDICATOR_HEADERS = ("Stt", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá")
COUNTS_FIRST_HEADER = ("Lĩnh vực", "Tổng số")

CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=TABLE_SIZE, leading=TABLE_LEADING, alignment=TA_LEFT)
CELL_CENTRE = ParagraphStyle("cell_centre", parent=CELL, alignment=TA_CENTER)
HEAD = ParagraphStyle("head", parent=CELL_CENTRE, fontName=BOLD)
TOTAL = ParagraphStyle("total", parent=CELL, fontName=BOLD)
TOTAL_CENTRE = ParagraphStyle("total_centre", parent=CELL_CENTRE, fontName=BOLD)

GRID = [
    ("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE, TABLE_LEADING),  # else Helvetica is referenced
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ("VALIGN", (0, 1), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def counts_table(document: ReportDocument) -> Table:
    """One row per area and a bold total row: count and share of each class."""
    header = [_cell(text, HEAD) for text in (*COUNTS_FIRST_HEADER, *(LABELS[cls] for cls in CLASSES))]
    rows = [_counts_row(area.counts, area_name(area), CELL, CELL_CENTRE) for area in document.areas]
    rows.append(_counts_row(document.overall, document.overall.label, TOTAL, TOTAL_CENTRE))
    return _table([header, *rows], COUNTS_WIDTHS_MM)


def _counts_row(counts: ClassCounts, label: str, label_style, number_style) -> list[Paragraph]:
    cells = [_cell(label, label_style), _cell(str(counts.total), number_style)]
    for cls in CLASSES:
        cells.append(_cell(f"{counts.count(cls)}\n({percent_text(counts.share(cls))})", number_style))
    return cells


def indicators_table(document: ReportDocument) -> Table:
    header = [_cell(text, HEAD) for text in INDICATOR_HEADERS]
    rows = [_indicator_row(row) for row in document.indicators]
    return _table([header, *rows], INDICATOR_WIDTHS_MM)


def _indicator_row(row: IndicatorRow) -> list[Paragraph]:
    actual = "\n".join(filter(None, (row.actual_text, f"({row.note})" if row.note else "")))
    return [
        _cell(str(row.position), CELL_CENTRE), _cell(row.text, CELL), _cell(row.target, CELL_CENTRE),
        _cell(actual, CELL_CENTRE), _cell(row.verdict, CELL_CENTRE),
    ]


def _table(rows: list[list[Paragraph]], widths_mm) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths_mm], repeatRows=1, spaceBefore=2, spaceAfter=10)
    table.setStyle(TableStyle(GRID))
    return table


def _cell(text: str, style: ParagraphStyle) -> Paragraph:
    """A table cell; a line break in the text starts a new line in the cell."""
    return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), style)
