"""Reading the deadline column ("Thời gian hoàn thành") of a CCHC plan.

``parse`` turns phrases such as "Quý I năm 2024", "Hằng tháng", "Trước ngày 15/12/2024"
or "Thường xuyên" into due dates. The text is folded first (no diacritics, lower
case, single spaces), so NFD input, "Qúy", "nǎm" and line breaks need no special care.

How it works: a list of patterns is applied in turn; each match is recorded as a
*piece* (a span of time such as a month or a quarter, with the year if one is written)
or as a fact (a recurrence, "continuous"), and is blanked out of the text. Whatever
is left at the end, apart from punctuation and "và"/"hoặc", was not understood and
sets ``needs_review``. A piece without a year takes the next year written after it
("Quý I, II, III và cả năm 2024"), else the one before it, else the plan's year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from .textnorm import fold

KINDS = ("date", "dates", "recurring", "continuous", "unspecified")
RECURRENCES = ("monthly", "quarterly", "half-yearly", "yearly")
MIN_YEAR, MAX_YEAR = 1900, 2200

RECURRENCE_LABELS = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half-yearly": "Định kỳ 6 tháng",
    "yearly": "Hằng năm",
}


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: str
    dates: tuple[date, ...] = ()
    recurrence: str | None = None
    needs_review: bool = False


Span = tuple[date, date]


@dataclass
class _Piece:
    """A span of time named in the text; its due date is the span's last day."""

    pos: int
    year: int | None  # written in the text, else resolved later
    span: Callable[[int], Span]
    mode: str = "end"  # "end", "before" (due the day before it starts), "from"


@dataclass
class _Scan:
    pieces: list[_Piece] = field(default_factory=list)
    days: list[tuple[int, str]] = field(default_factory=list)  # "ngày 05" alone
    recurrences: set[str] = field(default_factory=set)
    continuous: bool = False
    review: bool = False


# --- spans -------------------------------------------------------------------


def _month_span(month: int) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

    return span


def _months_span(first: int, last: int) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        return _month_span(first)(year)[0], _month_span(last)(year)[1]

    return span


def _day_span(day: int, month: int) -> Callable[[int], Span]:
    def span(year: int) -> Span:
        return date(year, month, day), date(year, month, day)

    return span


def _years_span(first: int, last: int) -> Callable[[int], Span]:
    def span(_year: int) -> Span:
        if first > last:
            raise ValueError("range ends before it starts")
        return date(first, 1, 1), date(last, 12, 31)

    return span


# --- patterns ----------------------------------------------------------------

_PRE = (
    r"(?:\b(?:truoc|cham nhat(?: la)?|den(?: het)?|het|toi|han(?: chot)?|trong"
    r"|ke tu|tu|khong qua)\s*)?"
)
_YEAR = r"([0-9]{4})(?![0-9])"
_NUM = r"(?<![0-9/])([0-9]{1,2})"
_QUARTER = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_REPEAT = r"(?:(?:dinh ky\s*)?(?:hang|moi)|dinh ky)\s*"

_REFERENCE = re.compile(
    r"^\W*theo\b|\btheo\s*(?:ke hoach|quyet dinh|van ban|cong van|thong bao|chi dao"
    r"|yeu cau|huong dan|tien do|lich|quy dinh|nghi dinh|thong tu|chi thi)\b"
    r"|\bcap tren\b|\bdot xuat\b|\bkhi co\b"
)
_RESIDUE = re.compile(r"[\s\x00,;:.\-\u2013\u2014/()&+]+|\bva\b|\bhoac\b")


def _mode(match: re.Match) -> str:
    """What a leading word makes of the span: "trước" (before it), "từ" (from it)."""
    head = match[0].lstrip("\x00 ")
    if head.startswith("truoc"):
        return "before"
    if head.startswith(("tu", "ke tu")):
        return "from"
    return "end"


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _add(scan: _Scan, match: re.Match, span, year: int | None = None, mode: str = "") -> None:
    scan.pieces.append(_Piece(match.start(), year, span, mode or _mode(match)))


