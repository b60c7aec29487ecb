"""Writing a periodic report in the window, saving it, marking it sent."""

import subprocess
from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyleOptionViewItem

from cchc_desktop import report, repo
from cchc_desktop.edits.tasks import edit_task
from cchc_desktop.undo import UndoStack
from tests.ui.typing_helpers import type_text
from ui import dialogs
from ui.documents import DOCUMENT_KINDS
from ui.operations import Operations
from ui.report_dialog import SUBSECTION_ROLE, ReportDialog


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def dialog(qtbot, operations, demo_plan_id):
    shown = ReportDialog(operations, demo_plan_id)
    qtbot.addWidget(shown)
    return shown


def test_shows_the_plans_own_window_and_the_sections(dialog):
    assert dialog.window_label.text() == "Thời gian lấy số liệu: từ ngày 15/12/2023 đến ngày 29/02/2024"
    headings = [dialog.sections.item(i).text() for i in range(dialog.sections.count())]
    assert any("CÔNG TÁC CHỈ ĐẠO" in h.upper() for h in headings)
    assert all(h.endswith("(văn bản mẫu)") for h in headings)
    subsections = [dialog.sections.item(i) for i in range(dialog.sections.count())
                   if dialog.sections.item(i).data(SUBSECTION_ROLE)]  # "1. Công tác…" under its part
    assert subsections and all(item.text()[0].isdigit() for item in subsections)
    assert len(subsections) < len(headings)
    assert dialog.sections.item(0).foreground().color().name() == "#666666"  # still the template's text
    dialog.period.setCurrentIndex(dialog.period.findData("h1"))
    assert dialog.window_label.text().endswith("đến ngày 31/05/2024")


def test_periods_are_offered_capitalised_and_read_lower_case_in_sentences(dialog):
    combo = dialog.period
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Quý I", "6 tháng đầu năm", "Quý III", "9 tháng", "Năm"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["q1", "h1", "q3", "m9", "year"]
    assert [kind.label for kind in DOCUMENT_KINDS[1:]] == [
        "Báo cáo kết quả CCHC quý I", "Báo cáo kết quả CCHC 6 tháng đầu năm", "Báo cáo kết quả CCHC quý III",
        "Báo cáo kết quả CCHC 9 tháng", "Báo cáo kết quả CCHC năm"]


def test_a_subsection_is_indented_whole(dialog):
    """Every line of a wrapped subsection starts at the same indent: the delegate moves
    the item's whole text rectangle, not its first line."""
    model = dialog.sections.model()
    delegate = dialog.sections.itemDelegate()
    lefts = {}
    for row in range(dialog.sections.count()):
        option = QStyleOptionViewItem()
        option.initFrom(dialog.sections)
        option.rect = QRect(0, 0, 200, 40)
        delegate.initStyleOption(option, model.index(row, 0))
        lefts[bool(dialog.sections.item(row).data(SUBSECTION_ROLE))] = option.rect.left()
    assert lefts[False] == 0 and lefts[True] >= 2 * dialog.fontMetrics().horizontalAdvance("M")


def test_typed_text_is_saved_and_printed(dialog, db, demo_plan_id, tmp_path):
    dialog.sections.setCurrentRow(1)
    dialog.editor.clear()
    type_text(dialog.editor, "Ủy ban nhân dân phường đã ban hành kế hoạch đúng hạn.")
    type_text(dialog.number, "12")
    dialog.no_date.setChecked(False)
    assert dialog.save()
    stored = report.get_report(db, demo_plan_id, "q1")
    assert stored.number == "12"
    assert "Ủy ban nhân dân phường đã ban hành kế hoạch đúng hạn." in stored.narrative.values()
    dialog.load()
    own = dialog.sections.item(1)
    assert not own.text().endswith("(văn bản mẫu)") and own.foreground().color().name() != "#666666"
    written = report.export_report(db, demo_plan_id, "q1", tmp_path, ("pdf",))
    text = subprocess.run(["pdftotext", str(written[0]), "-"], capture_output=True, text=True).stdout
    assert "Ủy ban nhân dân phường đã ban hành kế hoạch đúng hạn." in " ".join(text.split())


def test_marking_sent_freezes_the_report(dialog, db, demo_plan_id, operations, monkeypatch):
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    type_text(dialog.number, "12")
    dialog.no_date.setChecked(False)
    dialog.mark_sent()
    stored = report.get_report(db, demo_plan_id, "q1")
    assert stored.is_sent and stored.sent_on == date.today()
    assert not dialog.editor.isEnabled() and dialog.reopen_button.isEnabled()
    assert dialog.status.text().startswith("Đã gửi ngày")
    before = report.load_report_document(db, demo_plan_id, "q1")
    first = next(t for t in repo.list_tasks(db, demo_plan_id) if t.stt == 1)
    operations.run(lambda: edit_task(db, first.id, content="Nội dung đã đổi sau khi gửi"))
    assert report.load_report_document(db, demo_plan_id, "q1") == before
    dialog.reopen()
    assert not report.get_report(db, demo_plan_id, "q1").is_sent
    assert dialog.editor.isEnabled()


