"""Seed 002's appendix laid out as printed: wrapped cells, and three tasks cut by a
page break (rows 7, 30 and 43 go on in a row without Stt on the next page)."""

import textwrap
import unicodedata

from cchc_desktop.importing import commit, read_appendix

from .builders import PREAMBLE, TASK_KEYS, demo_areas, expected_areas, imported_areas, write_docx

PRINTED_HEADER = ["Stt", "Nhiệm vụ", "Công chức\nchủ trì", "Công chức\nphối hợp", "Sản phẩm", "Thời gian\nhoàn thành"]
WIDTHS = {"content": 52, "lead": 11, "supporting": 11, "output": 16, "deadline_text": 11}
# stt: (column cut, text on the first page)
PAGE_BREAKS = {
    7: ("output", "Giấy mời, báo cáo sơ kết, tổng kết đánh giá rút"),
    30: ("content", "Thực hiện cơ chế tài chính đối với các cơ quan Nhà nước: Báo cáo kết quả thực hiện "
                    "Nghị định 130/2005/NĐ-CP ngày 17/10/2005 và Nghị định số"),
    43: ("lead", "Công chức Bộ"),
}
# As real files have them: tone on the wrong letter, U+01CE for ă, decomposed text.
MESSY = {5: ("deadline_text", "Qúy I nǎm 2024"), 38: ("content", None)}


def _wrapped(text: str, key: str) -> str:
    return "\n".join(textwrap.wrap(text, WIDTHS[key], break_long_words=False, break_on_hyphens=False))


def _printed_rows():
    rows, merges = [PRINTED_HEADER], []
    for area in demo_areas():
        merges.append((len(rows), 0, len(rows), 5))
        rows.append([f"{area['numeral']}. {area['title']}"] + [None] * 5)
        for task in area["tasks"]:
            cells = {key: task[key] for key in TASK_KEYS}
            if task["stt"] in MESSY:
                key, text = MESSY[task["stt"]]
                cells[key] = text or unicodedata.normalize("NFD", cells[key])
            rest = {}
            if task["stt"] in PAGE_BREAKS:
                key, first_page = PAGE_BREAKS[task["stt"]]
                rest = {key: cells[key][len(first_page):].strip()}
                cells[key] = first_page
            rows.append([str(task["stt"])] + [_wrapped(cells[key], key) for key in TASK_KEYS])
            if rest:
                rows.append([""] + [_wrapped(rest.get(key, ""), key) for key in TASK_KEYS])
    return rows, merges


def test_seed_appendix_as_printed_imports_like_the_transcription(db, tmp_path):
    rows, merges = _printed_rows()
    preview = read_appendix(write_docx(tmp_path / "phu_luc_002.docx", rows, merges, PREAMBLE))
    assert len(preview.tasks) == 44 and len(preview.areas) == 7
    plan_id = commit(db, preview)
    assert imported_areas(db, plan_id) == expected_areas()


def test_page_break_rows_are_joined_and_reported(tmp_path):
    rows, merges = _printed_rows()
    preview = read_appendix(write_docx(tmp_path / "phu_luc_002.docx", rows, merges, PREAMBLE))
    joined = {int(t.stt_text): t.continued_rows for t in preview.tasks if t.continued_rows}
    assert sorted(joined) == [7, 30, 43]
    for stt, (row,) in joined.items():
        task = next(t for t in preview.tasks if t.stt_text == str(stt))
        assert f"Dòng {row} không có Stt: hiểu là phần tiếp theo của nhiệm vụ này." in task.warnings
    missing_lead = sorted(int(t.stt_text) for t in preview.tasks if "Thiếu công chức/cơ quan chủ trì." in t.warnings)
    assert missing_lead == [2, 11, 24, 25, 26]


def test_heading_gives_year_title_and_decision(tmp_path):
    rows, merges = _printed_rows()
    preview = read_appendix(write_docx(tmp_path / "phu_luc_002.docx", rows, merges, PREAMBLE))
    heading = preview.heading
    assert preview.year == 2024
    assert heading.title == "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"
    assert (heading.kind, heading.number, heading.on.isoformat()) == ("Quyết định", "55/QĐ-UBND", "2024-02-29")
    assert heading.issuer == "Chủ tịch Ủy ban nhân dân Phường 1"
    assert heading.unit_name == "Phường 1"
    task_19 = next(t for t in preview.tasks if t.stt_text == "19")
    assert task_19.deadline_reading == "31/03, 30/06, 30/09, 31/12/2024"
