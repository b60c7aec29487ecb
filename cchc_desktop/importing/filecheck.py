"""What kind of file the user picked, decided from its bytes, never from its name alone.

An .xlsx or .docx is a zip archive whose ``[Content_Types].xml`` names its main part.
Old .xls/.doc files, and OOXML files protected by a password, are OLE compound files
(the encrypted zip sits inside them in a stream called ``EncryptedPackage``). Each
refusal says, in Vietnamese, what the file is and how to get a usable one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from cchc_desktop.errors import UserInputError
from cchc_desktop.os_errors import describe_os_error

MAX_FILE_BYTES = 20 * 1024 * 1024
# Sum of the archive's uncompressed parts: a 20 MB zip of repeated XML can expand to
# gigabytes (a "zip bomb"); no real appendix comes near this.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
SAVE_AS_HINT = "Hãy mở tệp bằng Word/Excel và chọn Lưu thành… (Save As) định dạng .docx/.xlsx, rồi nhập lại."

XLSX_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)
DOCX_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",)
OTHER_OFFICE_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "Word có macro (.docm)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "mẫu Word (.dotx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "mẫu Excel (.xltx)",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "Excel nhị phân (.xlsb)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "PowerPoint (.pptx)",
}


def sniff(path: Path) -> str:
    """``"xlsx"`` or ``"docx"``; any other file raises UserInputError with the reason."""
    head = _read_head(path)
    if head.startswith(OLE_SIGNATURE):
        raise UserInputError(_ole_message(path))
    if not head.startswith(ZIP_SIGNATURE):
        raise UserInputError(f"Tệp {path.name} không phải tệp Excel (.xlsx) hay Word (.docx). {SAVE_AS_HINT}")
    return _zip_kind(path)


def _read_head(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise UserInputError(f"{path} là một thư mục, không phải tệp: hãy chọn tệp .xlsx hoặc .docx trong đó.")
        if not path.is_file():
            raise UserInputError(f"Không tìm thấy tệp {path}.")
        size = path.stat().st_size
        if size == 0:
            raise UserInputError(f"Tệp {path.name} rỗng (0 byte), không có gì để nhập.")
        if size > MAX_FILE_BYTES:
            raise UserInputError(
                f"Tệp {path.name} quá lớn ({size / 1024 / 1024:.1f} MB). "
                f"Chỉ nhập được tệp đến {MAX_FILE_BYTES // 1024 // 1024} MB; hãy tách phụ lục ra tệp riêng."
            )
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as error:
        raise UserInputError(describe_os_error(error, f"đọc tệp {path.name}")) from error


def _ole_message(path: Path) -> str:
    """Old binary Office file, or a new one locked with a password."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            f"Tệp {path.name} được bảo vệ bằng mật khẩu nên chương trình không đọc được. "
            "Hãy mở tệp bằng Word/Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ → Mã hóa bằng mật khẩu, "
            "để trống), lưu lại rồi nhập lại."
        )
    if "WordDocument".encode("utf-16-le") in data:
        kind = "Word cũ (.doc)"
    elif "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        kind = "Excel cũ (.xls)"
    else:
        kind = "Word/Excel cũ (.doc/.xls)"
    return f"Tệp {path.name} là định dạng {kind}, chương trình chỉ đọc .docx và .xlsx. {SAVE_AS_HINT}"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise UserInputError(f"Tệp {path.name} bị hỏng hoặc không phải tệp Excel/Word.") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UserInputError(f"Tệp {path.name} quá lớn khi giải nén (hơn {MAX_UNPACKED_BYTES // 1024 // 1024} MB).")
    return _kind_from_types(path, content_types.decode("utf-8", "replace"), mimetype)


def _kind_from_types(path: Path, content_types: str, mimetype: bytes) -> str:
    if any(name in content_types for name in XLSX_TYPES):
        return "xlsx"
    if any(name in content_types for name in DOCX_TYPES):
        return "docx"
    for name, kind in OTHER_OFFICE_TYPES.items():
        if name in content_types:
            return _refuse(path, f"là tệp {kind}")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return _refuse(path, "là tệp LibreOffice/OpenOffice (.ods/.odt)")
    return _refuse(path, "là tệp nén (zip) nhưng không phải Excel (.xlsx) hay Word (.docx)")


def _refuse(path: Path, what: str) -> str:
    raise UserInputError(f"Tệp {path.name} {what}. {SAVE_AS_HINT}")
