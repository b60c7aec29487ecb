"""Plans unlike the demo: no indicators, an empty area, no usual recipient, text that
looks like markup, a commune with a parent body and no report deadline."""

from __future__ import annotations

from openpyxl import load_workbook

from cchc_desktop import repo
from cchc_desktop.models import Plan, Task, Unit
from cchc_desktop.report import build_report, export_report
from cchc_desktop.report.xlsx_report import TASKS_HEADER_ROW

from tests.pdf_reading import normalised, pdftotext


def make_commune_plan(db) -> int:
    unit_id = repo.create_unit(db, Unit(None, "Xã Hoằng Đông", "xã", parent_body="UBND huyện Hoằng Hóa"))
    plan_id = repo.create_plan(db, Plan(None, unit_id, 2024, period_label="năm 2024", number="12/KH-UBND"))
    first = repo.add_area(db, plan_id, "I", "Công tác chỉ đạo, điều hành")
    repo.add_area(db, plan_id, "II", "Cải cách thể chế")  # no tasks
    repo.add_task(db, Task(None, plan_id, first, 1, content="Rà soát <b>văn bản</b> & thủ tục", lead="Văn phòng",
                           deadline_text="Tháng 5/2024"))
    repo.add_task(db, Task(None, plan_id, first, 2, content="Tuyên truyền", deadline_text="Hằng tháng"))
    return plan_id


def test_a_commune_plan_builds_with_its_own_names(db):
    plan_id = make_commune_plan(db)
    document = build_report(db, plan_id, "q3")
    assert document.header.parent_body == "UBND HUYỆN HOẰNG HÓA"
    assert document.header.issuing_body == ("ỦY BAN NHÂN DÂN", "XÃ HOẰNG ĐÔNG")
    # No deadline rule: the draft is dated in the period's last month, at the place named by the unit.
    assert document.header.place_date == "Xã Hoằng Đông, ngày    tháng 9 năm 2024"
    assert document.window_line == "Thời gian lấy số liệu: từ ngày 15/06/2024 đến ngày 14/09/2024"
    assert document.recipient_line == "Kính gửi: " + "…" * 24  # to fill in by hand: report_warnings says so
    assert document.recipients == ("- Như trên;", "- Lưu: VT.")
    assert document.indicators == () and "indicators" not in [s.key for s in document.sections]
    assert [area.counts.total for area in document.areas] == [2, 0]
    opening = document.section("opening").paragraphs[0]
    assert opening.startswith("Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân xã Hoằng Đông về cải cách hành chính năm 2024")


def test_markup_like_text_is_printed_as_typed(db, tmp_path):
    plan_id = make_commune_plan(db)
    pdf, xlsx = export_report(db, plan_id, "year", tmp_path)
    text = normalised(pdftotext(pdf))
    assert "Rà soát <b>văn bản</b> & thủ tục" in text
    assert "1. Công tác chỉ đạo, điều hành" in text and "2. Cải cách thể chế" in text
    assert pdf.name == "BC_CCHC_Nam_2024_Xa_Hoang_Dong_du_thao.pdf"
    workbook = load_workbook(xlsx)
    first_task_row = TASKS_HEADER_ROW + 2  # after the header and the first area's row
    assert workbook["Nhiệm vụ"].cell(first_task_row, 2).value == "Rà soát <b>văn bản</b> & thủ tục"
    workbook.close()
