"""Building appendix files inside the tests (python-docx, openpyxl), from plain rows.

A table is a list of rows; a row is a list of cell texts, ``None`` for a position
covered by a merged cell. ``merges`` are (first row, first column, last row, last
column), 0-based and inclusive.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import Workbook

from cchc_desktop.demo import demo_data

HEADERS = ["Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
TASK_KEYS = ("content", "lead", "supporting", "output", "deadline_text")
PREAMBLE = [
    "Phụ lục",
    "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024",
    "(Kèm theo Quyết định số 55/QĐ- UBND ngày 29 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1 )",
]


def demo_areas() -> list[dict]:
    return demo_data()["areas"]


def demo_body(width: int = 6) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """The demo appendix as body rows (area rows merged across), merges relative to row 0."""
    rows: list[list[str | None]] = []
    merges = []
    for area in demo_areas():
        merges.append((len(rows), 0, len(rows), width - 1))
        rows.append([f"{area['numeral']}. {area['title']}"] + [None] * (width - 1))
        for task in area["tasks"]:
            rows.append([str(task["stt"])] + [task[key] for key in TASK_KEYS] + [""] * (width - 6))
    return rows, merges


def shifted(merges, by: int):
    return [(r0 + by, c0, r1 + by, c1) for r0, c0, r1, c1 in merges]


def write_docx(path: Path, rows, merges=(), preamble=(), tables_before=(), fonts: str | None = None) -> Path:
    document = Document()
    for extra in tables_before:
        _add_table(document, extra, ())
    for line in preamble:
        document.add_paragraph(line)
    _add_table(document, rows, merges, fonts)
    document.save(str(path))
    return path


def add_docx_table(document, rows, merges=()):
    return _add_table(document, rows, merges)


def _add_table(document, rows, merges, fonts: str | None = None):
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                cell = table.cell(r, c)
                cell.text = text
                if fonts:
                    for run in cell.paragraphs[0].runs:
                        run.font.name = fonts
    return table


def write_xlsx(path: Path, rows, merges=(), title: str = "Phụ lục", more_sheets=()) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    _fill(sheet, rows, merges)
    for name, extra_rows in more_sheets:
        _fill(workbook.create_sheet(name), extra_rows, ())
    workbook.save(path)
    return path


def _fill(sheet, rows, merges):
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    for r0, c0, r1, c1 in merges:
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)


def imported_areas(db, plan_id: int) -> list[dict]:
    """The plan as the demo JSON shapes it: areas with numeral, title and tasks."""
    from cchc_desktop import repo

    return [
        {"numeral": group.area.numeral, "title": group.area.title,
         "tasks": [{"stt": task.stt, **{key: getattr(task, key) for key in TASK_KEYS}} for task in group.tasks]}
        for group in repo.appendix(db, plan_id)
    ]


def expected_areas() -> list[dict]:
    return [{"numeral": a["numeral"], "title": a["title"], "tasks": a["tasks"]} for a in demo_areas()]
