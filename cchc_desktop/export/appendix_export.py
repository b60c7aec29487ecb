"""Export a plan's appendix to files: the one call the CLI and the window both use."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from cchc_desktop import repo
from cchc_desktop.errors import UserInputError
from cchc_desktop.export.appendix_data import AppendixDocument, attachment_line, build_appendix
from cchc_desktop.export.filenames import appendix_file_name, period_words, plan_tag
from cchc_desktop.export.pdf_appendix import write_appendix_pdf
from cchc_desktop.export.safe_write import ensure_folder, write_document, write_in_turn
from cchc_desktop.export.xlsx_appendix import write_appendix_xlsx
from cchc_desktop.sqlite_db import Database

FORMATS = ("pdf", "xlsx")


def parse_formats(text: str) -> tuple[str, ...]:
    """``"pdf,xlsx"`` -> ``("pdf", "xlsx")``, in the order given, without repeats."""
    formats: list[str] = []
    for name in (part.strip().lower().lstrip(".") for part in text.split(",")):
        if not name:
            continue
        if name not in FORMATS:
            raise UserInputError(f"Không có định dạng xuất '{name}'. Chọn trong: {', '.join(FORMATS)} (cách nhau bởi dấu phẩy).")
        if name not in formats:
            formats.append(name)
    if not formats:
        raise UserInputError(f"Chưa chọn định dạng xuất. Chọn trong: {', '.join(FORMATS)}.")
    return tuple(formats)


def export_appendix(
    db: Database, plan_id: int, out_dir: Path, formats=FORMATS, draft: bool = False
) -> list[Path]:
    """Write the appendix of ``plan_id`` into ``out_dir`` in each format; return the paths."""
    formats = parse_formats(",".join(formats))
    document = build_appendix(db, plan_id, draft=draft)
    folder = ensure_folder(Path(out_dir))
    return write_in_turn([
        partial(_write, document, folder / appendix_target_name(db, plan_id, fmt, draft), fmt) for fmt in formats
    ])


def appendix_target_name(db: Database, plan_id: int, extension: str, draft: bool = False) -> str:
    """The name ``export_appendix`` writes the appendix under: a draft's when the plan's
    number or date is missing too, and told apart from the unit's other plans of the
    same period (``filenames.plan_tag``)."""
    plan = repo.get_plan(db, plan_id)
    unit = repo.document_unit(db, plan)
    namesakes = [other for other in repo.unit_plans(db, plan.unit_id) if period_words(other) == period_words(plan)]
    is_draft = attachment_line(plan, unit, draft)[1]
    return appendix_file_name(plan, unit, extension, is_draft, plan_tag(plan, namesakes))


def _write(document: AppendixDocument, target: Path, fmt: str) -> Path:
    return write_document(target, fmt, lambda path: write_appendix_pdf(document, path),
                          lambda path: write_appendix_xlsx(document, path))
