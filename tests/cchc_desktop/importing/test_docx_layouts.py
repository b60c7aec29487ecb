"""Word tables in the layouts ward offices really use."""

import pytest
from docx import Document

from cchc_desktop.importing import read_appendix
from cchc_desktop.importing.headers import recognise

from .builders import HEADERS, add_docx_table, write_docx

TWO_ROW_HEADER = [
    ["Stt", "Nội dung nhiệm vụ", "Cơ quan, đơn vị", None, "Kết quả/sản phẩm", "Thời gian thực hiện", "Ghi chú"],
    [None, None, "Chủ trì", "Phối hợp", None, None, None],
]
TWO_ROW_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4), (0, 5, 1, 5), (0, 6, 1, 6)]


def _tasks(preview):
    return [{k: row.text(k) for k in ("content", "lead", "supporting", "output", "deadline_text", "note")}
            for row in preview.tasks]


def test_two_row_header_with_merged_group_title(tmp_path):
    body = [
        ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", None, None, None, None, None, None],
        ["1", "Xây dựng kế hoạch CCHC", "Văn phòng", "Các bộ phận", "Kế hoạch", "Tháng 01/2024", "Đã giao"],
    ]
    path = write_docx(tmp_path / "a.docx", TWO_ROW_HEADER + body, TWO_ROW_MERGES + [(2, 0, 2, 6)])
    preview = read_appendix(path)
    assert [c.field for c in preview.columns] == ["stt", "content", "lead", "supporting", "output", "deadline_text", "note"]
    assert preview.columns[2].title == "Cơ quan, đơn vị / Chủ trì"
    assert [(a.numeral, a.title) for a in preview.areas] == [("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")]
    assert _tasks(preview) == [{"content": "Xây dựng kế hoạch CCHC", "lead": "Văn phòng", "supporting": "Các bộ phận",
                                "output": "Kế hoạch", "deadline_text": "Tháng 01/2024", "note": "Đã giao"}]
    assert preview.tasks[0].warnings == []


def test_continuation_rows_line_breaks_and_lists(tmp_path):
    rows = [HEADERS,
            ["II - Cải cách thể chế", None, None, None, None, None],
            ["1", "Rà soát văn bản quy phạm\npháp luật của", "Công chức\nTư pháp\n– Hộ tịch",
             "- Văn phòng\n- Địa chính", "Báo cáo", "Quý I\nnăm 2024"],
            ["", "phường năm 2024", "", "", "kết quả", ""],
            ["2", "Thực hiện:\n- Bước một\n- Bước hai\ntiếp theo", "Văn phòng", "", "Kế hoạch", "Hằng tháng"]]
    path = write_docx(tmp_path / "a.docx", rows, [(1, 0, 1, 5)])
    preview = read_appendix(path)
    first, second = _tasks(preview)
    assert first["content"] == "Rà soát văn bản quy phạm pháp luật của phường năm 2024"
    assert first["lead"] == "Công chức Tư pháp – Hộ tịch"
    assert first["supporting"] == "Văn phòng; Địa chính"
    assert first["output"] == "Báo cáo kết quả"
    assert first["deadline_text"] == "Quý I năm 2024"
    assert second["content"] == "Thực hiện:\n- Bước một\n- Bước hai tiếp theo"
    assert preview.tasks[0].continued_rows == [4]
    assert any("Dòng 4 không có Stt" in w for w in preview.tasks[0].warnings)
    assert [(a.numeral, a.title) for a in preview.areas] == [("II", "Cải cách thể chế")]


@pytest.mark.parametrize("names", [
    ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Hình thức văn bản", "Thời hạn"),
    ("Số TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Tiến độ"),
    ("STT", "NHIỆM VỤ", "CÔNG CHỨC CHỦ TRÌ", "CÔNG CHỨC PHỐI HỢP", "SẢN PHẨM", "THỜI GIAN HOÀN THÀNH"),
    ("Stt", "Nhiem vu", "Chu tri", "Phoi hop", "San pham", "Thoi gian hoan thanh"),
])
def test_header_variants_are_recognised(tmp_path, names):
    rows = [list(names), ["A. Nhóm một", None, None, None, None, None], ["1", "Việc", "Ai", "Ai nữa", "Gì", "Năm 2024"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows, [(1, 0, 1, 5)]))
    assert [c.field for c in preview.columns] == ["stt", "content", "lead", "supporting", "output", "deadline_text"]
    assert [(a.numeral, a.title) for a in preview.areas] == [("A", "Nhóm một")]


def test_recognise_folds_and_leaves_long_text_alone():
    assert recognise("Cơ quan, đơn vị chủ trì") == "lead"
    assert recognise("  Thời gian\nhoàn thành ") == "deadline_text"
    assert recognise("Ghi chú") == "note"
    assert recognise("Phối hợp thực hiện công tác đo lường sự hài lòng của người dân") is None


def test_area_numeral_in_stt_column_and_title_beside_it(tmp_path):
    rows = [HEADERS, ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""], ["1", "Việc", "Ai", "", "", "Năm 2024"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows))
    assert [(a.numeral, a.title) for a in preview.areas] == [("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")]
    assert len(preview.tasks) == 1


def test_lead_merged_down_over_several_tasks_belongs_to_each(tmp_path):
    rows = [HEADERS, ["1", "Việc một", "Văn phòng", "", "", "Năm 2024"], ["2", "Việc hai", None, "", "", "Năm 2024"],
            ["", "tiếp theo", None, "", "", ""]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows, [(1, 2, 3, 2)]))
    assert [t.text("lead") for t in preview.tasks] == ["Văn phòng", "Văn phòng"]
    assert preview.tasks[1].text("content") == "Việc hai tiếp theo"


