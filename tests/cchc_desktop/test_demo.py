"""The demo plan is seed 002's appendix, transcribed faithfully."""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from cchc_desktop import repo
from cchc_desktop.cli import task_rows
from cchc_desktop.demo import demo_data, load_demo
from cchc_desktop.directory import list_parties

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_e231e0f2b112d56d.txt"
CELLS = ("content", "lead", "supporting", "output", "deadline_text")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def seed_appendix() -> str:
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return squeeze(text[text.index("Phụ lục"):])


def test_demo_has_44_tasks_in_7_areas_numbered_through(workspace, demo_plan_id):
    groups = repo.appendix(workspace.db, demo_plan_id)
    assert [g.area.numeral for g in groups] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert groups[0].area.title == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    assert groups[-1].area.title == "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"
    stts = [task.stt for group in groups for task in group.tasks]
    assert stts == list(range(1, 45))


def test_first_and_last_rows_verbatim(workspace, demo_plan_id):
    rows = [{key: row[key] for key in ("stt", "area", *CELLS)} for row in task_rows(workspace, demo_plan_id)]
    assert rows[0] == {
        "stt": 1,
        "area": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "content": "Xây dựng Kế hoạch khắc phục những tồn tại, hạn chế CCHC trên địa bàn Phường 1 năm 2023.",
        "lead": "Công chức Văn phòng – Thống kê",
        "supporting": "Các công chức chuyên môn khác",
        "output": "Kế hoạch",
        "deadline_text": "Tháng 02/2024",
    }
    assert rows[-1] == {
        "stt": 44,
        "area": "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
        "content": "Xử lý phản ánh, kiến nghị đúng hạn",
        "lead": "Công chức Văn phòng-Thống kê",
        "supporting": "Công chức chuyên môn",
        "output": "Công văn trả lời phản ánh, kiến nghị",
        "deadline_text": "Trong năm 2024",
    }


def test_empty_cells_of_the_source_stay_empty(workspace, demo_plan_id):
    by_stt = {row["stt"]: row for row in task_rows(workspace, demo_plan_id)}
    assert (by_stt[2]["lead"], by_stt[2]["supporting"], by_stt[2]["deadline_text"]) == ("", "", "")
    assert by_stt[2]["output"] == "Quyết định và Kế hoạch CCHC"
    for stt in (11, 24, 25, 26):
        assert by_stt[stt]["lead"] == "" and by_stt[stt]["supporting"] == ""
        assert by_stt[stt]["content"] and by_stt[stt]["deadline_text"]


def in_seed(text: str, seed: str) -> bool:
    """The cell is in the seed whole, or in two pieces (a cell continued after a page break)."""
    cell = squeeze(text)
    if cell in seed:
        return True
    for cut in range(4, len(cell) - 3):
        head = seed.find(cell[:cut])
        if head >= 0 and seed.find(cell[cut:], head + cut) >= 0:
            return True
    return False


def test_every_cell_is_in_the_seed(seed_appendix):
    for area in demo_data()["areas"]:
        assert squeeze(area["title"]) in seed_appendix
        for task in area["tasks"]:
            for cell in CELLS:
                if task[cell]:
                    assert in_seed(task[cell], seed_appendix), (task["stt"], cell, task[cell])


def test_all_demo_text_is_clean_nfc():
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for text in strings(demo_data()):
        assert unicodedata.is_normalized("NFC", text)
        assert "  " not in text and text == text.strip()


def test_loading_the_demo_is_idempotent(db):
    first = load_demo(db)
    second = load_demo(db)
    assert first == second
    assert len(repo.list_plans(db)) == 1
    assert db.execute("SELECT count(*) FROM task").fetchone()[0] == 44


def test_parties_are_linked_to_the_directory_with_text_kept(workspace, demo_plan_id):
    db = workspace.db
    names = {name for _id, name, _kind in list_parties(db)}
    assert "Công chức Văn phòng-Thống kê" in names
    assert "Tổ CNSCĐ phường, khu phố" in names
    row = db.execute("SELECT lead FROM task WHERE plan_id = ? AND stt = 40", [demo_plan_id]).fetchone()
    assert row[0] == "Công chức Văn phòng-Thống kê; Bộ phận Một cửa; Tổ CNSCĐ phường, khu phố"
    leads = db.execute(
        "SELECT p.name FROM task_party tp JOIN party p ON p.id = tp.party_id "
        "JOIN task t ON t.id = tp.task_id WHERE t.plan_id = ? AND t.stt = 40 AND tp.role = 'lead' "
        "ORDER BY tp.position",
        [demo_plan_id],
    ).fetchall()
    assert [name for (name,) in leads] == ["Công chức Văn phòng-Thống kê", "Bộ phận Một cửa", "Tổ CNSCĐ phường, khu phố"]


def test_asking_for_the_demo_again_brings_it_back_from_the_bin(db):
    from cchc_desktop.changes import apply
    from cchc_desktop.edits.plans import delete_plan

    plan_id = load_demo(db)
    apply(db, delete_plan(db, plan_id))
    assert repo.list_plans(db) == []
    assert load_demo(db) == plan_id
    assert [p.id for p in repo.list_plans(db)] == [plan_id]
