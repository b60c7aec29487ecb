"""Excel sheets as offices lay them out: merged headers, merged leads, text below."""

from datetime import datetime

from cchc_desktop.importing import read_appendix

from .builders import HEADERS, write_xlsx


def test_merged_two_row_header_merged_lead_and_signature_below(tmp_path):
    rows = [
        ["ỦY BAN NHÂN DÂN PHƯỜNG 1"],
        ["KẾ HOẠCH Cải cách hành chính năm 2025"],
        ["TT", "Nội dung công việc", "Cơ quan, đơn vị", None, "Sản phẩm", "Thời hạn"],
        [None, None, "Chủ trì", "Phối hợp", None, None],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
        [1.0, "Xây dựng kế hoạch", "Văn phòng", "Các bộ phận", "Kế hoạch", datetime(2025, 1, 15)],
        [2, "Tuyên truyền", None, "", "Báo cáo", "Quý I năm 2025"],
        [3, "Kiểm tra", None, "", "Báo cáo", "Hằng quý"],
        [],
        [],
        [None, None, None, None, "CHỦ TỊCH"],
        [None, None, None, None, "Nguyễn Văn A"],
    ]
    merges = [(2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3), (2, 4, 3, 4), (2, 5, 3, 5), (6, 2, 8, 2)]
    preview = read_appendix(write_xlsx(tmp_path / "a.xlsx", rows, merges))
    assert [c.field for c in preview.columns] == ["stt", "content", "lead", "supporting", "output", "deadline_text"]
    assert [(a.numeral, a.title) for a in preview.areas] == [("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")]
    assert [(t.stt_text, t.text("lead"), t.text("deadline_text")) for t in preview.tasks] == [
        ("1", "Văn phòng", "15/01/2025"), ("2", "Văn phòng", "Quý I năm 2025"), ("3", "Văn phòng", "Hằng quý")]
    assert [t.continued_rows for t in preview.tasks] == [[], [], []]  # the signature is not a task's text
    assert preview.year == 2025
    assert preview.heading.plan_title == "Cải cách hành chính năm 2025"


def test_the_sheet_with_the_appendix_is_chosen(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [["Ghi chép"], ["Không phải phụ lục"]], title="Bìa",
                      more_sheets=[("Phụ lục", [HEADERS, [1, "Việc", "Ai", "", "", "Năm 2024"]])])
    preview = read_appendix(path)
    assert [t.label for t in preview.tables] == ['Trang tính "Phụ lục"']
    assert preview.tasks[0].text("content") == "Việc"


def test_a_formula_without_a_cached_value_reads_empty_and_is_flagged(tmp_path):
    rows = [HEADERS, [1, "=Việc có dấu bằng", "Ai", "", "", "Năm 2024"]]
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    preview = read_appendix(path)
    # openpyxl writes "=…" as a formula with no cached value: the cell reads empty
    assert preview.tasks[0].text("content") == ""
    assert "Thiếu nội dung nhiệm vụ." in preview.tasks[0].warnings
