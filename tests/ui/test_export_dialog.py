"""Exporting and printing from the window: real files, read back."""

import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.drives import Destination, _posix_removable
from cchc_desktop.errors import EnvironmentProblem
from ui import export_dialog
from ui.export_dialog import ExportDialog
from ui.print_preview import PdfPreviewDialog, print_pdf


@pytest.fixture
def dialog(qtbot, db, demo_plan_id, tmp_path, monkeypatch):
    usb = Destination(tmp_path / "usb", "USB_CCHC", True, 8 * 1024 ** 3)
    (tmp_path / "usb").mkdir()
    monkeypatch.setattr(export_dialog, "destinations", lambda: [usb])
    shown = ExportDialog(db, demo_plan_id)
    qtbot.addWidget(shown)
    return shown


def test_offers_removable_drives_first_and_safe_names(dialog):
    assert dialog.folder.itemText(0) == "USB_CCHC (USB / ổ rời, còn trống 8,0 GB)"
    assert dialog.names.text() == "PL_KH_CCHC_2024_Phuong_1.pdf\nPL_KH_CCHC_2024_Phuong_1.xlsx"
    dialog.draft.setChecked(True)
    dialog.xlsx.setChecked(False)
    assert dialog.names.text() == "PL_KH_CCHC_2024_Phuong_1_du_thao.pdf"
    dialog.pdf.setChecked(False)
    assert not dialog.export_button.isEnabled()


def test_export_writes_verified_files(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    dialog.export()
    dialog.job.wait()
    names = sorted(p.name for p in (tmp_path / "usb").iterdir())
    assert names == ["PL_KH_CCHC_2024_Phuong_1.pdf", "PL_KH_CCHC_2024_Phuong_1.xlsx"]
    text = subprocess.run(["pdftotext", str(tmp_path / "usb" / names[0]), "-"], capture_output=True, text=True).stdout
    assert "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024" in text


def test_an_unplugged_stick_is_a_clear_message(dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(export_dialog, "show_error", lambda parent, error: shown.append(error))
    (tmp_path / "usb").rmdir()  # pulled out between choosing it and pressing "Xuất"
    dialog.export()
    assert len(shown) == 1 and isinstance(shown[0], EnvironmentProblem)
    assert "USB đã bị rút ra?" in shown[0].message
    assert not (tmp_path / "usb").exists()
    assert dialog.written == []


def test_preview_shows_every_page_and_printing_sends_them_all(qtbot, dialog, tmp_path):
    made = []
    dialog.make_preview_pdf(made.append).wait()
    pdf = made[0]
    preview = PdfPreviewDialog(pdf, "Phụ lục")
    qtbot.addWidget(preview)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert len(preview.pages) == count and preview.pages[0].landscape
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(pdf, printer) == count
    printed = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert f"Pages:           {count}" in printed
    assert "landscape" in printed or "842" in printed.split("Page size:")[1].split("x")[0]


def test_a_printer_that_cannot_be_opened_is_said_so_and_the_preview_stays(qtbot, dialog, tmp_path, monkeypatch):
    from ui import print_preview

    made = []
    dialog.make_preview_pdf(made.append).wait()
    preview = PdfPreviewDialog(made[0], "Phụ lục")
    qtbot.addWidget(preview)
    preview.show()
    shown = []
    monkeypatch.setattr(print_preview, "show_error", lambda parent, error: shown.append(error.message))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "không có thư mục này" / "in.pdf"))  # cannot be opened
    assert not preview.print_to(printer)
    assert shown[0].startswith("Không mở được máy in “")
    assert "chưa in trang nào" in shown[0] and "rồi bấm “In…” lần nữa." in shown[0]
    assert preview.isVisible() and preview.result() == 0


def test_mounted_usb_sticks_are_found(tmp_path):
    (tmp_path / "stick").mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/user/USB\\040CCHC vfat rw 0 0\n"
        "proc /proc proc rw 0 0\n"
    )
    found = _posix_removable(str(mounts))
    assert [(d.label, d.removable) for d in found] == [("USB CCHC", True)]


def test_hủy_after_the_pdf_names_the_pdf_left_in_place(dialog, tmp_path, monkeypatch):
    """The PDF replaced the old one before "Hủy": the user is told it is new, and the
    dialog stays open to export again."""
    from PySide6.QtCore import Qt

    from ui import background

    told = []

    def tell(box) -> int:  # "told it was all written" would be a second box
        told.append((box.windowTitle(), box.text(), [button.text() for button in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", tell)
    monkeypatch.setattr(background, "REPORT_EVERY_S", 0.0)  # every step reported
    pdf = tmp_path / "usb" / "PL_KH_CCHC_2024_Phuong_1.pdf"
    dialog.export()

    def cancel_once_the_pdf_is_in_place(_done, _total) -> None:  # in the worker, as it reports
        if pdf.exists():
            dialog.job.cancel.set()

    dialog.job.worker.progressed.connect(cancel_once_the_pdf_is_in_place, Qt.ConnectionType.DirectConnection)
    dialog.job.wait()
    assert sorted((tmp_path / "usb").iterdir()) == [pdf]
    assert told == [("Đã dừng xuất tài liệu",
                     f"Đã dừng trước khi xuất xong.\nĐã lưu và kiểm tra lại:\n{pdf}\nTệp sau đó chưa được ghi.",
                     ["Đóng"])]
    assert dialog.result() == 0 and not dialog.export_button.isHidden()


def test_a_cancelled_export_leaves_no_file(qtbot, db, demo_plan_id, tmp_path):
    from cchc_desktop.db import database_file
    from ui.background import run_in_background
    from ui.documents import APPENDIX

    outcome = []
    out = tmp_path / "out"
    out.mkdir()
    job = run_in_background(None, "Đang xuất…", lambda worker_db: APPENDIX.export(worker_db, demo_plan_id, out, ("pdf", "xlsx"), False),
                            lambda paths: outcome.append(paths), db_path=database_file(db),
                            on_cancel=lambda: outcome.append("cancelled"))
    job.cancel.set()  # the user pressed "Hủy" before the first page was laid out
    job.wait()
    assert outcome == ["cancelled"]
    assert list(out.iterdir()) == []


def test_a_failing_background_job_reaches_the_error_display(qtbot, monkeypatch):
    from cchc_desktop.errors import EnvironmentProblem
    from ui import background

    shown = []
    monkeypatch.setattr(background, "show_error", lambda parent, error: shown.append(error))

    def fails():
        raise EnvironmentProblem("Ổ đĩa đã đầy.")

    background.run_in_background(None, "Đang làm…", fails, lambda result: shown.append(result)).wait()
    assert [e.message for e in shown] == ["Ổ đĩa đã đầy."]


def test_a_job_whose_database_cannot_open_reports_it(qtbot, tmp_path, monkeypatch):
    from ui import background

    shown = []
    monkeypatch.setattr(background, "show_error", lambda parent, error: shown.append(error))
    broken = tmp_path / "cchc.sqlite3"
    broken.write_bytes(b"not a database at all" * 50)
    background.run_in_background(None, "Đang làm…", lambda db: "never", shown.append, db_path=broken).wait()
    assert len(shown) == 1 and "không phải cơ sở dữ liệu" in shown[0].message