def _on_continuous(m, scan):
    scan.continuous = True


def _on_vague_year(m, scan):
    # "Định kỳ trong năm": reports "from time to time within the year", with no
    # period named. We still give the task a due date, the year's end, so that it is
    # counted as overdue if never done, and ask the user to check it.
    _add(scan, m, _months_span(1, 12), _year(m[1]))
    scan.review = True


def _on_vague(m, scan):
    # "Đầu năm", "giữa quý": no precise date can be derived.
    scan.review = True


def _on_year_onwards(m, scan):
    # "Năm 2024 và các năm tiếp theo": the plan covers the first year only.
    _add(scan, m, _months_span(1, 12), int(m[1]), mode="end")


def _on_year_range(m, scan):
    _add(scan, m, _years_span(int(m[1]), int(m[2])), int(m[2]), mode="end")


def _recurrence(name: str):
    def handler(m, scan):
        scan.recurrences.add(name)

    return handler


def _on_full_date(m, scan):
    _add(scan, m, _day_span(int(m[1]), int(m[2])), int(m[3]))


def _on_day_month(m, scan):
    _add(scan, m, _day_span(int(m[1]), int(m[2])), _year(m.groupdict().get("y")))


def _on_month(m, scan):
    _add(scan, m, _month_span(int(m[1])), _year(m.groupdict().get("y")))


def _on_quarters(m, scan):
    numbers = re.findall(r"(?<![a-z])" + f"({_QUARTER})", m[1] + " " + (m[2] or ""))
    for number in numbers:
        quarter = _QUARTER_NUMBERS[number]
        _add(scan, m, _months_span(3 * quarter - 2, 3 * quarter), _year(m[3]))


def _range_mode(m) -> str:
    """A range ("tháng 3 - 4", "từ quý II đến quý III") is due at its end, "từ" or not;
    "trước" one is due the day before it starts."""
    return "before" if _mode(m) == "before" else "end"


def _on_month_range(m, scan):
    # "Tháng 3 - 4/2024", "tháng 3 đến tháng 5 năm 2024": one span, due when it ends.
    first, last = int(m[1]), int(m[2])
    if not 1 <= first <= last <= 12:
        scan.review = True
        return
    _add(scan, m, _months_span(first, last), _year(m.groupdict().get("y")), mode=_range_mode(m))


def _on_quarter_range(m, scan):
    # "Quý III-IV/2024", "quý II đến quý III năm 2024": one span, due when it ends.
    first, last = _QUARTER_NUMBERS[m[1]], _QUARTER_NUMBERS[m[2]]
    if first > last:
        scan.review = True
        return
    _add(scan, m, _months_span(3 * first - 2, 3 * last), _year(m[3]), mode=_range_mode(m))


def _on_months(m, scan):
    # "Tháng 3, 6, 9, 12 năm 2024": each month is due at its end.
    year = _year(m.groupdict().get("y"))
    for month in [int(m[1]), *map(int, re.findall(r"[0-9]{1,2}", m[2]))]:
        _add(scan, m, _month_span(month), year)


def _on_part_of_year(m, scan):
    months = int(m[1])
    if not 1 <= months <= 12:
        scan.review = True
        return
    span = _months_span(13 - months, 12) if m[2] == "cuoi" else _months_span(1, months)
    _add(scan, m, span, _year(m[3]))


def _on_year(m, scan):
    _add(scan, m, _months_span(1, 12), _year(m.groupdict().get("y")))


def _on_day_only(m, scan):
    scan.days.append((int(m[1]), _mode(m)))


