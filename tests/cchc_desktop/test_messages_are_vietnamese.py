"""The system's own words (SQLite's, zipfile's, the OS's: English) stay out of what the
user reads; they go to the log, where whoever helps the user can find them."""

import pytest

from cchc_desktop.applog import LogFile, log_error, log_path
from cchc_desktop.db import open_database
from cchc_desktop.errors import DatabaseUnusable

ENGLISH_FROM_SQLITE = ("database", "disk image", "malformed", "file is not", "encrypted")


def _garbage_database(path):
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    return path


def test_a_damaged_database_is_described_without_sqlites_english(tmp_path):
    path = _garbage_database(tmp_path / "cchc.sqlite3")
    with pytest.raises(DatabaseUnusable) as raised:
        open_database(path)
    message = raised.value.message
    assert message == "Cơ sở dữ liệu cchc.sqlite3 bị hỏng hoặc không đọc được."
    assert not any(word in message.lower() for word in ENGLISH_FROM_SQLITE)


def test_the_cause_left_out_of_the_message_is_in_the_log(tmp_path):
    path = _garbage_database(tmp_path / "cchc.sqlite3")
    with pytest.raises(DatabaseUnusable) as raised:
        open_database(path)
    log_file = LogFile(tmp_path)
    try:
        log_error(raised.value)
    finally:
        log_file.close()
    logged = log_path(tmp_path).read_text(encoding="utf-8")
    assert "Cơ sở dữ liệu cchc.sqlite3 bị hỏng" in logged
    cause = raised.value.__cause__
    assert f"[cause: {type(cause).__name__}: {cause}]" in logged
