"""A file of one year imported into a plan of another: one warning, with the figures,
before anything is written; none when the years agree or the file names no year."""

import unicodedata

from cchc_desktop.importing import read_appendix

from .builders import HEADERS, write_docx, write_xlsx

# The demo appendix (the demo_xlsx fixture): its title says "NĂM 2024"; 34 of its 44
# deadlines fall in 2024 as written ("Năm 2024 -2025" is due at the end of 2025, and
# "Thường xuyên", "Hàng tháng" or "Theo Kế hoạch số … ngày 21/11/2022" name no deadline year).
DEMO_INTO_2025 = (
    "Tệp này là kế hoạch năm 2024 (tiêu đề phụ lục ghi năm 2024; 34/44 nhiệm vụ có thời gian hoàn thành "
    "trong năm 2024), nhưng đang được nhập vào kế hoạch năm 2025. Tiêu đề phụ lục và thời gian hoàn thành "
    "được giữ nguyên như trong tệp, nên 34 nhiệm vụ này sẽ bị tính là quá hạn ngay từ đầu năm 2025. "
    "Nếu muốn lập kế hoạch năm 2025 từ tệp này, hãy nhập vào kế hoạch năm 2024 rồi sao chép sang năm 2025 "
    "(Kế hoạch → Sao chép sang năm mới…, hoặc lệnh cchc copy-plan): "
    "khi sao chép, năm ghi trong tiêu đề phụ lục và thời gian hoàn thành được đổi theo năm mới."
)


def _year_warnings(preview) -> list[str]:
    return [message for message in preview.file_warnings if message.startswith("Tệp này là kế hoạch năm")]


def _appendix(tmp_path, title: str, deadlines: list[str], preamble_more=()):
    """An xlsx appendix: a title line above the table, one area, a task per deadline."""
    rows = [["Phụ lục"], [title], *([line] for line in preamble_more), HEADERS, ["I. CẢI CÁCH THỂ CHẾ"]]
    rows += [[n, f"Nhiệm vụ số {n}", "Công chức Tư pháp - Hộ tịch", "", "Báo cáo", deadline]
             for n, deadline in enumerate(deadlines, start=1)]
    area_row = len(rows) - len(deadlines) - 1
    return write_xlsx(tmp_path / "phu_luc.xlsx", rows, [(area_row, 0, area_row, 5)])


def test_a_2024_file_read_for_2025_warns_once_with_its_figures(demo_xlsx):
    preview = read_appendix(demo_xlsx)
    preview.set_year(2025)
    assert _year_warnings(preview) == [DEMO_INTO_2025]
    assert preview.warnings[0] == (0, DEMO_INTO_2025)  # about the whole file: before the rows' warnings
    assert unicodedata.is_normalized("NFC", DEMO_INTO_2025)


def test_no_warning_when_the_years_agree(demo_xlsx):
    preview = read_appendix(demo_xlsx)
    assert preview.year == 2024 and _year_warnings(preview) == []  # the file's own year, by default
    preview.set_year(2025)
    preview.set_year(2024)  # the user changed the year, then set it back
    assert _year_warnings(preview) == []


def test_no_warning_when_the_file_names_no_year(tmp_path):
    path = _appendix(tmp_path, "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", [
        "Thường xuyên", "Hằng tháng", "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh", ""])
    preview = read_appendix(path)
    preview.set_year(2025)
    assert preview.file_year is None
    assert preview.file_warnings == []


def test_without_a_title_year_the_deadlines_tell_the_year(tmp_path):
    # The plan was issued in December 2022 for 2023: the deadlines, not the issue date, say 2023.
    path = write_docx(tmp_path / "phu_luc.docx", [
        HEADERS, ["I. CẢI CÁCH THỂ CHẾ", None, None, None, None, None],
        ["1", "Rà soát văn bản", "Tư pháp", "", "Báo cáo", "Quý I năm 2023"],
        ["2", "Tuyên truyền", "Văn hóa", "", "Báo cáo", "Tháng 02/2023"],
        ["3", "Báo cáo tháng", "Văn phòng", "", "Báo cáo", "Hằng tháng"],
        ["4", "Tổng kết", "Văn phòng", "", "Báo cáo", "Trước ngày 15/01/2024"],
    ], merges=[(1, 0, 1, 5)], preamble=[
        "Phụ lục", "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "(Kèm theo Kế hoạch số 120/KH-UBND ngày 28 tháng 12 năm 2022 của Ủy ban nhân dân Phường 1)"])
    preview = read_appendix(path)
    assert preview.year == 2023 and preview.file_warnings == []
    preview.set_year(2025)
    [warning] = _year_warnings(preview)
    assert warning.startswith("Tệp này là kế hoạch năm 2023 (2/4 nhiệm vụ có thời gian hoàn thành trong năm 2023), "
                              "nhưng đang được nhập vào kế hoạch năm 2025. Thời gian hoàn thành được giữ nguyên "
                              "như trong tệp, nên 2 nhiệm vụ này sẽ bị tính là quá hạn ngay từ đầu năm 2025.")
    assert "tiêu đề" not in warning  # the title names no year
    assert warning.endswith("khi sao chép, năm ghi trong thời gian hoàn thành được đổi theo năm mới.")


def test_a_plan_of_an_earlier_year_is_told_its_deadlines_fall_after_it(demo_xlsx):
    preview = read_appendix(demo_xlsx)
    preview.set_year(2023)
    [warning] = _year_warnings(preview)
    assert "nên 34 nhiệm vụ này có thời hạn trong năm 2024, ngoài năm của kế hoạch." in warning
    assert "quá hạn" not in warning
    assert "hãy nhập vào kế hoạch năm 2024 rồi sao chép sang năm 2023" in warning


def test_a_title_year_alone_is_enough(tmp_path):
    path = _appendix(tmp_path, "CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024", ["Thường xuyên", "Hằng quý"])
    preview = read_appendix(path)
    preview.set_year(2025)
    [warning] = _year_warnings(preview)
    assert warning.startswith("Tệp này là kế hoạch năm 2024 (tiêu đề phụ lục ghi năm 2024), nhưng đang được nhập "
                              "vào kế hoạch năm 2025. Tiêu đề phụ lục được giữ nguyên như trong tệp. ")
    assert "quá hạn" not in warning


def test_the_warning_follows_the_deadline_column(demo_xlsx):
    preview = read_appendix(demo_xlsx)
    preview.set_year(2025)
    deadline_column = next(c.index for c in preview.columns if c.field == "deadline_text")
    preview.remap(deadline_column, "ignore")  # no deadlines left: only the title's year
    [warning] = _year_warnings(preview)
    assert warning.startswith("Tệp này là kế hoạch năm 2024 (tiêu đề phụ lục ghi năm 2024), ")
