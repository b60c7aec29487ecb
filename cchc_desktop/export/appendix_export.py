"""Export a plan's appendix to files: the one call the CLI and the window both use."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from cchc_desktop import repo
from cchc_desktop.errors import UserInputError
from cchc_desktop.export.appendix_data import AppendixDocument, build_appendix
from cchc_desktop.export.filenames import appendix_file_name
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
    plan = repo.get_plan(db, plan_id)
    unit = repo.document_unit(db, plan)
    folder = ensure_folder(Path(out_dir))
    return write_in_turn([
        partial(_write, document, folder / appendix_file_name(plan, unit, fmt, draft=document.is_draft), fmt)
        for fmt in formats
    ])


def _write(document: AppendixDocument, target: Path, fmt: str) -> Path:
    return write_document(target, fmt, lambda path: write_appendix_pdf(document, path),
                          lambda path: write_appendix_xlsx(document, path))
