"""What the lines above the table say about the plan: title, year, the document it is
attached to ("(Kèm theo Quyết định số 55/QĐ-UBND ngày 29 tháng 02 năm 2024 của Chủ tịch
Ủy ban nhân dân Phường 1)") and the issuing unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cchc_desktop.textnorm import clean, fold
from cchc_desktop.unit_names import unit_name

FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
# Lines of the document header that are not the appendix title.
_SKIP = re.compile(
    r"^(?:phu luc\b|cong hoa xa hoi|doc lap|uy ban nhan dan|ubnd\b|so:|\(?kem theo)"
    r"|\bngay\W*(?:\d+\W*)?thang\b"
)
_ATTACHMENT = re.compile(
    r"kèm theo\s+(?P<kind>quyết định|kế hoạch)\s+số\s*(?P<number>.*?)(?=\s+ngày\b|\s+của\b|\)|$)"
    r"(?P<date>\s+ngày\b.*?(?=\s+của\b|\)|$))?(?:\s+của\s+(?P<issuer>[^)]+))?",
    re.IGNORECASE,
)
_DATE = re.compile(r"(\d{1,2})\s*(?:tháng|/|-)\s*(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})", re.IGNORECASE)
_UNIT = re.compile(r"(?:(?:ủy|uỷ) ban nhân dân|ubnd)\s+((?:phường|xã|đặc khu|thị trấn)\s+[^,;)\n]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    title: str = ""  # the appendix title line, as written
    plan_title: str = ""  # from a "KẾ HOẠCH …" line, if there is one
    year: int | None = None
    kind: str = ""  # "Quyết định" or "Kế hoạch": the document the appendix is attached to
    number: str = ""
    on: date | None = None
    issuer: str = ""
    unit_name: str = ""

    @property
    def title_year(self) -> int | None:
        """The year the appendix title names ("… KẾ HOẠCH CCHC NĂM 2024")."""
        return _year_of(self.title)


def read_heading(lines: list[str]) -> Heading:
    lines = [clean(line) for line in lines if clean(line)]
    attachment = next((m for m in map(_ATTACHMENT.search, lines) if m), None)
    title = next((line for line in lines if _is_title(line)), "")
    plan_title = next((line[len("KẾ HOẠCH"):].strip() for line in lines
                       if fold(line).startswith("ke hoach ") and line[:8].isupper()), "")
    unit = next((m[1].strip() for m in map(_UNIT.search, lines) if m), "")
    return Heading(
        title=title, plan_title=plan_title, year=_year_of(title) or _year_of(" ".join(lines)),
        unit_name=unit_name(unit), **_attachment_fields(attachment),
    )


def _is_title(line: str) -> bool:
    key = fold(line)
    return len(key) >= 10 and not _SKIP.search(key) and any(ch.isalpha() for ch in line)


def _attachment_fields(match: re.Match | None) -> dict:
    if match is None:
        return {}
    number = re.sub(r"\s*([/-])\s*", r"\1", match["number"] or "").strip(" ,.")
    if not re.search(r"\d", number.split("/")[0]):
        number = ""  # a draft: "số      /KH-UBND"
    date_match = _DATE.search(match["date"] or "")
    on = None
    if date_match:
        try:
            on = date(int(date_match[3]), int(date_match[2]), int(date_match[1]))
        except ValueError:
            on = None
    kind = "Quyết định" if fold(match["kind"]).startswith("quyet") else "Kế hoạch"
    return {"kind": kind, "number": number, "on": on, "issuer": clean(match["issuer"] or "").rstrip(" .")}


def _year_of(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text) if FIRST_YEAR <= int(y) <= LAST_YEAR]
    return years[0] if years else None
