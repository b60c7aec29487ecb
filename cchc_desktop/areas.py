"""The standard areas (nhóm nhiệm vụ) of a CCHC plan, Nghị quyết 76/NQ-CP."""

from __future__ import annotations

from cchc_desktop import repo
from cchc_desktop.sqlite_db import Database

STANDARD_AREAS: tuple[tuple[str, str], ...] = (
    ("I", "Công tác chỉ đạo, điều hành"),
    ("II", "Cải cách thể chế"),
    ("III", "Cải cách thủ tục hành chính"),
    ("IV", "Cải cách tổ chức bộ máy"),
    ("V", "Cải cách chế độ công vụ"),
    ("VI", "Cải cách tài chính công"),
    ("VII", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
)

ROMAN_NUMERALS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                  (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Roman numeral of a positive integer (area numbering)."""
    parts = []
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def add_standard_areas(db: Database, plan_id: int) -> list[int]:
    return [
        repo.add_area(db, plan_id, numeral, title, position)
        for position, (numeral, title) in enumerate(STANDARD_AREAS, start=1)
    ]
