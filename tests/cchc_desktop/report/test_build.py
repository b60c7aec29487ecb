"""build_report on the demo plan: figures worked out by hand, header and closing lines."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, replace
from datetime import date

import pytest

from cchc_desktop import repo
from cchc_desktop.changes import apply
from cchc_desktop.edits.indicators import set_actual
from cchc_desktop.edits.plans import edit_plan, edit_unit
from cchc_desktop.errors import UserInputError
from cchc_desktop.report import build_report, set_report_fields
from cchc_desktop.report.build import recipient_lines
from cchc_desktop.report.model import ReportDocument
from cchc_desktop.status import CLASSES, CONTINUOUS, DONE_LATE, DONE_ON_TIME, OPEN_ON_TIME, OPEN_OVERDUE, UNSPECIFIED


@pytest.fixture
def document(db, tracked_plan_id) -> ReportDocument:
    return build_report(db, tracked_plan_id, "q1")


def counts(group) -> dict[str, int]:
    return {cls: group.count(cls) for cls in CLASSES}


def test_overall_counts_worked_out_by_hand(document):
    # Without progress the demo's q1 stands at 34 open on time, 4 overdue (stt 10, 17,
    # 18, 34), 3 thường xuyên, 3 without a deadline. Then: stt 1 and 5 done on time;
    # stt 10 done late; stt 3 done only after the window (stays open); stt 34 still open.
    assert document.overall.total == 44
    assert counts(document.overall) == {
        DONE_ON_TIME: 2, DONE_LATE: 1, OPEN_ON_TIME: 32, OPEN_OVERDUE: 3, CONTINUOUS: 3, UNSPECIFIED: 3,
    }
    assert document.overall.completed == 3 and document.overall.unfinished == 35


def test_area_counts_worked_out_by_hand(document):
    by_numeral = {area.numeral: counts(area.counts) for area in document.areas}
    assert by_numeral["I"] == {DONE_ON_TIME: 2, DONE_LATE: 0, OPEN_ON_TIME: 5, OPEN_OVERDUE: 0, CONTINUOUS: 0, UNSPECIFIED: 1}
    assert by_numeral["II"] == {DONE_ON_TIME: 0, DONE_LATE: 1, OPEN_ON_TIME: 2, OPEN_OVERDUE: 0, CONTINUOUS: 0, UNSPECIFIED: 1}
    assert by_numeral["VII"] == {DONE_ON_TIME: 0, DONE_LATE: 0, OPEN_ON_TIME: 10, OPEN_OVERDUE: 1, CONTINUOUS: 0, UNSPECIFIED: 0}


def test_classes_sum_to_the_total_overall_and_per_area(document):
    for group in [document.overall, *(area.counts for area in document.areas)]:
        assert sum(group.count(cls) for cls in CLASSES) == group.total
    assert [area.counts.total for area in document.areas] == [8, 4, 10, 4, 3, 4, 11]
    assert sum(area.counts.total for area in document.areas) == document.overall.total
    for cls in CLASSES:
        assert sum(area.counts.count(cls) for area in document.areas) == document.overall.count(cls)


def test_task_rows_status_at_window_end_with_latest_result(document):
    rows = {task.stt: task for task in document.tasks}
    assert [task.stt for task in document.tasks] == list(range(1, 45))
    assert (rows[1].status, rows[1].note) == ("Hoàn thành đúng hạn", "Kế hoạch số 12/KH-UBND ngày 20/02/2024")
    assert (rows[3].status, rows[3].note) == ("Chưa hoàn thành trong hạn", "")  # recorded after 29/02
    assert rows[10].status == "Hoàn thành quá hạn"
    assert (rows[34].status, rows[34].note) == ("Chưa hoàn thành quá hạn", "Đang trình phê duyệt")
    assert rows[21].status == "Thường xuyên"
    assert rows[22].status == "Thường xuyên (chưa cập nhật trong kỳ)"
    assert rows[20].deadline == "Theo Kế hoạch số 3989/KH-UBND ngày 21/11/2022 của UBND tỉnh"


def test_header_title_and_window_of_a_draft(document):
    assert document.header.parent_body == ""
    assert document.header.issuing_body == ("ỦY BAN NHÂN DÂN", "PHƯỜNG 1")
    assert document.header.number == "Số:      /BC-UBND"
    # The demo plan sends its reports "trước ngày 12 của tháng cuối kỳ": due in March.
    assert document.header.place_date == "Phường 1, ngày    tháng 3 năm 2024"
    assert (document.doc_type, document.subject) == (
        "BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024")
    assert document.window_line == "Thời gian lấy số liệu: từ ngày 15/12/2023 đến ngày 29/02/2024"
    assert document.recipient_line == "Kính gửi: Ủy ban nhân dân thành phố Tây Ninh"
    assert document.is_draft
    assert document.appendix.attachment == (
        "(Kèm theo Báo cáo số      /BC-UBND ngày    tháng 3 năm 2024 của Ủy ban nhân dân Phường 1)")


def test_numbered_report_and_forced_draft(db, tracked_plan_id):
    apply(db, set_report_fields(db, tracked_plan_id, "q1", number="7", issued_on=date(2024, 3, 8)))
    issued = build_report(db, tracked_plan_id, "q1")
    assert (issued.header.number, issued.header.place_date) == ("Số: 07/BC-UBND", "Phường 1, ngày 08 tháng 3 năm 2024")
    assert not issued.is_draft
    draft = build_report(db, tracked_plan_id, "q1", draft=True)
    assert (draft.header.number, draft.header.place_date) == ("Số:      /BC-UBND", "Phường 1, ngày    tháng 3 năm 2024")


def test_names_come_from_the_unit_and_plan(db, tracked_plan_id):
    plan = repo.get_plan(db, tracked_plan_id)
    apply(db, edit_unit(db, plan.unit_id, name="Xã Hoằng Đông", parent_body="UBND huyện Hoằng Hóa",
                        issuing_body="ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG", place_name="Hoằng Đông",
                        report_recipient="Ủy ban nhân dân huyện Hoằng Hóa"))
    apply(db, edit_plan(db, tracked_plan_id, signer_authority="KT. Chủ tịch", signer_title="Phó Chủ tịch",
                        signer_name="Lê Văn Bình", recipients=["UBND huyện (b/c);", "- TT Đảng ủy xã;", "Lưu: VT, VP."],
                        # the names this plan is issued under (the plan form sets them with the unit's)
                        issuing_body="ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG", parent_body="UBND huyện Hoằng Hóa",
                        place_name="Hoằng Đông"))
    document = build_report(db, tracked_plan_id, "h1")
    assert document.header.parent_body == "UBND HUYỆN HOẰNG HÓA"
    assert document.header.issuing_body == ("ỦY BAN NHÂN DÂN", "XÃ HOẰNG ĐÔNG")
    assert document.header.place_date.startswith("Hoằng Đông, ngày ")
    assert document.subject.endswith("6 tháng đầu năm 2024")
    assert (document.signature.authority, document.signature.title, document.signature.name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình")
    assert document.recipients == ("- Như trên;", "- UBND huyện (b/c);", "- TT Đảng ủy xã;", "- Lưu: VT, VP.")
    assert "của Ủy ban nhân dân xã Hoằng Đông" in document.section("closing").paragraphs[0]


def test_recipient_lines_format():
    assert recipient_lines([], addressee="") == ("- Như trên;", "- Lưu: VT.")
    assert recipient_lines(["Sở Tư pháp", "  - Như trên ; "], addressee="Sở Nội vụ") == (
        "- Sở Tư pháp;", "- Như trên;", "- Lưu: VT.")


def test_nơi_nhận_does_not_name_the_addressee_twice():
    plan_list = ["Sở Nội vụ (b/c);", "TT ĐU, TT HĐND phường;", "Sở Nội vụ tỉnh Tây Ninh;", "Lưu: VT, VHXH."]
    assert recipient_lines(plan_list, addressee="Sở Nội vụ tỉnh Tây Ninh") == (
        "- Như trên;", "- TT ĐU, TT HĐND phường;", "- Lưu: VT, VHXH.")
    assert recipient_lines(["UBND tỉnh"], addressee="Sở Nội vụ; UBND tỉnh") == ("- Như trên;", "- Lưu: VT.")
    # two words that only start the addressee's name are not a name of their own
    assert recipient_lines(["Sở Nội"], addressee="Sở Nội vụ") == ("- Như trên;", "- Sở Nội;", "- Lưu: VT.")
    assert recipient_lines(["Sở Tư pháp"], addressee="Sở Nội vụ") == ("- Như trên;", "- Sở Tư pháp;", "- Lưu: VT.")


def test_sections_in_the_outline_order_with_figures(document):
    headings = [section.heading for section in document.sections if section.level == 1]
    assert headings == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    parts = [section.heading for section in document.sections if section.level == 2]
    assert parts[:2] == ["1. Công tác chỉ đạo, điều hành", "2. Cải cách thể chế"]
    assert parts[6:] == ["7. Xây dựng và phát triển chính quyền điện tử, chính quyền số",
                         "8. Kết quả thực hiện các chỉ tiêu", "1. Ưu điểm", "2. Tồn tại, hạn chế", "3. Nguyên nhân"]
    results = document.section("results").paragraphs[0]
    assert "đề ra 44 nhiệm vụ" in results and "hoàn thành đúng hạn 2 nhiệm vụ (4,5%)" in results
    assert "chưa hoàn thành quá hạn 3 nhiệm vụ (6,8%)" in results
    first_area = document.sections[3]
    assert first_area.paragraphs[0].startswith("Tổng số 8 nhiệm vụ, trong đó: hoàn thành đúng hạn 2;")
    opening = document.section("opening").paragraphs[0]
    assert opening.startswith("Thực hiện Quyết định số 55/QĐ-UBND ngày 29/02/2024 của Chủ tịch Ủy ban nhân dân Phường 1")


def test_no_figure_of_zero_is_praised_or_blamed(db, demo_plan_id):
    """Nothing recorded yet (a first quý I report): no "đã hoàn thành 0/44 nhiệm vụ (0%)"
    as the period's strength; the editor shows the wording that will be printed."""
    from cchc_desktop.report.store import editable_texts

    document = build_report(db, demo_plan_id, "q1")
    strengths = document.section("strengths").paragraphs
    assert strengths == ("Công tác cải cách hành chính được quan tâm chỉ đạo thường xuyên; 44 nhiệm vụ của Kế hoạch "
                         "đã được phân công cụ thể và đang được triển khai.",)
    assert document.section("weaknesses").paragraphs[0].startswith("Còn 4 nhiệm vụ chưa hoàn thành quá hạn so với")
    editor_texts = {key: text for key, _heading, text, _own in editable_texts(db, demo_plan_id, "q1")}
    assert editor_texts["strengths"].startswith("Công tác cải cách hành chính được quan tâm chỉ đạo thường xuyên; "
                                                "{so_nhiem_vu} nhiệm vụ của Kế hoạch")


