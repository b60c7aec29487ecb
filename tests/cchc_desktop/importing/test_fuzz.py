"""Random tables never crash the importer: they import, or raise UserInputError."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop import repo
from cchc_desktop.errors import UserInputError
from cchc_desktop.importing import FIELDS, commit, read_appendix
from cchc_desktop.importing.grid import RawTable, excel_column, squared
from cchc_desktop.importing.preview import build_preview
from cchc_desktop.migrations import apply_migrations
from cchc_desktop.sqlite_db import Database

from .builders import write_docx, write_xlsx

WORDS = [
    "Stt", "TT", "Nhiệm vụ", "Nội dung công việc", "Chủ trì", "Cơ quan, đơn vị", "Phối hợp", "Sản phẩm",
    "Thời gian hoàn thành", "Tiến độ", "Ghi chú", "I.", "II -", "IV", "A.", "CẢI CÁCH THỂ CHẾ", "1", "2", "3.",
    "17", "1.1", "a)", "-", "+", "Quý I năm 2024", "Qúy IV nǎm 2024", "Thường xuyên", "Hằng tháng",
    "Theo quy định", "Năm 2024 -2025", "Trước ngày 15/12/2024", "Văn phòng", "Công chức Tư pháp – Hộ tịch",
    "(1)", "(2)", "KÕ ho¹ch", "Thêi gian", "Keá hoaïch", "Nhieäm vuï", "×", "§", "Hoà Bình", "UBND",
    "Ke\u0302\u0301 hoa\u0323ch", "2024", "=SUM(A1)", "Phụ lục", "(Kèm theo Quyết định số 5/QĐ-UBND)",
]
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
TOKEN = st.one_of(st.sampled_from(WORDS), st.text(PRINTABLE, max_size=12))
CELL = st.lists(TOKEN, max_size=3).flatmap(
    lambda tokens: st.sampled_from([" ", "\n", "; "]).map(lambda sep: sep.join(tokens)))
ROWS = st.lists(st.lists(CELL, max_size=8), min_size=0, max_size=14)


def _fresh_db() -> Database:
    db = Database.memory()
    db.execute("PRAGMA foreign_keys = ON")
    apply_migrations(db)
    return db


def _import_or_refuse(make_preview, remaps=(), year=None) -> None:
    try:
        preview = make_preview()
        for column, field in remaps:
            if preview.columns:
                preview.remap(column % len(preview.columns), field)
        if year is not None:
            preview.set_year(year)
        db = _fresh_db()
        plan_id = commit(db, preview)
    except UserInputError as error:
        assert error.message.strip()
        return
    tasks = repo.list_tasks(db, plan_id)
    assert [t.stt for t in tasks] == list(range(1, len(preview.tasks) + 1))


def _table(rows) -> RawTable:
    grid = squared(rows)
    width = len(grid[0]) if grid else 0
    return RawTable("Bảng 1", grid, list(range(1, len(grid) + 1)), [excel_column(i) for i in range(width)])


@settings(max_examples=200, deadline=None)
@given(rows=ROWS, remaps=st.lists(st.tuples(st.integers(0, 10), st.sampled_from(FIELDS)), max_size=3),
       year=st.one_of(st.none(), st.integers(1990, 2110)))
def test_random_grids(rows, remaps, year):
    _import_or_refuse(lambda: build_preview(Path("ngau_nhien.xlsx"), "xlsx", [_table(rows)]), remaps, year)


HEADER = ["Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành"]


@settings(max_examples=200, deadline=None)
@given(body=ROWS)
def test_random_bodies_under_a_real_header(body):
    _import_or_refuse(lambda: build_preview(Path("ngau_nhien.docx"), "docx", [_table([HEADER] + body)]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, header=st.booleans(), kind=st.sampled_from(["xlsx", "docx"]))
def test_random_files(rows, header, kind):
    rows = ([HEADER] if header else []) + [row for row in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ngau_nhien.{kind}"
        if kind == "docx":
            if not rows or not any(rows):
                return  # python-docx cannot build a table without cells
            width = max(len(row) for row in rows) or 1
            write_docx(path, [row + [""] * (width - len(row)) for row in rows])
        else:
            write_xlsx(path, [[_xlsx_value(text) for text in row] for row in rows])
        _import_or_refuse(lambda: read_appendix(path))


def _xlsx_value(text: str) -> str:
    return text.lstrip("=")  # openpyxl would store a leading "=" as a formula
