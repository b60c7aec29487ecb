"""Atomic writing: a failure never leaves a broken file, and says why in Vietnamese."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.export import safe_write
from cchc_desktop.export.appendix_export import export_appendix
from cchc_desktop.export.safe_write import VerificationFailed, ensure_folder, verify_pdf, write_atomically

GOOD = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"


def writes(data: bytes):
    def produce(path: Path) -> None:
        path.write_bytes(data)
    return produce


def accept(path: Path) -> None:
    pass


def folder_listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def previous(tmp_path) -> Path:
    """An earlier good export that must survive every failure byte for byte."""
    target = tmp_path / "PL.pdf"
    target.write_bytes(GOOD)
    return target


def test_writes_the_target_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "PL.pdf"
    assert write_atomically(target, writes(GOOD), verify_pdf) == target
    assert target.read_bytes() == GOOD
    assert folder_listing(tmp_path) == ["PL.pdf"]


def test_disk_full_while_producing(previous):
    def fill_the_disk(path: Path) -> None:
        path.write_bytes(b"%PDF-1.4 half a file")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(EnvironmentProblem, match="Ổ đĩa đã đầy"):
        write_atomically(previous, fill_the_disk, accept)
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux /dev/full")
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_real_disk_full_from_the_kernel(previous, monkeypatch, demo_workspace, fmt):
    """The temporary file is a link to /dev/full: every real write fails with ENOSPC."""
    workspace, plan_id = demo_workspace
    full = previous.parent / ".full"
    full.symlink_to("/dev/full")
    monkeypatch.setattr(safe_write, "_temp_path_beside", lambda target: full)
    with pytest.raises(EnvironmentProblem, match="Ổ đĩa đã đầy") as caught:
        export_appendix(workspace.db, plan_id, previous.parent, [fmt])
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_read_only_drive(previous, monkeypatch):
    def refuse(source, destination):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(safe_write.os, "replace", refuse)
    with pytest.raises(EnvironmentProblem, match="Ổ đĩa chỉ cho phép đọc"):
        write_atomically(previous, writes(GOOD + b"new"), verify_pdf)
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_file_open_in_another_program(previous, monkeypatch):
    def locked(source, destination):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(safe_write.os, "replace", locked)
    with pytest.raises(EnvironmentProblem, match="đang mở trong chương trình khác") as raised:
        write_atomically(previous, writes(GOOD), verify_pdf)
    assert raised.value.message.endswith("Hãy đóng tệp rồi thử lại, hoặc chọn thư mục khác.")  # no file to close? another folder
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_usb_stick_pulled_before_writing(tmp_path):
    gone = tmp_path / "E" / "KeHoach"
    with pytest.raises(EnvironmentProblem, match=r"Không tìm thấy thư mục .*USB đã bị rút\?"):
        write_atomically(gone / "PL.pdf", writes(GOOD), verify_pdf)
    with pytest.raises(EnvironmentProblem, match="USB đã bị rút"):
        ensure_folder(gone)


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path):
    a_file = tmp_path / "baocao"
    a_file.write_text("")
    for folder in (a_file, a_file / "quy1"):
        with pytest.raises(EnvironmentProblem) as raised:
            ensure_folder(folder)
        assert raised.value.message == f"{a_file} là một tệp, không phải thư mục: hãy chọn thư mục khác để lưu."


def test_a_folder_named_like_the_file_is_named(tmp_path, demo_workspace):
    workspace, plan_id = demo_workspace
    (tmp_path / "PL_KH_CCHC_2024_Phuong_1.pdf").mkdir()
    with pytest.raises(EnvironmentProblem) as raised:
        export_appendix(workspace.db, plan_id, tmp_path, ("pdf",))
    assert "đã có một thư mục trùng tên với tệp cần ghi" in raised.value.message
    assert (tmp_path / "PL_KH_CCHC_2024_Phuong_1.pdf").is_dir() and len(list(tmp_path.iterdir())) == 1


def test_an_error_we_have_no_words_for_is_still_vietnamese(previous, monkeypatch):
    def strange(source, destination):
        raise OSError(errno.ELOOP, "Too many levels of symbolic links")

    monkeypatch.setattr(safe_write.os, "replace", strange)
    with pytest.raises(EnvironmentProblem) as raised:
        write_atomically(previous, writes(GOOD), verify_pdf)
    assert raised.value.message.startswith(f"Không thể ghi PL.pdf vào {previous.parent}: lỗi hệ thống (mã lỗi {errno.ELOOP}).")
    assert "symbolic" not in raised.value.message
    assert previous.read_bytes() == GOOD


def test_usb_stick_pulled_while_flushing(previous, monkeypatch):
    def input_output_error(descriptor):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safe_write.os, "fsync", input_output_error)
    with pytest.raises(EnvironmentProblem, match="USB đã bị rút"):
        write_atomically(previous, writes(GOOD), verify_pdf)
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_a_file_that_does_not_read_back_is_not_put_in_place(previous):
    with pytest.raises(EnvironmentProblem, match="đọc lại không đúng"):
        write_atomically(previous, writes(b"%PDF-1.4 cut short"), verify_pdf)
    assert previous.read_bytes() == GOOD
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_a_bug_in_produce_still_removes_the_temporary_file(previous):
    def broken(path: Path) -> None:
        path.write_bytes(b"partial")
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write_atomically(previous, broken, accept)
    assert folder_listing(previous.parent) == ["PL.pdf"]


def test_pdf_check_counts_pages(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(GOOD)
    verify_pdf(path, expected_pages=1)
    with pytest.raises(VerificationFailed):
        verify_pdf(path, expected_pages=2)


def test_output_folder_is_created_but_not_its_parents(tmp_path):
    assert ensure_folder(tmp_path / "xuat").is_dir()
    (tmp_path / "tep").write_text("x")
    with pytest.raises(EnvironmentProblem, match="không phải thư mục"):
        ensure_folder(tmp_path / "tep")


def test_a_later_format_that_fails_names_the_files_already_written(demo_workspace, tmp_path, monkeypatch):
    """The PDF is in place when the workbook cannot be written (open in Excel): say so."""
    workspace, plan_id = demo_workspace
    real_replace = os.replace

    def workbook_locked(source, destination):
        if str(destination).endswith(".xlsx"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(source, destination)

    monkeypatch.setattr(safe_write.os, "replace", workbook_locked)
    with pytest.raises(EnvironmentProblem) as raised:
        export_appendix(workspace.db, plan_id, tmp_path, ("pdf", "xlsx"))
    assert raised.value.message.startswith("Đã ghi PL_KH_CCHC_2024_Phuong_1.pdf; tệp sau đó chưa ghi được. Không ghi được")
    assert folder_listing(tmp_path) == ["PL_KH_CCHC_2024_Phuong_1.pdf"]
