"""Pages of a PDF as pixels, for a preview that shows exactly the file that is printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.errors import UserInputError

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageImage:
    """RGB pixels (3 bytes each) of one page, rows ``stride`` bytes apart."""

    width: int
    height: int
    stride: int
    pixels: bytes
    width_pt: float
    height_pt: float

    @property
    def landscape(self) -> bool:
        return self.width_pt > self.height_pt


def page_count(pdf: Path) -> int:
    with _open(pdf) as document:
        return len(document)


def render_pages(pdf: Path, dpi: int = 96, first: int = 0, last: int | None = None) -> list[PageImage]:
    """Pixels of the pages ``first``..``last`` (pypdfium2 is imported only when printing)."""
    pages = []
    with _open(pdf) as document:
        stop = len(document) if last is None else min(last + 1, len(document))
        for number in range(first, stop):
            pages.append(_render(document[number], dpi))
    return pages


def _render(page, dpi: int) -> PageImage:
    width_pt, height_pt = page.get_size()
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
    try:
        return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), width_pt, height_pt)
    finally:
        bitmap.close()
        page.close()


class _open:
    def __init__(self, pdf: Path):
        self.pdf = pdf

    def __enter__(self):
        import pypdfium2

        try:
            self.document = pypdfium2.PdfDocument(str(self.pdf))
        except pypdfium2.PdfiumError as error:
            raise UserInputError(f"Không đọc được tệp PDF {self.pdf.name}: tệp bị hỏng hoặc không phải PDF.") from error
        return self.document

    def __exit__(self, *exc) -> None:
        self.document.close()