def test_stt_out_of_sequence_is_flagged_but_restart_per_area_is_not(tmp_path):
    rows = [HEADERS, ["I. Một", None, None, None, None, None], ["1", "a", "X", "", "", "Năm 2024"],
            ["3", "b", "X", "", "", "Năm 2024"], ["II. Hai", None, None, None, None, None],
            ["1", "c", "X", "", "", "Năm 2024"], ["2", "d", "", "", "", "Theo chỉ đạo"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows, [(1, 0, 1, 5), (4, 0, 4, 5)]))
    warnings = dict(preview.warnings)
    assert "Stt 3 không liền sau 1" in warnings[4]
    assert 6 not in warnings
    assert [w for row, w in preview.warnings if row == 7] == [
        "Thiếu công chức/cơ quan chủ trì.", "Chưa hiểu rõ thời gian hoàn thành “Theo chỉ đạo”: cần kiểm tra."]


def test_the_best_of_several_tables_is_chosen_and_another_can_be(tmp_path):
    document = Document()
    add_docx_table(document, [["ỦY BAN NHÂN DÂN\nPHƯỜNG 1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]])
    document.add_paragraph("Chỉ tiêu")
    add_docx_table(document, [["Stt", "Nội dung"], ["1", "Tỷ lệ hồ sơ đúng hạn 99%"]])
    document.add_paragraph("Phụ lục")
    add_docx_table(document, [HEADERS, ["1", "Việc", "Ai", "", "", "Năm 2024"]])
    path = tmp_path / "a.docx"
    document.save(str(path))
    preview = read_appendix(path)
    assert [t.label for t in preview.tables] == ["Bảng 2", "Bảng 3"]
    assert preview.table_index == 1 and preview.tasks[0].text("lead") == "Ai"
    preview.choose_table(0)
    assert [t.text("content") for t in preview.tasks] == ["Tỷ lệ hồ sơ đúng hạn 99%"]


def test_a_table_split_in_two_at_a_page_break_is_joined(tmp_path):
    document = Document()
    add_docx_table(document, [HEADERS, ["1", "Việc một", "Ai", "", "", "Năm 2024"], ["2", "Việc hai bị", "Ai", "", "", ""]])
    document.add_paragraph("")
    add_docx_table(document, [["", "cắt sang trang", "", "", "", "Năm 2024"], ["3", "Việc ba", "Ai", "", "", "Năm 2024"]])
    path = tmp_path / "a.docx"
    document.save(str(path))
    preview = read_appendix(path)
    assert len(preview.tables) == 1
    assert [t.text("content") for t in preview.tasks] == ["Việc một", "Việc hai bị cắt sang trang", "Việc ba"]
    assert preview.tasks[1].text("deadline_text") == "Năm 2024"


def test_column_numbers_row_and_repeated_header_are_skipped(tmp_path):
    rows = [HEADERS, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], ["1", "Việc", "Ai", "", "", "Năm 2024"],
            HEADERS, ["2", "Việc khác", "Ai", "", "", "Năm 2024"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows))
    assert [t.text("content") for t in preview.tasks] == ["Việc", "Việc khác"]
    assert preview.warnings == []


def test_remap_changes_the_rows(tmp_path):
    rows = [["Stt", "Nhiệm vụ", "Người làm", "Thời gian hoàn thành"], ["1", "Việc", "Anh A", "Năm 2024"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows))
    assert preview.columns[2].field == "ignore"
    assert "Thiếu công chức/cơ quan chủ trì." in preview.tasks[0].warnings
    preview.remap(2, "lead")
    assert preview.tasks[0].text("lead") == "Anh A" and preview.tasks[0].warnings == []
    preview.remap(3, "lead")  # one column per field: column 2 is ignored again
    assert [c.field for c in preview.columns] == ["stt", "content", "ignore", "lead"]
    assert preview.tasks[0].text("lead") == "Năm 2024"


def test_text_is_cleaned_on_the_way_in(tmp_path):
    rows = [HEADERS, ["1", "Ke\u0302\u0301 hoa\u0323ch  năm\u00a02024", "Văn phòng", "", "", "Qúy I nǎm 2024"]]
    task = read_appendix(write_docx(tmp_path / "a.docx", rows)).tasks[0]
    assert task.text("content") == "Kế hoạch năm 2024"
    assert task.text("deadline_text") == "Quý I năm 2024"
    assert task.deadline_reading == "31/03/2024"


def test_tasks_without_areas_go_to_one_ungrouped_area(tmp_path):
    preview = read_appendix(write_docx(tmp_path / "a.docx", [HEADERS, ["1", "Việc", "Ai", "", "", "Năm 2024"]]))
    assert [a.title for a in preview.areas] == ["Nhiệm vụ chưa phân nhóm"]
    assert preview.warnings == []  # a plain list of tasks is not a doubt


def test_tasks_above_the_first_area_are_flagged(tmp_path):
    rows = [HEADERS, ["1", "Việc", "Ai", "", "", "Năm 2024"], ["I. Nhóm", None, None, None, None, None],
            ["2", "Việc khác", "Ai", "", "", "Năm 2024"]]
    preview = read_appendix(write_docx(tmp_path / "a.docx", rows, [(2, 0, 2, 5)]))
    assert [a.title for a in preview.areas] == ["Nhiệm vụ chưa phân nhóm", "Nhóm"]
    assert preview.warnings == [(2, "Nhiệm vụ đứng trước nhóm đầu tiên: đưa vào nhóm “Nhiệm vụ chưa phân nhóm”.")]
