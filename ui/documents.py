"""The documents the application can export, as the export dialog offers them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DocumentKind:
    label: str
    export: Callable[..., list[Path]]  # (db, plan_id, folder, formats, draft) -> written paths
    file_name: Callable[..., str]  # (db, plan_id, ext, draft) -> the name it will be written under


def _export_appendix(db, plan_id: int, folder: Path, formats, draft: bool) -> list[Path]:
    from cchc_desktop.export import export_appendix

    return export_appendix(db, plan_id, folder, formats, draft=draft)


def _appendix_name(db, plan_id: int, ext: str, draft: bool) -> str:
    from cchc_desktop.export.appendix_export import appendix_target_name

    return appendix_target_name(db, plan_id, ext, draft)


# As the period reads inside a sentence ("Báo cáo kết quả CCHC quý I").
PERIOD_LABELS = {"q1": "quý I", "h1": "6 tháng đầu năm", "q3": "quý III", "m9": "9 tháng", "year": "năm"}


def period_choice(period: str) -> str:
    """The period as a choice in a list: "Quý I", "6 tháng đầu năm", "Năm" (only the first
    letter changes: "quý III" must not become "Quý iii", as str.capitalize would make it)."""
    label = PERIOD_LABELS[period]
    return label[:1].upper() + label[1:]


def report_kind(period: str) -> DocumentKind:
    """The periodic report of ``period`` ("q1", "h1", "q3", "m9", "year")."""
    def export(db, plan_id: int, folder: Path, formats, draft: bool) -> list[Path]:
        from cchc_desktop.report import export_report

        return export_report(db, plan_id, period, folder, formats, draft=draft)

    def file_name(db, plan_id: int, ext: str, draft: bool) -> str:
        from cchc_desktop.report import report_target_name

        return report_target_name(db, plan_id, period, ext, draft)

    return DocumentKind(f"Báo cáo kết quả CCHC {PERIOD_LABELS[period]}", export, file_name)


APPENDIX = DocumentKind("Phụ lục nhiệm vụ của kế hoạch", _export_appendix, _appendix_name)
DOCUMENT_KINDS: list[DocumentKind] = [APPENDIX, *(report_kind(p) for p in PERIOD_LABELS)]
