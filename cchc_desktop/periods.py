"""Report periods, their data windows and submission deadlines.

Default windows follow the common rule (Nghị định 09/2019, Bộ Nội vụ guidance): data
run from the 15th of the month before the period to the 14th of the period's last
month, so the first-quarter report covers 15/12 of the year before to 14/3.

Plans override this, and the overrides are data (``ReportSchedule``), stored as JSON
with the plan:

- the two days of the rule (seed 004: from the 5th to the 5th);
- an explicit window per period (seed 002: Quý I 15/12/2023 - 29/02/2024);
- a submission-deadline rule, for all periods or per period: a fixed date, "before
  day N of the last month" (due on day N-1) or "at the latest day N of the last month".

A task's status for a report is judged as of the window's end.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from .deadlines import dmy
from .errors import UserInputError

REPORT_SUBJECT = "Kết quả thực hiện công tác cải cách hành chính"
DEFAULT_START_DAY = 15
DEFAULT_END_DAY = 14


class ScheduleError(UserInputError, ValueError):
    """A report schedule that cannot be used; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    code: str
    first_month: int
    last_month: int
    title_format: str  # as it follows "báo cáo …", e.g. "quý I năm {year}"

    def title(self, year: int) -> str:
        """ "quý I năm 2024", "6 tháng đầu năm 2024", "tháng 02 năm 2024"."""
        return self.title_format.format(year=year)


def _month_title(month: int) -> str:
    # Nghị định 30/2020: months 1 and 2 take a leading zero, the others do not.
    number = f"{month:02d}" if month < 3 else str(month)
    return f"tháng {number} năm {{year}}"


_MAIN_PERIODS = (
    Period("q1", 1, 3, "quý I năm {year}"),
    Period("q2", 4, 6, "quý II năm {year}"),
    Period("h1", 1, 6, "6 tháng đầu năm {year}"),
    Period("q3", 7, 9, "quý III năm {year}"),
    Period("m9", 1, 9, "9 tháng năm {year}"),
    Period("q4", 10, 12, "quý IV năm {year}"),
    Period("h2", 7, 12, "6 tháng cuối năm {year}"),
    Period("year", 1, 12, "năm {year}"),
)
_MONTH_PERIODS = tuple(Period(f"m{m:02d}", m, m, _month_title(m)) for m in range(1, 13))
PERIODS: dict[str, Period] = {p.code: p for p in _MAIN_PERIODS + _MONTH_PERIODS}
PERIOD_CODES = tuple(PERIODS)


def get_period(code: str | Period) -> Period:
    if isinstance(code, Period):
        return code
    period = PERIODS.get(code) if isinstance(code, str) else None
    if period is None:
        raise ScheduleError(f"Kỳ báo cáo không hợp lệ: {code!r}")
    return period


def title(period: str | Period, year: int) -> str:
    return get_period(period).title(year)


@dataclass(frozen=True)
class ReportTitle:
    """The two title lines of a report: "BÁO CÁO" and the subject under it."""

    doc_type: str
    subject: str

    def __str__(self) -> str:
        return f"{self.doc_type} {self.subject}"


def report_title(period: str | Period, year: int) -> ReportTitle:
    return ReportTitle("BÁO CÁO", f"{REPORT_SUBJECT} {title(period, year)}")


# --- schedule -----------------------------------------------------------------