# Order matters: specific phrases first, so that e.g. "định kỳ trong năm" is not read
# as "trong năm", and "15/12/2024" is not read as "12/2024".
_RULES = [
    (r"\b(?:thuong xuyen|lien tuc|hang ngay|hang tuan)\b", _on_continuous),
    (r"\bdinh ky\s*trong\s*nam(?:\s*" + _YEAR + ")?", _on_vague_year),
    (r"(?:\bnam\s*)?" + _YEAR + r"\s*va\s*(?:cac|nhung)\s*nam\s*(?:tiep theo|sau|ke tiep)\b",
     _on_year_onwards),
    # Before the full date: "tháng 3 - 4/2024" is two months, not the 3rd of April, and
    # "quý 1-2/2024" two quarters. A day and month after the dash ("tháng 10 - 15/12") is
    # left to the date rules, and so is "tháng 6 - 6 tháng đầu năm".
    (_PRE + r"\bthang\s*" + _NUM + r"\s*(?:-|\u2013|\u2014|den)\s*(?:thang\s*)?(1[0-2]|0?[1-9])(?![0-9])"
     r"(?!\s*[/.]\s*[0-9]{1,2}(?![0-9]))(?!\s*thang)(?:\s*(?:/|nam)\s*(?P<y>[0-9]{4})(?![0-9]))?", _on_month_range),
    (_PRE + r"\bquy\s*(" + _QUARTER + r")\s*(?:-|\u2013|\u2014|den)\s*(?:quy\s*)?(" + _QUARTER
     + r")(?:\s*(?:nam|/)\s*" + _YEAR + ")?", _on_quarter_range),
    (_PRE + r"(?:\bngay\s*)?" + _NUM + r"\s*(?:/|-|\.)\s*([0-9]{1,2})\s*(?:/|-|\.)\s*" + _YEAR,
     _on_full_date),
    (r"(?:\bgiai doan\s*|\btu\s*)?(?:\bnam\s*)?(?<![0-9/])" + _YEAR
     + r"\s*(?:-|\u2013|\u2014|den(?:\s*nam)?)\s*(?:nam\s*)?" + _YEAR, _on_year_range),
    (r"\b(?:" + _REPEAT + r"6\s*thang|6\s*thang\s*(?:/|mot)\s*lan)"
     r"(?:\s*[,;]?\s*(?:va\s*)?(?:ca\s*)?nam\b(?!\s*[0-9]))?", _recurrence("half-yearly")),
    (r"\b" + _REPEAT + r"thang\b(?!\s*[0-9])", _recurrence("monthly")),
    (r"\b" + _REPEAT + r"quy\b(?!\s*(?:[0-9]|i|v))", _recurrence("quarterly")),
    (r"\b" + _REPEAT + r"nam\b(?!\s*[0-9])", _recurrence("yearly")),
    (_PRE + r"\bquy\s*(" + _QUARTER + r")((?:\s*(?:,|;|va|&)\s*(?:quy\s*)?" + _QUARTER
     + r")*)(?:\s*(?:nam|/)\s*" + _YEAR + ")?", _on_quarters),
    (_PRE + r"\bngay\s*" + _NUM + r"\s*thang\s*([0-9]{1,2})(?![0-9])"
     r"(?:\s*(?:nam|/)\s*(?P<y>[0-9]{4})(?![0-9]))?", _on_day_month),
    # A list of months; a number followed by "tháng" is "6 tháng đầu năm", not a month.
    (_PRE + r"\bthang\s*" + _NUM + r"((?:\s*(?:,|;|va|&)\s*(?:thang\s*)?[0-9]{1,2}(?![0-9/])(?!\s*thang))+)"
     r"(?:\s*(?:/|nam)\s*(?P<y>[0-9]{4})(?![0-9]))?", _on_months),
    (_PRE + r"\bthang\s*([0-9]{1,2})\s*(?:/|nam)\s*(?P<y>[0-9]{4})(?![0-9])", _on_month),
    (_PRE + _NUM + r"\s*/\s*(?P<y>[0-9]{4})(?![0-9])", _on_month),
    (_PRE + r"(?:\bngay\s*)?" + _NUM + r"\s*/\s*([0-9]{1,2})(?![0-9/])", _on_day_month),
    (_PRE + _NUM + r"\s*thang(?:\s*(dau|cuoi)(?:\s*nam)?)?(?:\s*(?:nam\s*)?" + _YEAR + ")?",
     _on_part_of_year),
    (_PRE + r"\bthang\s*([0-9]{1,2})(?![0-9])", _on_month),
    (r"\b(?:dau|giua)\s*(?:nam|quy|thang)(?:\s*[0-9]{4}(?![0-9]))?", _on_vague),
    (_PRE + r"(?:\b(?:ca|cuoi)\s*)?\bnam\b(?:\s*(?P<y>[0-9]{4})(?![0-9]))?", _on_year),
    (_PRE + r"(?<![0-9/])(?P<y>[0-9]{4})(?![0-9])", _on_year),
    (_PRE + r"\bngay\s*" + _NUM + r"(?![0-9/])", _on_day_only),
]
_COMPILED = [(re.compile(pattern), handler) for pattern, handler in _RULES]


