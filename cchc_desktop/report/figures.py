"""The report's figures as the text puts them: counts, shares and the placeholders
({so_nhiem_vu}, {ty_le_hoan_thanh} …) a template paragraph can use."""

from __future__ import annotations

from collections.abc import Iterable

from cchc_desktop.report.model import ClassCounts, IndicatorRow
from cchc_desktop.status import (
    CLASSES, CONTINUOUS, DONE_LATE, DONE_ON_TIME, OPEN_ON_TIME, OPEN_OVERDUE, UNSPECIFIED, count_classes,
)

# Placeholder name of each class, as a template writes it: {hoan_thanh_dung_han}
# for the count, {ty_le_hoan_thanh_dung_han} for its share of the group.
CLASS_PLACEHOLDERS = {
    DONE_ON_TIME: "hoan_thanh_dung_han",
    DONE_LATE: "hoan_thanh_qua_han",
    OPEN_ON_TIME: "chua_hoan_thanh_trong_han",
    OPEN_OVERDUE: "chua_hoan_thanh_qua_han",
    CONTINUOUS: "thuong_xuyen",
    UNSPECIFIED: "chua_xac_dinh_thoi_han",
}
ACHIEVED, NOT_ACHIEVED, NO_DATA = "Đạt", "Chưa đạt", "Chưa có số liệu"


def class_counts(label: str, classes: Iterable[str]) -> ClassCounts:
    counted = count_classes(classes)
    return ClassCounts(label, tuple(counted[cls] for cls in CLASSES))


def percent_text(share: float) -> str:
    """``0.1136`` -> ``11,4%``; whole numbers without decimals (``50%``), comma as the
    Vietnamese decimal mark. Rounded half up, as people check it by hand."""
    tenths = int(share * 1000 + 0.5 + 1e-9)
    whole, tenth = divmod(tenths, 10)
    return f"{whole}%" if tenth == 0 else f"{whole},{tenth}%"


def number_text(value: float | None) -> str:
    """``96.5`` -> ``96,5``; ``100.0`` -> ``100``."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def count_placeholders(counts: ClassCounts) -> dict[str, str]:
    """Every figure of one group (the whole plan or one area) by placeholder name."""
    values = {"so_nhiem_vu": str(counts.total)}
    for cls, name in CLASS_PLACEHOLDERS.items():
        values[name] = str(counts.count(cls))
        values[f"ty_le_{name}"] = percent_text(counts.share(cls))
    values["da_hoan_thanh"] = str(counts.completed)
    values["chua_hoan_thanh"] = str(counts.unfinished)
    values["ty_le_hoan_thanh"] = percent_text(counts.completed_share)
    return values


def indicator_placeholders(rows: Iterable[IndicatorRow]) -> dict[str, str]:
    verdicts = [row.verdict for row in rows]
    return {
        "so_chi_tieu": str(len(verdicts)),
        "so_chi_tieu_dat": str(verdicts.count(ACHIEVED)),
        "so_chi_tieu_chua_dat": str(verdicts.count(NOT_ACHIEVED)),
        "so_chi_tieu_chua_co_so_lieu": str(verdicts.count(NO_DATA)),
    }


def verdict(achieved: bool | None) -> str:
    if achieved is None:
        return NO_DATA
    return ACHIEVED if achieved else NOT_ACHIEVED