def years_later(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February to 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DueRule:
    """When a period's report must be sent. Exactly one field is set."""

    fixed: date | None = None
    before_day_of_last_month: int | None = None
    latest_day_of_last_month: int | None = None

    def __post_init__(self) -> None:
        chosen = [v for v in (self.fixed, self.before_day_of_last_month,
                              self.latest_day_of_last_month) if v is not None]
        if len(chosen) != 1:
            raise ScheduleError(
                "Quy tắc hạn nộp báo cáo phải có đúng một trong: fixed, "
                "before_day_of_last_month, latest_day_of_last_month"
            )
        for day in (self.before_day_of_last_month, self.latest_day_of_last_month):
            if day is not None:
                _check_day(day)

    def due(self, period: Period, year: int) -> date:
        if self.fixed is not None:
            return self.fixed
        month_start = date(year, period.last_month, 1)
        last = calendar.monthrange(year, period.last_month)[1]
        if self.before_day_of_last_month is not None:
            # "trước ngày 12": the 12th is too late, the 11th is the last day.
            day = min(self.before_day_of_last_month, last + 1)
            return month_start + timedelta(days=day - 2)
        return month_start.replace(day=min(self.latest_day_of_last_month, last))


@dataclass(frozen=True)
class PeriodOverride:
    """A plan's own window and/or deadline for one period; dates are absolute."""

    start: date | None = None
    end: date | None = None
    due: DueRule | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ScheduleError("Cần nhập cả ngày bắt đầu và ngày kết thúc kỳ báo cáo")
        if self.start is not None and self.start > self.end:
            raise ScheduleError(
                f"Ngày bắt đầu {dmy(self.start)} sau ngày kết thúc {dmy(self.end)}"
            )


@dataclass(frozen=True)
class ReportSchedule:
    """Per-plan report settings; the defaults give the common rule and no deadline."""

    window_start_day: int = DEFAULT_START_DAY
    window_end_day: int = DEFAULT_END_DAY
    due: DueRule | None = None
    periods: dict[str, PeriodOverride] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_day(self.window_start_day)
        _check_day(self.window_end_day)
        for code in self.periods:
            get_period(code)

    def to_dict(self) -> dict:
        data: dict = {
            "window_start_day": self.window_start_day,
            "window_end_day": self.window_end_day,
        }
        if self.due is not None:
            data["due"] = _rule_to_dict(self.due)
        if self.periods:
            data["periods"] = {code: _override_to_dict(o) for code, o in self.periods.items()}
        return data

    @classmethod
    def from_dict(cls, data: object) -> ReportSchedule:
        mapping = _mapping(data, {"window_start_day", "window_end_day", "due", "periods"})
        periods = _mapping(mapping.get("periods", {}), set(PERIOD_CODES))
        return cls(
            window_start_day=_day_setting(mapping.get("window_start_day", DEFAULT_START_DAY)),
            window_end_day=_day_setting(mapping.get("window_end_day", DEFAULT_END_DAY)),
            due=_rule_from_dict(mapping.get("due")),
            periods={code: _override_from_dict(v) for code, v in periods.items()},
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes | None) -> ReportSchedule:
        """Read settings stored with a plan; empty text gives the defaults."""
        if text is None or not str(text).strip():
            return cls()
        try:
            data = json.loads(text)
        except (ValueError, TypeError, RecursionError) as exc:
            raise ScheduleError("Cấu hình kỳ báo cáo không phải JSON hợp lệ") from exc
        return cls.from_dict(data)


PeriodSettings = ReportSchedule


def to_json(settings: ReportSchedule) -> str:
    return settings.to_json()


def from_json(text: str | bytes | None) -> ReportSchedule:
    return ReportSchedule.from_json(text)


# --- queries ------------------------------------------------------------------


def window(period: str | Period, year: int,
           settings: ReportSchedule | None = None) -> tuple[date, date]:
    """Data window (start, end) of a report; its end is the date status is judged at.

    An explicit window is used only when it ends in ``year``: a schedule copied from
    last year's plan then falls back to the rule instead of giving last year's dates.

    A period without a window of its own (quý III when the plan sets the 6-month and
    9-month ones) takes its ends from the plan's cut-offs of the reports counted from
    January: it starts the day after the one ending before its first month (6 tháng:
    31/5, so 01/6) and ends with the one ending with its last month (9 tháng: 30/8).
    So two reports closing the same month agree on where the data stop, and no day
    falls between two consecutive quarters. The rule fills an end the plan does not set.
    """
    p = get_period(period)
    settings = settings or ReportSchedule()
    own = _explicit_window(settings, p.code, year)
    if own:
        return own
    before_first = date(year, p.first_month, 1) - timedelta(days=1)
    start = _day_of_month(before_first.year, before_first.month, settings.window_start_day)
    end = _day_of_month(year, p.last_month, settings.window_end_day)
    through_last = _explicit_window(settings, _FROM_JANUARY.get(p.last_month), year)
    if through_last:
        end = through_last[1]
    through_before = _explicit_window(settings, _FROM_JANUARY.get(p.first_month - 1), year)
    if through_before and through_before[1] < end:
        start = through_before[1] + timedelta(days=1)
    return start, end


# The report counted from January that ends with each month, when there is one.
_FROM_JANUARY: dict[int, str] = {p.last_month: p.code for p in PERIODS.values() if p.first_month == 1}


def _explicit_window(settings: ReportSchedule, code: str | None, year: int) -> tuple[date, date] | None:
    override = settings.periods.get(code) if code else None
    if override and override.start is not None and override.end.year == year:
        return override.start, override.end
    return None


def submission_due(period: str | Period, year: int,
                   settings: ReportSchedule | None = None) -> date | None:
    """Date the report must be sent by; None when the plan sets no deadline."""
    p = get_period(period)
    settings = settings or ReportSchedule()
    override = settings.periods.get(p.code)
    rule = override.due if override and override.due else settings.due
    return rule.due(p, year) if rule else None


# --- helpers ------------------------------------------------------------------


def _day_of_month(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))



