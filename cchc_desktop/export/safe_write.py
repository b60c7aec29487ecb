"""Writing an export so that a failure never leaves a broken or half-written file.

The file is produced under a temporary name in the target folder, flushed to the
disk, read back, and only then renamed over the target (an atomic step on the same
volume). If anything fails, the temporary file goes, an earlier good file of the
same name is left as it was, and the user gets a Vietnamese message that says what
the machine is doing wrong: disk full, read-only, USB stick pulled, file open in
another program.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

from cchc_desktop.durable import fsync_dir, fsync_file
from cchc_desktop.errors import EnvironmentProblem
from cchc_desktop.os_errors import describe_os_error
from cchc_desktop.progress import Cancelled, portion, step

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS}
_NO_ACCESS = {errno.EACCES, errno.EPERM, errno.EBUSY}
_GONE = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO}
_IO_ERROR = {errno.EIO}
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


class VerificationFailed(Exception):
    """The file read back is not what was written (raised by ``verify`` callbacks)."""


def write_atomically(target: Path, produce: Callable[[Path], None], verify: Callable[[Path], None]) -> Path:
    """Write ``target`` through ``produce(temp_path)``, check it with ``verify(temp_path)``,
    then put it in place. Raises ``EnvironmentProblem`` on any disk trouble."""
    target = Path(target)
    temp = None
    try:
        temp = _temp_path_beside(target)
        produce(temp)
        fsync_file(temp)
        verify(temp)
        os.replace(temp, target)
        temp = None
        fsync_dir(target.parent)
    except OSError as error:
        raise EnvironmentProblem(disk_error_message(error, target)) from error
    except VerificationFailed as error:
        raise EnvironmentProblem(
            f"Tệp vừa ghi ra {target.name} đọc lại không đúng ({error}). "
            "Ổ đĩa có thể bị lỗi: hãy thử ghi vào ổ hoặc thư mục khác."
        ) from error
    finally:
        if temp is not None:
            _remove_quietly(temp)
    return target


def ensure_folder(folder: Path) -> Path:
    """Create the output folder (its parent must exist: a missing drive stays an error)."""
    folder = Path(folder)
    try:
        folder.mkdir(exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        a_file = next((path for path in (folder, *folder.parents) if path.is_file()), None)
        if a_file is None:
            raise EnvironmentProblem(disk_error_message(error, folder / "_")) from error
        raise EnvironmentProblem(f"{a_file} là một tệp, không phải thư mục: hãy chọn thư mục khác để lưu.") from None
    except OSError as error:
        raise EnvironmentProblem(disk_error_message(error, folder / "_")) from error
    return folder


def disk_error_message(error: OSError, target: Path) -> str:
    """What went wrong writing ``target``, said for the user."""
    folder = target.parent
    code = error.errno
    if code in _DISK_FULL:
        return f"Ổ đĩa đã đầy: không ghi được {target.name} vào {folder}. Hãy xóa bớt tệp hoặc chọn ổ đĩa khác."
    if code in _READ_ONLY:
        return f"Ổ đĩa chỉ cho phép đọc: không ghi được vào {folder}. Hãy mở khóa ghi của USB hoặc chọn ổ đĩa khác."
    if code in _NO_ACCESS:
        return (
            f"Không ghi được {target.name} vào {folder}: tệp đang mở trong chương trình khác "
            "(Word, Excel, trình đọc PDF) hoặc không có quyền ghi vào thư mục này. "
            "Hãy đóng tệp rồi thử lại, hoặc chọn thư mục khác."
        )
    if code in _GONE:
        return f"Không tìm thấy thư mục {folder} (USB đã bị rút?). Hãy cắm lại hoặc chọn thư mục khác."
    if code in _IO_ERROR:
        return f"Lỗi đọc ghi ổ đĩa khi lưu vào {folder} (USB đã bị rút?). Hãy cắm lại rồi thử lại."
    return describe_os_error(error, f"ghi {target.name} vào {folder}")  # never the system's English


def _temp_path_beside(target: Path) -> Path:
    """An unused name in the target's folder, so the final rename stays on one volume.

    It keeps the target's extension (readers check it) and is left for ``produce`` to
    create, so the file gets the usual permissions rather than mkstemp's private ones.
    """
    return target.with_name(f".{target.stem[:40]}.{secrets.token_hex(4)}.tmp{target.suffix}")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# Checks on what was written ---------------------------------------------------------

def verify_pdf(path: Path, expected_pages: int | None = None) -> None:
    """A light check without a PDF library: header, end-of-file marker, page objects."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise VerificationFailed("thiếu phần đầu %PDF-")
    if b"%%EOF" not in data[-1024:]:
        raise VerificationFailed("thiếu dấu kết thúc %%EOF")
    pages = len(_PAGE_OBJECT.findall(data))
    if pages == 0 or (expected_pages is not None and pages != expected_pages):
        raise VerificationFailed(f"có {pages} trang")


def verify_xlsx(path: Path) -> None:
    """Open the workbook again (read-only) and touch its first sheet."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as error:  # zipfile, XML and key errors alike mean a broken file
        raise VerificationFailed("không mở lại được") from error
    try:
        if not workbook.sheetnames or workbook[workbook.sheetnames[0]].max_row in (None, 0):
            raise VerificationFailed("bảng tính trống")
    finally:
        workbook.close()


class StoppedAfterWriting(Cancelled):
    """Cancelled once some documents were in place: those stay, each whole and verified
    (the old file of the same name is gone already), and ``written`` names them."""

    def __init__(self, written: list[Path]) -> None:
        super().__init__()
        self.written = list(written)
        self.message = (f"Đã dừng. Đã ghi xong và kiểm tra lại {', '.join(path.name for path in written)}; "
                        "tệp sau đó chưa ghi.")


def write_in_turn(writes: list[Callable[[], Path]]) -> list[Path]:
    """Run each document's write in turn (PDF, then xlsx). Each is atomic, but the set is
    not: when one fails, or the user cancels, after others were put in place, the
    message names those, so the user knows the new PDF beside an old workbook is new.
    Each write has its share of the progress bar."""
    written: list[Path] = []
    for index, write in enumerate(writes):
        try:
            with portion(index / len(writes), (index + 1) / len(writes)):
                written.append(write())
            step(index + 1, len(writes))
        except Cancelled:
            if not written:
                raise
            raise StoppedAfterWriting(written) from None
        except EnvironmentProblem as problem:
            if not written:
                raise
            names = ", ".join(path.name for path in written)
            raise EnvironmentProblem(f"Đã ghi {names}; tệp sau đó chưa ghi được. {problem.message}") from problem
    return written


def write_document(target: Path, fmt: str, write_pdf: Callable[[Path], int], write_xlsx: Callable[[Path], None]) -> Path:
    """Write one document as PDF (``write_pdf`` returns its page count, checked on
    re-reading) or as xlsx, atomically and verified."""
    if fmt == "pdf":
        pages: list[int] = []
        return write_atomically(
            target,
            produce=lambda path: pages.append(write_pdf(path)),
            verify=lambda path: verify_pdf(path, expected_pages=pages[-1]),
        )
    return write_atomically(target, produce=write_xlsx, verify=verify_xlsx)
