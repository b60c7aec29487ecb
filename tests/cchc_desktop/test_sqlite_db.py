"""The thin database handle: autocommit outside ``atomic``, one transaction inside it,
savepoints when nested, and a rollback that leaves nothing behind."""

import sqlite3

import pytest

from cchc_desktop.sqlite_db import Database


@pytest.fixture
def handle(tmp_path):
    db = Database.connect(tmp_path / "t.sqlite3")
    db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    yield db
    db.close()


def other_view(tmp_path) -> list[str]:
    """What a second connection sees: only committed rows."""
    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    try:
        return [text for (text,) in conn.execute("SELECT text FROM note ORDER BY id")]
    finally:
        conn.close()


def test_a_statement_outside_atomic_commits_by_itself(handle, tmp_path):
    handle.execute("INSERT INTO note (text) VALUES (?)", ["Kế hoạch"])
    assert not handle.conn.in_transaction
    assert other_view(tmp_path) == ["Kế hoạch"]


def test_insert_returns_the_new_rowid(handle):
    first = handle.insert("note", {"text": "một"})
    second = handle.insert("note", {"text": "hai"})
    assert second == first + 1
    assert handle.execute("SELECT text FROM note WHERE id = ?", [second]).fetchone() == ("hai",)


def test_atomic_commits_everything_or_nothing(handle, tmp_path):
    with handle.atomic():
        handle.insert("note", {"text": "a"})
        handle.insert("note", {"text": "b"})
        assert other_view(tmp_path) == []  # not visible before the commit
    assert other_view(tmp_path) == ["a", "b"]
    with pytest.raises(ValueError):
        with handle.atomic():
            handle.insert("note", {"text": "c"})
            raise ValueError("giữa chừng")
    assert other_view(tmp_path) == ["a", "b"]
    assert not handle.conn.in_transaction


def test_a_failing_nested_block_rolls_back_only_itself(handle, tmp_path):
    with handle.atomic():
        handle.insert("note", {"text": "ngoài"})
        with pytest.raises(sqlite3.IntegrityError):
            with handle.atomic():
                handle.insert("note", {"text": "trong"})
                handle.execute("INSERT INTO note (text) VALUES (NULL)")
        handle.insert("note", {"text": "sau"})
    assert other_view(tmp_path) == ["ngoài", "sau"]


def test_an_error_inside_the_outer_block_discards_the_nested_work_too(handle, tmp_path):
    with pytest.raises(RuntimeError):
        with handle.atomic():
            with handle.atomic():
                handle.insert("note", {"text": "x"})
            raise RuntimeError
    assert other_view(tmp_path) == []


def test_table_names(handle):
    assert "note" in handle.table_names()