def test_figures_that_are_not_zero_keep_the_full_wording(document):
    assert document.section("strengths").paragraphs[0].endswith(
        "đã hoàn thành 3/44 nhiệm vụ (6,8%), trong đó 2 nhiệm vụ hoàn thành đúng hạn.")
    assert document.section("weaknesses").paragraphs[0] == (
        "Còn 3 nhiệm vụ chưa hoàn thành quá hạn và 1 nhiệm vụ hoàn thành chậm so với thời hạn của Kế hoạch.")


def test_narrative_overrides_the_template_per_section(db, tracked_plan_id):
    document = build_report(db, tracked_plan_id, "q1", narrative={
        "proposals": "Đề nghị hỗ trợ {so_nhiem_vu} máy quét.\n\n  Giữ {không_phải_chỗ_trống} và {la}.",
    })
    section = document.section("proposals")
    assert section.custom
    assert section.paragraphs == ("Đề nghị hỗ trợ 44 máy quét.", "Giữ {không_phải_chỗ_trống} và {la}.")
    assert not document.section("direction").custom


def test_indicators_target_against_actual(db, tracked_plan_id):
    first, second = repo.list_indicators(db, tracked_plan_id)[:2]
    apply(db, set_actual(db, first.id, "q1", 100))
    apply(db, set_actual(db, second.id, "q1", 85.5, note="Số liệu Cổng DVC"))
    apply(db, set_actual(db, second.id, "h1", 95))  # another period: not this report's
    rows = build_report(db, tracked_plan_id, "q1").indicators
    assert (rows[0].target, rows[0].actual_text, rows[0].verdict) == ("≥ 100%", "100%", "Đạt")
    assert (rows[1].target, rows[1].actual, rows[1].actual_text, rows[1].verdict, rows[1].note) == (
        "≥ 90%", 85.5, "85,5%", "Chưa đạt", "Số liệu Cổng DVC")
    assert rows[2].verdict == "Chưa có số liệu" and len(rows) == 15


