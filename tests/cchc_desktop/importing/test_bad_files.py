"""Files that cannot be imported get a clear Vietnamese message, and nothing is written."""

import errno
import os
from pathlib import Path
import zipfile

import pytest
from openpyxl import Workbook

from cchc_desktop.errors import UserInputError
from cchc_desktop.importing import read_appendix
from cchc_desktop.importing.filecheck import MAX_FILE_BYTES, OLE_SIGNATURE, SAVE_AS_HINT

from .builders import HEADERS, write_docx, write_xlsx


def _refused(path) -> str:
    with pytest.raises(UserInputError) as caught:
        read_appendix(path)
    return caught.value.message


def _ole(path, *streams: str):
    """An OLE compound file header followed by directory entries naming ``streams``."""
    body = b"".join(name.encode("utf-16-le") + b"\x00" * 8 for name in streams)
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 504 + body + b"\x00" * 1024)
    return path


def test_random_bytes(tmp_path):
    path = tmp_path / "phu_luc.xlsx"
    path.write_bytes(os.urandom(4096))
    assert _refused(path) == f"Tệp phu_luc.xlsx không phải tệp Excel (.xlsx) hay Word (.docx). {SAVE_AS_HINT}"


def test_text_file_renamed(tmp_path):
    path = tmp_path / "phu_luc.docx"
    path.write_text("Stt\tNhiệm vụ\n1\tViệc\n", encoding="utf-8")
    assert "không phải tệp Excel (.xlsx) hay Word (.docx)" in _refused(path)


@pytest.mark.parametrize(("name", "stream", "kind"), [
    ("cu.xls", "Workbook", "Excel cũ (.xls)"),
    ("cu.doc", "WordDocument", "Word cũ (.doc)"),
    ("doi_ten.xlsx", "WordDocument", "Word cũ (.doc)"),  # the bytes decide, not the name
])
def test_old_binary_office_files_say_how_to_save_them(tmp_path, name, stream, kind):
    message = _refused(_ole(tmp_path / name, "Root Entry", stream))
    assert kind in message
    assert "Hãy mở tệp bằng Word/Excel và chọn Lưu thành… (Save As) định dạng .docx/.xlsx" in message


def test_password_protected_file(tmp_path):
    message = _refused(_ole(tmp_path / "mat_khau.xlsx", "Root Entry", "EncryptionInfo", "EncryptedPackage"))
    assert "được bảo vệ bằng mật khẩu" in message


def test_empty_file(tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    assert _refused(path) == "Tệp rong.xlsx rỗng (0 byte), không có gì để nhập."


def test_empty_workbook(tmp_path):
    path = tmp_path / "trang.xlsx"
    Workbook().save(path)
    assert _refused(path).startswith("Không tìm thấy bảng phụ lục nhiệm vụ trong tệp trang.xlsx.")


def test_document_without_a_table(tmp_path):
    from docx import Document

    path = tmp_path / "van_ban.docx"
    document = Document()
    document.add_paragraph("Kế hoạch không có phụ lục")
    document.save(str(path))
    assert "Không tìm thấy bảng phụ lục" in _refused(path)


def test_table_without_a_recognisable_header(tmp_path):
    path = write_docx(tmp_path / "a.docx", [["Họ tên", "Chức vụ"], ["Nguyễn Văn A", "Chủ tịch"]])
    assert "Không tìm thấy bảng phụ lục" in _refused(path)


def test_zip_that_is_not_office(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "xin chào")
    assert "không phải Excel (.xlsx) hay Word (.docx)" in _refused(path)


def test_libreoffice_file(tmp_path):
    path = tmp_path / "bang.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "LibreOffice" in _refused(path)


def test_truncated_workbook(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADERS, [1, "Việc", "Ai", "", "", "Năm 2024"]])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert _refused(path) == "Tệp cut.xlsx bị hỏng hoặc không phải tệp Excel/Word."  # zipfile's English stays out


def test_damaged_part_inside_a_valid_zip(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADERS, [1, "Việc", "Ai", "", "", "Năm 2024"]])
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><sheetData><row" if item.filename.endswith("sheet1.xml") else data)
    assert _refused(path) == "Không đọc được tệp Excel bad.xlsx: tệp bị hỏng hoặc không đúng định dạng."


def test_damaged_document(tmp_path):
    good = write_docx(tmp_path / "good.docx", [HEADERS, ["1", "Việc", "Ai", "", "", "Năm 2024"]])
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    assert _refused(path) == "Không đọc được tệp Word bad.docx: tệp bị hỏng hoặc không đúng định dạng."


def test_too_large_file(tmp_path):
    path = tmp_path / "lon.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(MAX_FILE_BYTES + 1)
    message = _refused(path)
    assert "quá lớn" in message and "20 MB" in message


def test_missing_file_and_folder(tmp_path):
    assert _refused(tmp_path / "khong_co.xlsx").startswith("Không tìm thấy tệp")
    assert _refused(tmp_path) == f"{tmp_path} là một thư mục, không phải tệp: hãy chọn tệp .xlsx hoặc .docx trong đó."


def test_a_file_that_cannot_be_read_is_said_in_vietnamese(tmp_path, monkeypatch):
    path = tmp_path / "phu_luc.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)

    def unreadable(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", unreadable)
    message = _refused(path)
    assert message.startswith("Không thể đọc tệp phu_luc.xlsx: ")
    assert "Permission" not in message


def test_too_many_rows(tmp_path):
    from openpyxl import Workbook as StreamingWorkbook

    workbook = StreamingWorkbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append(HEADERS)
    for stt in range(1, 20_002):
        sheet.append([stt, f"Việc {stt}", "Văn phòng", "", "", "Năm 2024"])
    path = tmp_path / "qua_nhieu.xlsx"
    workbook.save(path)
    message = _refused(path)
    assert "hơn 20.000 dòng" in message