def test_marking_sent_without_a_number_is_refused_with_a_message(dialog, db, demo_plan_id, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.operations.show_error", lambda parent, error: shown.append(error.message))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    dialog.mark_sent()
    assert shown == ["Cần nhập số và ngày ban hành của báo cáo trước khi đánh dấu đã gửi."]
    stored = report.get_report(db, demo_plan_id, "q1")
    assert stored is None or not stored.is_sent


def test_text_typed_survives_a_period_switch_and_esc(dialog, db, demo_plan_id):
    dialog.sections.setCurrentRow(1)
    dialog.editor.clear()
    type_text(dialog.editor, "Văn bản quý I chưa lưu.")
    dialog.period.setCurrentIndex(dialog.period.findData("h1"))
    assert "Văn bản quý I chưa lưu." in report.get_report(db, demo_plan_id, "q1").narrative.values()
    dialog.sections.setCurrentRow(1)
    dialog.editor.clear()
    type_text(dialog.editor, "Văn bản 6 tháng.")
    dialog.reject()  # Esc or the window's close button
    assert "Văn bản 6 tháng." in report.get_report(db, demo_plan_id, "h1").narrative.values()


def test_warnings_show_what_the_province_would_send_back(qtbot, operations, db):
    from cchc_desktop.models import Plan, Task, Unit

    unit_id = repo.create_unit(db, Unit(None, "Phường Ngô Quyền", "phường"))
    plan_id = repo.create_plan(db, Plan(None, unit_id, 2025, period_label="6 tháng cuối năm 2025",
                                        issued_on=date(2025, 8, 5)))
    area_id = repo.add_area(db, plan_id, "I", "Công tác chỉ đạo, điều hành")
    repo.add_task(db, Task(None, plan_id, area_id, 1, content="Xây dựng kế hoạch CCHC", deadline_text="Tháng 9/2025"))
    shown = ReportDialog(operations, plan_id)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(shown.warnings.isVisible)
    lines = shown.warnings.text().splitlines()
    assert lines[0].startswith("Lưu ý: Chưa có cơ quan nhận báo cáo")
    assert lines[1].startswith("Lưu ý: Báo cáo quý I năm 2025 lấy số liệu đến ngày 14/03/2025, trước ngày ban hành")
    shown.period.setCurrentIndex(shown.period.findData("year"))
    type_text(shown.recipient, "Sở Nội vụ thành phố Hải Phòng")
    assert shown.save()
    assert not shown.warnings.isVisible()


def test_the_demo_report_shows_no_warning(dialog):
    dialog.show()
    assert dialog.warnings.text() == "" and not dialog.warnings.isVisible()


def test_a_mistyped_placeholder_is_pointed_out_while_typing(dialog):
    dialog.sections.setCurrentRow(1)
    dialog.editor.clear()
    type_text(dialog.editor, "Tổng số {tong_so} nhiệm vụ.")
    assert "{tong_so} không phải tên số liệu nào" in dialog.editor_hint.text()
    dialog.editor.clear()
    type_text(dialog.editor, "Tổng số {so_nhiem_vu} nhiệm vụ.")
    assert dialog.editor_hint.text().startswith("Các chỗ {…} được thay bằng số liệu khi in.")


def test_typing_fills_the_preview_without_rebuilding_the_report(qtbot, operations, demo_plan_id, monkeypatch):
    """A 10,000-task plan takes ~0.2 s to build its report: once per period loaded, never per key."""
    from cchc_desktop.report import build as report_build

    builds = []
    real = report_build.report_with_values
    monkeypatch.setattr(report_build, "report_with_values", lambda *a, **k: builds.append(a[2]) or real(*a, **k))
    monkeypatch.setattr(report.store, "report_with_values", report_build.report_with_values)
    shown = ReportDialog(operations, demo_plan_id)
    qtbot.addWidget(shown)
    assert builds == ["q1"]
    shown.sections.setCurrentRow(1)
    shown.editor.clear()
    type_text(shown.editor, "Đã triển khai {so_nhiem_vu} nhiệm vụ.")
    assert shown.preview.text() == "Đã triển khai 44 nhiệm vụ."
    shown.editor.clear()  # an emptied section prints the template's text
    assert shown.preview.text().startswith("Ủy ban nhân dân Phường 1 đã quán triệt, triển khai")
    assert builds == ["q1"]
