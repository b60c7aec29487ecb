"""The appendix as plain data: heading lines, attachment line, rows as stored."""

from datetime import date

from cchc_desktop.export.appendix_data import COLUMN_HEADERS, AreaRow, TaskRow, build_appendix, document_number
from cchc_desktop.models import Unit
from cchc_desktop.unit_names import issuing_body_in_text

from .conftest import ISSUED, make_plan


def test_demo_heading_and_decision_attachment(demo_workspace):
    workspace, plan_id = demo_workspace
    document = build_appendix(workspace.db, plan_id)
    assert document.heading == "Phụ lục"
    assert document.title == "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024"
    assert document.attachment == (
        "(Kèm theo Quyết định số 55/QĐ-UBND ngày 29 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1)"
    )
    assert document.headers == ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành")
    assert not document.is_draft


def test_demo_rows_are_areas_then_their_tasks_as_stored(demo_workspace, demo_tasks):
    workspace, plan_id = demo_workspace
    expected = []
    for group in demo_tasks:
        expected.append(AreaRow(f"{group.area.numeral}. {group.area.title}"))
        expected += [
            TaskRow(t.stt, t.content, t.lead, t.supporting, t.output, t.deadline_text) for t in group.tasks
        ]
    rows = build_appendix(workspace.db, plan_id).rows
    assert list(rows) == expected
    assert rows[0] == AreaRow("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    assert [row.stt for row in rows if isinstance(row, TaskRow)] == list(range(1, 45))


def test_demo_draft_leaves_number_and_day_blank(demo_workspace):
    workspace, plan_id = demo_workspace
    document = build_appendix(workspace.db, plan_id, draft=True)
    assert document.is_draft
    assert document.attachment == (
        "(Kèm theo Quyết định số      /QĐ-UBND ngày    tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân Phường 1)"
    )


def test_plan_without_decision_is_attached_to_the_plan(db):
    plan_id = make_plan(db, [{"content": "Nhiệm vụ"}], **ISSUED)
    document = build_appendix(db, plan_id)
    assert document.attachment == "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân xã Hoằng Đông)"
    assert document.title == "CÁC NHIỆM VỤ CCHC NĂM 2024"


def test_a_plan_numbered_itself_is_attached_to_itself_though_an_approver_is_named(db):
    """A copy for a new year keeps last year's approver: once the plan has its own number
    and no decision's, the appendix goes with the plan."""
    named = build_appendix(db, make_plan(db, [], decision_issuer="Chủ tịch Ủy ban nhân dân xã Hoằng Đông"))
    assert named.attachment == ("(Kèm theo Quyết định số      /QĐ-UBND ngày    tháng    năm 2024 "
                                "của Chủ tịch Ủy ban nhân dân xã Hoằng Đông)")
    numbered = build_appendix(db, make_plan(db, [], decision_issuer="Chủ tịch Ủy ban nhân dân xã Hoằng Đông", **ISSUED))
    assert numbered.attachment == "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân xã Hoằng Đông)"


def test_unnumbered_plan_is_a_draft(db):
    undated = build_appendix(db, make_plan(db, []))
    assert undated.is_draft
    assert undated.attachment == "(Kèm theo Kế hoạch số      /KH-UBND ngày    tháng    năm 2024 của Ủy ban nhân dân xã Hoằng Đông)"
    dated = build_appendix(db, make_plan(db, [], issued_on=date(2024, 1, 20)))
    assert dated.attachment == "(Kèm theo Kế hoạch số      /KH-UBND ngày    tháng 01 năm 2024 của Ủy ban nhân dân xã Hoằng Đông)"


def test_text_is_nfc_without_control_characters_and_otherwise_unchanged(db):
    decomposed = "Kie\u0302\u0309m tra\u000bto\u0302\u0301ng he\u0302\u0323  tho\u0302\u0301ng\r\n- ý 2"
    plan_id = make_plan(db, [{"content": decomposed, "lead": "=SUM(A1)"}])
    task = build_appendix(db, plan_id).tasks[0]
    assert task.content == "Kiểm tra tống hệ  thống\n- ý 2"
    assert task.lead == "=SUM(A1)"


def test_document_numbers_follow_the_decree():
    assert document_number("5 / KH - UBND", "KH-UBND") == "05/KH-UBND"
    assert document_number("123/KH-UBND", "KH-UBND") == "123/KH-UBND"
    assert document_number("", "KH-UBND") == "     /KH-UBND"
    assert document_number("55/QĐ-UBND", "QĐ-UBND", blank=True) == "     /QĐ-UBND"


def test_issuing_body_in_running_text():
    assert issuing_body_in_text(Unit(None, "Phường 1", issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG 1")) == "Ủy ban nhân dân Phường 1"
    assert issuing_body_in_text(Unit(None, "Phường Quang Trung")) == "Ủy ban nhân dân phường Quang Trung"
    assert issuing_body_in_text(Unit(None, "Đặc khu Phú Quốc", issuing_body="ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC")) == (
        "Ủy ban nhân dân đặc khu Phú Quốc"
    )


def test_headers_constant_matches_the_domain():
    assert COLUMN_HEADERS[-1] == "Thời gian hoàn thành"