# --- parsing -----------------------------------------------------------------


def parse(text: str | None, year: int) -> Deadline:
    """Interpret a deadline phrase for a plan of ``year``. Never raises on any text.

    Raises ValueError only for a plan year outside 1900-2200 (a caller bug).
    """
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Năm của kế hoạch không hợp lệ: {year!r}")
    original = text if isinstance(text, str) else ""
    scan = _scan(original)
    if scan is None:
        return Deadline(original, "unspecified", needs_review=True)
    return _build(original, scan, year)


def written_due_years(text: str | None) -> set[int]:
    """The years of the due dates a phrase writes out itself, whatever the plan's year:
    {2024} for "Quý I năm 2024", "Tháng 02/2024" or "Hằng tháng năm 2024", {2025} for
    "Năm 2024 -2025" (due at the end of the range). None for a phrase that names no
    year ("Hằng tháng"), a continuous task ("Thường xuyên", never due) or a reference
    to another document ("Theo Kế hoạch số … ngày 21/11/2022")."""
    scan = _scan(text if isinstance(text, str) else "")
    if scan is None or scan.continuous:
        return set()
    years = set()
    for piece in scan.pieces:
        year = _resolve_year(piece, scan.pieces, None)
        if piece.mode == "from" or year is None:
            continue
        try:
            years.add(_due_day(piece, year).year)
        except (ValueError, OverflowError):
            continue  # 31/02, month 13, year 0 ...
    return {year for year in years if MIN_YEAR <= year <= MAX_YEAR}


def _scan(text: str) -> _Scan | None:
    """The pieces and facts read from ``text``; None for an empty phrase or a reference
    to another document or body (any date in it is that document's, not a deadline)."""
    folded = re.sub(r"[\x00-\x1f\x7f]", " ", fold(text))
    if not folded or _REFERENCE.search(folded):
        return None
    scan = _Scan()
    leftover = _apply_rules(folded, scan)
    if _RESIDUE.sub("", leftover):
        scan.review = True
    return scan


def _apply_rules(folded: str, scan: _Scan) -> str:
    """Run every rule; matched text is blanked with NULs so positions stay put."""
    for pattern, handler in _COMPILED:
        folded = pattern.sub(_consumer(handler, scan), folded)
    return folded


def _consumer(handler, scan: _Scan) -> Callable[[re.Match], str]:
    def consume(match: re.Match) -> str:
        handler(match, scan)
        return "\x00" * len(match[0])

    return consume


def _build(original: str, scan: _Scan, plan_year: int) -> Deadline:
    if scan.continuous:
        mixed = bool(scan.pieces or scan.recurrences or scan.days)
        return Deadline(original, "continuous", needs_review=scan.review or mixed)
    dates, review = _due_dates(scan, plan_year)
    review = review or scan.review
    if scan.recurrences:
        recurrence, dates, day_review = _recurring(scan, dates, plan_year)
        return Deadline(original, "recurring", dates, recurrence, review or day_review)
    if scan.days:
        review = True  # "ngày 05" with no month: not a date on its own
    if not dates:
        return Deadline(original, "unspecified", needs_review=True)
    kind = "date" if len(dates) == 1 else "dates"
    return Deadline(original, kind, dates, None, review)


