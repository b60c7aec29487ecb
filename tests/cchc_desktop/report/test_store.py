"""Saving reports through Change objects (undo works), and sent reports that stay as sent."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from cchc_desktop.changes import apply
from cchc_desktop.edits.tasks import edit_task
from cchc_desktop.errors import UserInputError
from cchc_desktop.report import (
    build_report, editable_texts, export_report, get_report, load_report_document, mark_sent, reopen,
    save_narrative, set_report_fields,
)

from tests.pdf_reading import pdftotext
from .conftest import record_progress, task_id_by_stt


def undo(db, change) -> None:
    apply(db, change.inverse(), action="hoàn tác")


def sent_report(db, plan_id: int) -> int:
    apply(db, set_report_fields(db, plan_id, "q1", number="07", issued_on=date(2024, 3, 8)))
    report_id = get_report(db, plan_id, "q1").id
    apply(db, mark_sent(db, report_id, date(2024, 3, 9)))
    return report_id


def test_first_save_inserts_the_row_and_undo_removes_it(db, demo_plan_id):
    change = save_narrative(db, demo_plan_id, "q1", {"proposals": "  Đề nghị   tập huấn.\n\n"})
    apply(db, change)
    stored = get_report(db, demo_plan_id, "q1")
    assert stored.narrative == {"proposals": "Đề nghị tập huấn."} and stored.status == "draft"
    assert build_report(db, demo_plan_id, "q1").section("proposals").paragraphs == ("Đề nghị tập huấn.",)
    undo(db, change)
    assert get_report(db, demo_plan_id, "q1") is None
    apply(db, change)  # redo replays the same row
    assert get_report(db, demo_plan_id, "q1").id == stored.id


def test_saving_merges_sections_and_empty_text_returns_to_the_template(db, demo_plan_id):
    apply(db, save_narrative(db, demo_plan_id, "q1", {"proposals": "A", "causes": "B"}))
    apply(db, save_narrative(db, demo_plan_id, "q1", {"causes": "", "strengths": "C"}))
    assert get_report(db, demo_plan_id, "q1").narrative == {"proposals": "A", "strengths": "C"}
    assert save_narrative(db, demo_plan_id, "q1", {"proposals": "A"}).is_empty()


def test_area_sections_are_keyed_by_area_and_unknown_keys_refused(db, demo_plan_id):
    keys = [key for key, *_ in editable_texts(db, demo_plan_id, "q1")]
    area_keys = [key for key in keys if key.startswith("area:")]
    assert len(area_keys) == 7
    apply(db, save_narrative(db, demo_plan_id, "q1", {area_keys[1]: "Đã rà soát {so_nhiem_vu} văn bản."}))
    document = build_report(db, demo_plan_id, "q1")
    assert document.section(area_keys[1]).paragraphs == ("Đã rà soát 4 văn bản.",)
    with pytest.raises(UserInputError, match="Báo cáo không có mục 'nonsense'"):
        save_narrative(db, demo_plan_id, "q1", {"nonsense": "x"})


def test_editable_texts_keep_placeholders_and_mark_the_users_own(db, demo_plan_id):
    apply(db, save_narrative(db, demo_plan_id, "q1", {"proposals": "Đề nghị {so_nhiem_vu}."}))
    texts = {key: (heading, text, own) for key, heading, text, own in editable_texts(db, demo_plan_id, "q1")}
    assert texts["proposals"] == ("V. ĐỀ XUẤT, KIẾN NGHỊ", "Đề nghị {so_nhiem_vu}.", True)
    heading, text, own = texts["results"]
    assert heading.startswith("II. ") and "{so_nhiem_vu}" in text and not own


def test_fields_set_and_undone(db, demo_plan_id):
    change = set_report_fields(db, demo_plan_id, "q1", number="7 / BC-UBND", issued_on=date(2024, 3, 8),
                               recipient="Sở Nội vụ tỉnh Tây Ninh")
    apply(db, change)
    document = build_report(db, demo_plan_id, "q1")
    assert document.header.number == "Số: 07/BC-UBND"
    assert document.recipient_line == "Kính gửi: Sở Nội vụ tỉnh Tây Ninh"
    undo(db, change)
    assert build_report(db, demo_plan_id, "q1").header.number == "Số:      /BC-UBND"


def test_mark_sent_needs_number_and_date(db, demo_plan_id):
    apply(db, save_narrative(db, demo_plan_id, "q1", {"proposals": "A"}))
    with pytest.raises(UserInputError, match="Cần nhập số và ngày"):
        mark_sent(db, get_report(db, demo_plan_id, "q1").id, date(2024, 3, 9))


def test_a_sent_report_refuses_edits_until_reopened_and_undo_unfreezes(db, tracked_plan_id):
    report_id = sent_report(db, tracked_plan_id)
    stored = get_report(db, tracked_plan_id, "q1")
    assert (stored.status, stored.sent_on) == ("sent", date(2024, 3, 9))
    assert json.loads(stored.frozen)["document"]["header"]["number"] == "Số: 07/BC-UBND"
    with pytest.raises(UserInputError, match="Báo cáo đã gửi"):
        save_narrative(db, tracked_plan_id, "q1", {"proposals": "B"})
    with pytest.raises(UserInputError, match="Báo cáo đã gửi"):
        set_report_fields(db, tracked_plan_id, "q1", number="8")
    with pytest.raises(UserInputError, match="đã được đánh dấu đã gửi"):
        mark_sent(db, report_id, date(2024, 3, 10))
    change = reopen(db, report_id)
    apply(db, change)
    assert get_report(db, tracked_plan_id, "q1").frozen is None
    undo(db, change)
    assert get_report(db, tracked_plan_id, "q1").is_sent


def test_a_sent_report_stays_as_sent_when_tasks_change(db, tracked_plan_id, tmp_path):
    sent_report(db, tracked_plan_id)
    before = load_report_document(db, tracked_plan_id, "q1")
    first = export_report(db, tracked_plan_id, "q1", tmp_path / "first")

    task_2 = task_id_by_stt(db, tracked_plan_id, 2)
    apply(db, edit_task(db, task_2, content="Nội dung đã sửa sau khi gửi báo cáo"))
    record_progress(db, tracked_plan_id, [(34, date(2024, 2, 15), "done", "Xong")])

    fresh = build_report(db, tracked_plan_id, "q1")
    assert fresh.overall != before.overall  # the change is real...
    assert load_report_document(db, tracked_plan_id, "q1") == before  # ...and the sent report ignores it
    second = export_report(db, tracked_plan_id, "q1", tmp_path / "second")
    assert [path.name for path in first] == [path.name for path in second] == [
        "BC_CCHC_Quy_I_2024_Phuong_1.pdf", "BC_CCHC_Quy_I_2024_Phuong_1.xlsx"]
    assert pdftotext(first[0]) == pdftotext(second[0])
    assert "Nội dung đã sửa" not in pdftotext(second[0])
    assert cell_values(first[1]) == cell_values(second[1])


def test_reopened_report_is_recomputed(db, tracked_plan_id):
    report_id = sent_report(db, tracked_plan_id)
    record_progress(db, tracked_plan_id, [(34, date(2024, 2, 15), "done", "Xong")])
    apply(db, reopen(db, report_id))
    assert load_report_document(db, tracked_plan_id, "q1").overall.count("done_late") == 2


def cell_values(path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}
    finally:
        workbook.close()


def test_a_section_filled_as_typed_is_the_section_the_report_prints(db, tracked_plan_id):
    from cchc_desktop.report import build_report, editable_report

    editing = editable_report(db, tracked_plan_id, "q1")
    area_key = editing.texts[3][0]
    typed = {"strengths": "Đạt {ty_le_hoan_thanh}, đúng hạn {hoan_thanh_dung_han}.",
             area_key: "Lĩnh vực có {so_nhiem_vu} nhiệm vụ, {chua_hoan_thanh_qua_han} quá hạn.", "causes": "  "}
    printed = build_report(db, tracked_plan_id, "q1", narrative=typed)
    for key, text in typed.items():
        assert editing.filled(key, text) == printed.section(key).paragraphs, key
    assert editing.filled("strengths", typed["strengths"]) == ("Đạt 6,8%, đúng hạn 2.",)


def test_a_reports_file_name_is_worked_out_without_building_it(db, tracked_plan_id, monkeypatch):
    """The export dialog names the file at every choice: the name must agree with the
    document exported in every state, yet never cost a build of the whole report."""
    from cchc_desktop.edits.plans import edit_unit
    from cchc_desktop.report import build as report_build
    from cchc_desktop.report import report_file_name, report_target_name
    from cchc_desktop.repo import get_plan

    def exported_name(draft: bool = False) -> str:
        return report_file_name(load_report_document(db, tracked_plan_id, "q1", draft=draft), "pdf")

    def announced_name(draft: bool = False) -> str:
        with monkeypatch.context() as no_build:
            no_build.setattr(report_build, "track_period", lambda *_args: pytest.fail("the report was built"))
            return report_target_name(db, tracked_plan_id, "q1", "pdf", draft)

    seen = []
    for step in ("new", "numbered", "sent", "unit renamed after sending"):
        if step == "numbered":
            apply(db, set_report_fields(db, tracked_plan_id, "q1", number="07", issued_on=date(2024, 3, 8)))
        elif step == "sent":
            apply(db, mark_sent(db, get_report(db, tracked_plan_id, "q1").id, date(2024, 3, 9)))
        elif step == "unit renamed after sending":
            apply(db, edit_unit(db, get_plan(db, tracked_plan_id).unit_id, name="Phường Bến Thành"))
        for draft in (False, True):
            assert announced_name(draft) == exported_name(draft), (step, draft)
            seen.append(announced_name(draft))
    draft_name, final_name = "BC_CCHC_Quy_I_2024_Phuong_1_du_thao.pdf", "BC_CCHC_Quy_I_2024_Phuong_1.pdf"
    assert seen == [draft_name, draft_name,  # new: no number, no day
                    final_name, draft_name,  # numbered and dated; a draft when asked for one
                    final_name, final_name,  # sent: as it was sent, whatever is asked
                    final_name, final_name]  # the unit's new name does not reach a sent report
