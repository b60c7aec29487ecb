"""Preview and print exactly the PDF that would be exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError, EnvironmentProblem
from cchc_desktop.pdf_pages import PageImage, render_pages
from ui.errors import show_error

PREVIEW_DPI = 72
PRINT_DPI_CAP = 300


def to_qimage(page: PageImage) -> QImage:
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: the bytes object may go away


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf: Path, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"Xem trước khi in — {title}")
        self.resize(900, 680)
        self.pages = render_pages(pdf, PREVIEW_DPI)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(self.pages)} trang — đúng như tệp PDF sẽ xuất ra."))
        layout.addWidget(self._page_strip(), 1)
        layout.addLayout(self._buttons())

    def _page_strip(self) -> QScrollArea:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for page in self.pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(to_qimage(page)))
            label.setStyleSheet("border: 1px solid #999; background: white")
            column.addWidget(label)
        area = QScrollArea()
        area.setWidget(holder)
        area.setWidgetResizable(True)
        return area

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        print_button = QPushButton("In…")
        print_button.setDefault(True)
        print_button.clicked.connect(self.choose_printer_and_print)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        row.addWidget(print_button)
        row.addWidget(close)
        return row

    def choose_printer_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In tài liệu")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print and close; a printer that cannot be opened is said so, and the preview
        stays open to try again."""
        try:
            print_pdf(self.pdf, printer)
        except CchcError as error:
            show_error(self, error)
            return False
        self.accept()
        return True


def print_pdf(pdf: Path, printer: QPrinter) -> int:
    """Send every page to ``printer``, each in its own orientation; return the page count.
    Raises EnvironmentProblem when the printer cannot be opened."""
    dpi = min(printer.resolution(), PRINT_DPI_CAP)
    pages = render_pages(pdf, dpi)
    if not pages:
        return 0
    printer.setFullPage(True)  # the page images carry the decree's margins themselves
    _orient(printer, pages[0])
    painter = QPainter()
    if not painter.begin(printer):
        name = printer.printerName() or printer.outputFileName()
        raise EnvironmentProblem(f"Không mở được máy in “{name}”: chưa in trang nào. Hãy kiểm tra máy in đã bật, "
                                 "đã nối với máy tính và còn giấy (hoặc chọn máy in khác), rồi bấm “In…” lần nữa.")
    try:
        for number, page in enumerate(pages):
            if number:
                _orient(printer, page)
                printer.newPage()
            _draw(painter, printer, page)
    finally:
        painter.end()
    return len(pages)


def _orient(printer: QPrinter, page: PageImage) -> None:
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait)


def _draw(painter: QPainter, printer: QPrinter, page: PageImage) -> None:
    """The PDF page already carries the decree's margins: fill the whole paper."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
    target = QRect(0, 0, paper.width(), paper.height())
    painter.drawImage(target, to_qimage(page))