def _due_dates(scan: _Scan, plan_year: int) -> tuple[tuple[date, ...], bool]:
    review = False
    due: set[date] = set()
    ends = [piece for piece in scan.pieces if piece.mode != "from"]
    if len(ends) < len(scan.pieces) and not ends:
        review = True  # "Từ tháng 3": a start with no end
    for piece in ends:
        try:
            day = _due_day(piece, _resolve_year(piece, scan.pieces, plan_year))
        except (ValueError, OverflowError):
            review = True  # 31/02, month 13, year 0 ...
            continue
        if MIN_YEAR <= day.year <= MAX_YEAR:
            due.add(day)
        else:
            review = True
    return tuple(sorted(due)), review


def _due_day(piece: _Piece, year: int) -> date:
    start, end = piece.span(year)
    return start - timedelta(days=1) if piece.mode == "before" else end


def _resolve_year(piece: _Piece, pieces: list[_Piece], plan_year: int | None) -> int | None:
    if piece.year is not None:
        return piece.year
    written = [(p.pos, p.year) for p in pieces if p.year is not None]
    after = [y for pos, y in written if pos > piece.pos]
    before = [y for pos, y in written if pos < piece.pos]
    return after[0] if after else before[-1] if before else plan_year


def _recurring(
    scan: _Scan, dates: tuple[date, ...], plan_year: int
) -> tuple[str, tuple[date, ...], bool]:
    """Due dates of a recurring task within the plan's year (or the year written)."""
    year = next((p.year for p in sorted(scan.pieces, key=lambda p: p.pos) if p.year), plan_year)
    if not MIN_YEAR <= year <= MAX_YEAR:
        year = plan_year
    recurrence = next(name for name in RECURRENCES if name in scan.recurrences)
    review = False
    if recurrence == "monthly":
        generated = [_monthly_due(year, month, scan.days) for month in range(1, 13)]
    elif recurrence == "quarterly":
        generated = [_month_span(3 * q)(year)[1] for q in range(1, 5)]
    elif recurrence == "half-yearly":
        generated = [date(year, 6, 30), date(year, 12, 31)]
    else:
        generated = [_same_day_in(year, day) for day in dates] or [date(year, 12, 31)]
    if scan.days and recurrence != "monthly":
        review = True
    return recurrence, tuple(sorted(set(generated) | set(dates))), review


def _monthly_due(year: int, month: int, days: list[tuple[int, str]]) -> date:
    last = calendar.monthrange(year, month)[1]
    if not days:
        return date(year, month, last)
    day, mode = days[0]
    if mode == "before":
        return date(year, month, 1) + timedelta(days=min(day, last + 1) - 2)
    return date(year, month, max(1, min(day, last)))


def _same_day_in(year: int, day: date) -> date:
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


# --- display -----------------------------------------------------------------


def describe(deadline: Deadline) -> str:
    """Short Vietnamese reading of a deadline, shown next to the original text."""
    if deadline.kind == "continuous":
        text = "Thường xuyên"
    elif deadline.kind == "unspecified" or not deadline.dates:
        return "Chưa xác định thời hạn"
    elif deadline.kind == "recurring":
        text = _describe_recurring(deadline)
    else:
        text = _describe_dates(deadline.dates)
    return text + (" (cần kiểm tra)" if deadline.needs_review else "")


def _describe_recurring(deadline: Deadline) -> str:
    label = RECURRENCE_LABELS.get(deadline.recurrence or "", "Định kỳ")
    if deadline.recurrence == "yearly":
        return f"{label} ({', '.join(d.strftime('%d/%m') for d in deadline.dates)})"
    return f"{label} ({len(deadline.dates)} lần)"


def _describe_dates(dates: tuple[date, ...]) -> str:
    if len({d.year for d in dates}) == 1:
        head = [d.strftime("%d/%m") for d in dates[:-1]]
        return ", ".join(head + [dmy(dates[-1])])
    return ", ".join(dmy(d) for d in dates)


def dmy(day: date) -> str:
    """dd/mm/yyyy, as dates are written in Vietnamese documents and forms."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
