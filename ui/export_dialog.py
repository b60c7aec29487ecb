"""Xuất tài liệu: what, which formats, where (USB sticks first); preview and print."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.db import database_file
from cchc_desktop.drives import destinations
from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.export.safe_write import StoppedAfterWriting
from ui.documents import DOCUMENT_KINDS, DocumentKind
from ui.background import run_in_background
from ui.errors import show_error


class ExportDialog(QDialog):
    def __init__(self, db, plan_id: int, parent: QWidget | None = None, kinds: list[DocumentKind] | None = None):
        super().__init__(parent)
        self.db = db
        self.plan_id = plan_id
        self.kinds = kinds or DOCUMENT_KINDS
        self.written: list[Path] = []
        self.setWindowTitle("Xuất tài liệu")
        self.setMinimumWidth(560)
        self.kind = QComboBox()
        for kind in self.kinds:
            self.kind.addItem(kind.label)
        self.pdf = QCheckBox("PDF (để in, gửi)")
        self.pdf.setChecked(True)
        self.xlsx = QCheckBox("Excel (.xlsx)")
        self.xlsx.setChecked(True)
        self.draft = QCheckBox("Bản dự thảo (để trống số và ngày)")
        self.folder = QComboBox()
        self.other_folder = QPushButton("Chọn thư mục khác…")
        self.names = QLabel()
        self.names.setWordWrap(True)
        self._fill_folders()
        self._build()
        for signal in (self.kind.currentIndexChanged, self.draft.toggled, self.pdf.toggled, self.xlsx.toggled):
            signal.connect(lambda *_: self._show_names())
        self.other_folder.clicked.connect(self._choose_folder)
        self._show_names()

    def _build(self) -> None:
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.other_folder)
        form = QFormLayout()
        form.addRow("Tài liệu:", self.kind)
        form.addRow("Định dạng:", formats)
        form.addRow("", self.draft)
        form.addRow("Lưu vào:", where)
        form.addRow("Tên tệp:", self.names)
        self.preview_button = QPushButton("Xem trước và in…")
        self.export_button = QPushButton("Xuất")
        self.export_button.setDefault(True)
        close = QPushButton("Đóng")
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _fill_folders(self) -> None:
        for destination in destinations():
            self.folder.addItem(destination.describe(), str(destination.path))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu tài liệu", self.folder.currentData() or "")
        if chosen:
            self.folder.insertItem(0, chosen, chosen)
            self.folder.setCurrentIndex(0)

    @property
    def current_kind(self) -> DocumentKind:
        return self.kinds[self.kind.currentIndex()]

    def formats(self) -> tuple[str, ...]:
        return tuple(name for name, box in (("pdf", self.pdf), ("xlsx", self.xlsx)) if box.isChecked())

    def _show_names(self) -> None:
        names = [self.current_kind.file_name(self.db, self.plan_id, ext, self.draft.isChecked()) for ext in self.formats()]
        self.names.setText("\n".join(names) or "Hãy chọn ít nhất một định dạng.")
        self.export_button.setEnabled(bool(names))

    def export(self) -> None:
        folder = self.folder.currentData()
        if not folder:
            self._choose_folder()
            folder = self.folder.currentData()
            if not folder:
                return
        if not Path(folder).is_dir():
            # A stick pulled out leaves its mount point missing: never recreate it on the local disk.
            show_error(self, EnvironmentProblem(
                f"Không tìm thấy thư mục {folder}. USB đã bị rút ra? Hãy cắm lại hoặc chọn nơi lưu khác."))
            return
        kind, plan_id, formats, draft = self.current_kind, self.plan_id, self.formats(), self.draft.isChecked()

        def export_or_stop(db):
            try:
                return kind.export(db, plan_id, Path(folder), formats, draft)
            except StoppedAfterWriting as stopped:  # "Hủy" after the PDF was in place
                return stopped

        def written(result) -> None:
            if isinstance(result, StoppedAfterWriting):
                self._tell_stopped(result.written)
                return
            self.written = result
            self._tell_written(Path(folder))

        self.job = run_in_background(self, "Đang xuất tài liệu…", export_or_stop, written, db_path=database_file(self.db))

    def _tell_stopped(self, paths: list[Path]) -> None:
        """Cancelled between two formats: the first is whole and in place (the old file of
        its name is gone), so it is named; the dialog stays open to export again."""
        box = QMessageBox(self)
        box.setWindowTitle("Đã dừng xuất tài liệu")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText("Đã dừng trước khi xuất xong.\nĐã lưu và kiểm tra lại:\n" + "\n".join(str(p) for p in paths)
                    + "\nTệp sau đó chưa được ghi.")
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)  # Qt's own "OK" is English
        box.exec()

    def _tell_written(self, folder: Path) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Đã xuất tài liệu")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText("Đã lưu và kiểm tra lại:\n" + "\n".join(str(p) for p in self.written))
        open_folder = box.addButton("Mở thư mục", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.accept()

    def preview(self) -> None:
        from ui.print_preview import PdfPreviewDialog

        label = self.current_kind.label
        self.job = self.make_preview_pdf(lambda pdf: PdfPreviewDialog(pdf, label, self).exec())

    def make_preview_pdf(self, then):
        """Write the PDF exactly as it would be exported, to a temporary folder, in the
        background; ``then(path)`` receives it."""
        kind, plan_id, draft = self.current_kind, self.plan_id, self.draft.isChecked()
        folder = Path(tempfile.mkdtemp(prefix="cchc-in-"))
        return run_in_background(
            self, "Đang dựng bản xem trước…", lambda db: kind.export(db, plan_id, folder, ("pdf",), draft)[0],
            then, db_path=database_file(self.db))


def plan_label(db, plan_id: int) -> str:
    plan = repo.get_plan(db, plan_id)
    return f"Kế hoạch năm {plan.year}: {plan.title}"
