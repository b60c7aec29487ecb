"""The environment's failures, each with its own plain Vietnamese message."""

import errno
import sqlite3

import pytest

from cchc_desktop.os_errors import describe_os_error, is_damage, is_environment_error


@pytest.mark.parametrize(
    "code, expected",
    [
        (errno.ENOSPC, "ổ đĩa đã đầy. Hãy xóa bớt tệp"),
        (errno.EROFS, "chỉ cho phép đọc. Nếu là USB"),
        (errno.EACCES, "không có quyền ghi, hoặc tệp đang được chương trình khác mở"),
        (errno.EPERM, "không có quyền ghi"),
        (errno.ENOENT, "không tìm thấy tệp hoặc thư mục"),
        (errno.EIO, "lỗi đọc/ghi ổ đĩa. Ổ đĩa có thể đã bị rút ra"),
        (errno.ENODEV, "ổ đĩa không còn kết nối"),
        (errno.EBUSY, "đang bị chương trình khác khóa"),
    ],
)
def test_os_errors_by_errno(code, expected):
    exc = OSError(code, "strerror in English", "/media/usb/cchc.sqlite3")
    message = describe_os_error(exc, "ghi bản sao lưu")
    assert message.startswith("Không thể ghi bản sao lưu: ")
    assert expected in message
    assert "English" not in message
    assert is_environment_error(exc)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("database is locked", "đang bị chương trình khác khóa"),
        ("disk I/O error", "lỗi đọc/ghi ổ đĩa"),
        ("database or disk is full", "ổ đĩa đã đầy"),
        ("attempt to write a readonly database", "chỉ cho phép đọc"),
    ],
)
def test_sqlite_errors_known_by_their_message(text, expected):
    assert expected in describe_os_error(sqlite3.OperationalError(text), "lưu nhiệm vụ")


def test_a_real_locked_database(tmp_path):
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("INSERT INTO t VALUES (1)")
        assert describe_os_error(raised.value, "lưu").endswith(
            "tệp đang bị chương trình khác khóa. Hãy đóng chương trình đó, hoặc chờ một lát, rồi thử lại."
        )
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()


def test_a_real_corrupt_database_is_damage_not_environment_noise(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        conn.close()
    assert is_damage(raised.value)
    assert "bị hỏng" in describe_os_error(raised.value, "mở cơ sở dữ liệu")


def test_unknown_failures_still_say_something_plain():
    assert describe_os_error(OSError(errno.EMLINK, "Too many links"), "ghi") == (
        f"Không thể ghi: lỗi hệ thống (mã lỗi {errno.EMLINK}). "
        "Hãy thử lại; nếu vẫn lỗi, hãy gửi tệp nhật ký cho người hỗ trợ."
    )
    no_code = describe_os_error(OSError("Something odd"), "ghi")
    assert no_code.startswith("Không thể ghi: lỗi hệ thống. ") and "odd" not in no_code
    sqlite_odd = sqlite3.OperationalError("no such savepoint: x")
    sqlite_odd.sqlite_errorcode = sqlite3.SQLITE_ERROR
    assert "savepoint" not in describe_os_error(sqlite_odd, "ghi")
    assert not is_environment_error(ValueError("a bug"))
    assert not is_environment_error(sqlite3.OperationalError("no such table: plan"))