def _check_day(day: object) -> None:
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31:
        raise ScheduleError(f"Ngày trong tháng phải từ 1 đến 31, không phải {day!r}")


def _day_setting(value: object) -> int:
    _check_day(value)
    return value  # type: ignore[return-value]


def _mapping(data: object, allowed: set[str]) -> dict:
    if not isinstance(data, dict):
        raise ScheduleError("Cấu hình kỳ báo cáo không hợp lệ: cần một đối tượng JSON")
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        raise ScheduleError(f"Mục không hợp lệ trong cấu hình kỳ báo cáo: {', '.join(unknown)}")
    return data


def _parse_date(value: object) -> date:
    try:
        return date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ScheduleError(f"Ngày không hợp lệ (cần dạng YYYY-MM-DD): {value!r}") from exc


def _rule_to_dict(rule: DueRule) -> dict:
    if rule.fixed is not None:
        return {"fixed": rule.fixed.isoformat()}
    if rule.before_day_of_last_month is not None:
        return {"before_day_of_last_month": rule.before_day_of_last_month}
    return {"latest_day_of_last_month": rule.latest_day_of_last_month}


def _rule_from_dict(data: object) -> DueRule | None:
    if data is None:
        return None
    keys = {"fixed", "before_day_of_last_month", "latest_day_of_last_month"}
    mapping = _mapping(data, keys)
    fixed = mapping.get("fixed")
    return DueRule(
        fixed=_parse_date(fixed) if fixed is not None else None,
        before_day_of_last_month=mapping.get("before_day_of_last_month"),
        latest_day_of_last_month=mapping.get("latest_day_of_last_month"),
    )


def _override_to_dict(override: PeriodOverride) -> dict:
    data: dict = {}
    if override.start is not None:
        data["start"] = override.start.isoformat()
        data["end"] = override.end.isoformat()  # type: ignore[union-attr]
    if override.due is not None:
        data["due"] = _rule_to_dict(override.due)
    return data


def _override_from_dict(data: object) -> PeriodOverride:
    mapping = _mapping(data, {"start", "end", "due"})
    start, end = mapping.get("start"), mapping.get("end")
    return PeriodOverride(
        start=_parse_date(start) if start is not None else None,
        end=_parse_date(end) if end is not None else None,
        due=_rule_from_dict(mapping.get("due")),
    )