@pytest.mark.parametrize("period", ["q1", "q2", "h1", "q3", "m9", "q4", "h2", "year", " Q1 "])
def test_every_report_period_builds(db, demo_plan_id, period):
    document = build_report(db, demo_plan_id, period)
    assert document.overall.total == 44


@pytest.mark.parametrize("period", ["q5", "m01", "", "quý 1"])
def test_unknown_period_is_a_vietnamese_error(db, demo_plan_id, period):
    with pytest.raises(UserInputError, match="Kỳ báo cáo .* không hợp lệ. Chọn một trong: q1, q2, h1"):
        build_report(db, demo_plan_id, period)


def test_windows_of_the_demo_schedule(db, demo_plan_id):
    windows = {p: (d := build_report(db, demo_plan_id, p)).window_start + "/" + d.window_end
               for p in ("q1", "h1", "q3", "year")}
    assert windows == {
        "q1": "2023-12-15/2024-02-29", "h1": "2023-12-15/2024-05-31",
        "q3": "2024-06-01/2024-08-30", "year": "2023-12-15/2024-11-06",  # q3: between the h1 and m9 cut-offs
    }


def test_all_text_is_nfc_and_survives_json(document):
    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from texts(item)

    assert all(unicodedata.is_normalized("NFC", text) for text in texts(asdict(document)))
    assert ReportDocument.from_json(document.to_json()) == document
    assert replace(document, year=2025) != document
