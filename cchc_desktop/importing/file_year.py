"""The year an appendix file is written for, and the warning shown when it is imported
into a plan of another year.

The file's year is the one its appendix title names ("… KẾ HOẠCH CCHC NĂM 2024"), else
the year most of its dated deadlines fall in. Deadlines are imported as written
("Quý I năm 2024"), so in a plan for 2025 they are all overdue from its first day:
the warning says so, and points to copying the plan to a new year, which moves them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cchc_desktop.deadlines import written_due_years
from cchc_desktop.importing.heading import FIRST_YEAR, LAST_YEAR, Heading

# How the window and the command line name copy_plan_to_year (ui.actions, cchc copy-plan).
COPY_TO_YEAR_MENU = "Kế hoạch → Sao chép sang năm mới…"
COPY_TO_YEAR_COMMAND = "cchc copy-plan"


@dataclass(frozen=True)
class FileYear:
    year: int
    in_title: bool  # the appendix title names the year
    tasks_in_year: int  # tasks whose deadline, as written, falls in ``year``
    tasks: int  # all the tasks of the table


def find_file_year(heading: Heading, deadline_texts: list[str]) -> FileYear | None:
    """The year of the file whose title is in ``heading`` and whose tasks have the
    deadlines ``deadline_texts``; None when neither names a year."""
    years_by_text = {text: written_due_years(text) for text in set(deadline_texts)}
    years_per_task = [years_by_text[text] for text in deadline_texts]
    year = heading.title_year or _most_common_year(years_per_task)
    if year is None:
        return None
    tasks_in_year = sum(1 for years in years_per_task if year in years)
    return FileYear(year, heading.title_year is not None, tasks_in_year, len(deadline_texts))


def _most_common_year(years_per_task: list[set[int]]) -> int | None:
    counts = Counter(year for years in years_per_task for year in years if FIRST_YEAR <= year <= LAST_YEAR)
    return counts.most_common(1)[0][0] if counts else None


def year_mismatch_warning(file_year: FileYear | None, plan_year: int) -> str:
    """The warning when the tasks go into a plan of ``plan_year`` while the file is of
    another year; "" when the years agree or the file names no year."""
    if file_year is None or file_year.year == plan_year:
        return ""
    return " ".join((_what_the_file_says(file_year, plan_year), _what_is_kept(file_year, plan_year),
                     _what_to_do(file_year, plan_year)))


def _what_the_file_says(file_year: FileYear, plan_year: int) -> str:
    evidence = []
    if file_year.in_title:
        evidence.append(f"tiêu đề phụ lục ghi năm {file_year.year}")
    if file_year.tasks_in_year:
        evidence.append(f"{file_year.tasks_in_year}/{file_year.tasks} nhiệm vụ có thời gian hoàn thành "
                        f"trong năm {file_year.year}")
    return (f"Tệp này là kế hoạch năm {file_year.year} ({'; '.join(evidence)}), "
            f"nhưng đang được nhập vào kế hoạch năm {plan_year}.")


def _what_is_kept(file_year: FileYear, plan_year: int) -> str:
    kept = _year_written_in(file_year)
    sentence = f"{kept[0].upper()}{kept[1:]} được giữ nguyên như trong tệp"
    count = file_year.tasks_in_year
    if count and file_year.year < plan_year:
        return f"{sentence}, nên {count} nhiệm vụ này sẽ bị tính là quá hạn ngay từ đầu năm {plan_year}."
    if count:
        return f"{sentence}, nên {count} nhiệm vụ này có thời hạn trong năm {file_year.year}, ngoài năm của kế hoạch."
    return f"{sentence}."


def _what_to_do(file_year: FileYear, plan_year: int) -> str:
    return (f"Nếu muốn lập kế hoạch năm {plan_year} từ tệp này, hãy nhập vào kế hoạch năm {file_year.year} "
            f"rồi sao chép sang năm {plan_year} ({COPY_TO_YEAR_MENU}, hoặc lệnh {COPY_TO_YEAR_COMMAND}): khi sao chép, "
            f"năm ghi trong {_year_written_in(file_year)} được đổi theo năm mới.")


def _year_written_in(file_year: FileYear) -> str:
    """What of the file writes its year: "tiêu đề phụ lục và thời gian hoàn thành"."""
    parts = []
    if file_year.in_title:
        parts.append("tiêu đề phụ lục")
    if file_year.tasks_in_year:
        parts.append("thời gian hoàn thành")
    return " và ".join(parts)
