from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from cchc_desktop import repo
from cchc_desktop.undo import UndoStack
from tests.ui.typing_helpers import type_text
from ui.operations import Operations
from ui.new_plan_dialog import NewPlanDialog
from ui.plan_dialog import PlanDialog
from ui.plan_fields import symbol_problem, tidy_recipients


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def dialog(qtbot, operations, demo_plan_id):
    opened = PlanDialog(operations, demo_plan_id)
    qtbot.addWidget(opened)
    return opened


def button_texts(box: QDialogButtonBox) -> list[str]:
    return [button.text() for button in box.buttons()]


def click_button(qtbot, dialog, text: str) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def replace_text(widget, text: str) -> None:
    """Select all and type ``text``; each line break is a press of Enter."""
    widget.selectAll()
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        type_text(widget, line)


@pytest.mark.parametrize("text", ["", "55/KH-UBND", "05/KH-UBND", "/KH-UBND", "123/KH-UBND.VP"])
def test_well_formed_plan_symbols_pass(text):
    assert symbol_problem(text, "KH") is None


@pytest.mark.parametrize(("text", "words"), [
    ("55 / KH-UBND", "không có dấu cách"),
    ("55/kh-ubnd", "chữ in hoa"),
    ("55-KH-UBND", "dạng số/ký hiệu"),
    ("55/QĐ-UBND", "phải là KH"),
    ("5/KH-UBND", "05/KH-UBND"),
])
def test_badly_formed_symbols_are_explained(text, words):
    assert words in symbol_problem(text, "KH")


def test_recipients_are_one_a_line_without_list_marks():
    text = "- UBND thành phố;\n\n  Thường trực   Đảng ủy phường\n- Lưu: VT, VP."
    assert tidy_recipients(text) == ["UBND thành phố", "Thường trực Đảng ủy phường", "Lưu: VT, VP."]


def test_dialog_shows_the_plan_and_its_unit(dialog):
    assert dialog.title.text().startswith("Cải cách hành chính năm 2024")
    assert dialog.decision_number.text() == "55/QĐ-UBND"
    assert dialog.issued_on.value() == date(2024, 2, 29)
    assert dialog.unit_name.text() == "Phường 1"
    assert dialog.unit_type.currentData() == "phường"
    assert dialog.issuing_body.text() == "ỦY BAN NHÂN DÂN PHƯỜNG 1"
    assert button_texts(dialog.findChild(QDialogButtonBox)) == ["Lưu", "Hủy"]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == \
        ["Kế hoạch", "Phê duyệt và người ký", "Nơi nhận", "Đơn vị", "Kỳ báo cáo"]


def test_dialog_fits_a_small_screen(dialog):
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 700
    assert dialog.minimumSizeHint().height() <= 700


def test_typing_vietnamese_and_saving_writes_the_plan_and_undo_restores_it(qtbot, dialog, operations, db, demo_plan_id):
    old_title = repo.get_plan(db, demo_plan_id).title
    replace_text(dialog.title, "Cải cách hành chính năm 2024 của Ủy ban nhân dân Phường 1")
    replace_text(dialog.number, "55/KH-UBND")
    replace_text(dialog.signer_name, "Nguyễn Thị Hồng Nhung")
    replace_text(dialog.recipients, "UBND thành phố Tây Ninh\nLưu: VT.")
    click_button(qtbot, dialog, "Lưu")
    assert dialog.result() == dialog.DialogCode.Accepted
    plan = repo.get_plan(db, demo_plan_id)
    assert plan.title == "Cải cách hành chính năm 2024 của Ủy ban nhân dân Phường 1"
    assert (plan.number, plan.signer_name) == ("55/KH-UBND", "Nguyễn Thị Hồng Nhung")
    assert plan.recipients == ("UBND thành phố Tây Ninh", "Lưu: VT.")
    assert plan.theme.startswith("Chủ đề cải cách hành chính năm 2024: “")  # untouched, kept as stored
    operations.undo()
    plan = repo.get_plan(db, demo_plan_id)
    assert (plan.title, plan.number, plan.signer_name, plan.recipients) == (old_title, "", "", ())


def test_unit_and_plan_are_saved_as_one_undoable_change(dialog, operations, db, demo_plan_id):
    dialog.tabs.setCurrentIndex(3)
    replace_text(dialog.unit_name, "Phường Tân Ninh")
    assert dialog.issuing_body.text() == "ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH"
    assert dialog.place_name.text() == "Phường Tân Ninh"
    replace_text(dialog.report_recipient, "Sở Nội vụ tỉnh Tây Ninh")
    replace_text(dialog.signer_name, "Trần Văn Bình")
    assert dialog.save()
    unit = repo.get_unit(db, 1)
    assert (unit.name, unit.issuing_body, unit.report_recipient) == \
        ("Phường Tân Ninh", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH", "Sở Nội vụ tỉnh Tây Ninh")
    assert dialog.saved_change.touched == {"plan", "unit"}
    shown = repo.document_unit(db, repo.get_plan(db, demo_plan_id))  # this plan takes the new names
    assert (shown.name, shown.issuing_body, shown.place_name) == (
        "Phường Tân Ninh", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN NINH", "Phường Tân Ninh")
    assert operations.undo_stack.undo_text == "Hoàn tác: Sửa thông tin kế hoạch"
    operations.undo()
    assert repo.get_unit(db, 1).name == "Phường 1"
    assert repo.get_plan(db, demo_plan_id).signer_name == ""


def test_a_draft_has_no_date(dialog, db, demo_plan_id):
    dialog.issued_on.none.setChecked(True)
    assert not dialog.issued_on.edit.isEnabled()
    assert dialog.save()
    assert repo.get_plan(db, demo_plan_id).issued_on is None


def test_saving_without_changes_writes_nothing(dialog, operations):
    assert dialog.save()
    assert not operations.undo_stack.can_undo()


def test_a_bad_symbol_stops_saving_and_points_at_the_field(qtbot, dialog, operations):
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    dialog.decision_number.setText("55/QD-UBND")
    assert "phải là QĐ" in dialog.decision_hint.text()
    click_button(qtbot, dialog, "Lưu")
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1
    assert "phải là QĐ" in dialog.error_label.text()
    assert not operations.undo_stack.can_undo()


def test_a_badly_formed_symbol_already_stored_does_not_block_other_edits(qtbot, operations, db, demo_plan_id):
    from cchc_desktop.edits.plans import edit_plan

    operations.run(lambda: edit_plan(db, demo_plan_id, number="5/KH-UBND"))
    dialog = PlanDialog(operations, demo_plan_id)
    qtbot.addWidget(dialog)
    assert "05/KH-UBND" in dialog.number_hint.text()
    replace_text(dialog.signer_name, "Lê Văn Tám")
    assert dialog.save()
    assert repo.get_plan(db, demo_plan_id).signer_name == "Lê Văn Tám"


def test_an_empty_title_is_refused(dialog):
    dialog.title.clear()
    assert not dialog.save()
    assert dialog.error_label.text() == "Trích yếu (tên kế hoạch) không được để trống."


def test_year_is_bounded_and_moves_the_year_in_the_titles(dialog):
    assert (dialog.year.minimum(), dialog.year.maximum()) == (2000, 2100)
    dialog.year.setValue(2025)
    assert dialog.period.text() == "năm 2025"
    assert dialog.appendix_title.text() == "CÁC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2025"


def test_the_plans_own_report_windows_move_with_its_year(qtbot, dialog, db, demo_plan_id):
    """The demo plan's own Quý I window, 15/12/2023–29/02/2024, moves to 2025 with the year
    (a window left in 2024 would be ignored by every report of a 2025 plan)."""
    from cchc_desktop.periods import window
    from cchc_desktop.tracking import plan_schedule

    editor = dialog.schedule_editor
    dialog.year.setValue(2025)
    own, start, end = editor.rows["q1"]
    assert own.isChecked() and editor.period_labels["q1"].text() == "Báo cáo quý I năm 2025"
    assert (start.date().toPython(), end.date().toPython()) == (date(2024, 12, 15), date(2025, 2, 28))
    assert dialog.save()
    assert repo.get_plan(db, demo_plan_id).year == 2025
    assert window("q1", 2025, plan_schedule(db, demo_plan_id)) == (date(2024, 12, 15), date(2025, 2, 28))
    reopened = PlanDialog(dialog.operations, demo_plan_id)
    qtbot.addWidget(reopened)
    assert reopened.schedule_editor.rows["q1"][0].isChecked()  # still the plan's own, not lost


def test_a_year_changed_and_changed_back_gives_the_windows_back(dialog):
    own, start, end = dialog.schedule_editor.rows["q1"]
    dialog.year.setValue(2025)
    dialog.year.setValue(2024)  # one arrow up, one down
    assert (start.date().toPython(), end.date().toPython()) == (date(2023, 12, 15), date(2024, 2, 29))


def test_signer_title_follows_the_authority(dialog):
    dialog.signer_authority.setCurrentText("KT. CHỦ TỊCH")
    assert dialog.signer_title.currentText() == "PHÓ CHỦ TỊCH"


def test_new_plan_dialog_creates_a_plan_with_standard_areas(qtbot, operations, db, demo_plan_id):
    dialog = NewPlanDialog(operations, year=2025)
    qtbot.addWidget(dialog)
    assert button_texts(dialog.findChild(QDialogButtonBox)) == ["Tạo kế hoạch", "Hủy"]
    type_text(dialog.title, "Cải cách hành chính năm 2025 trên địa bàn Phường 1")
    click_button(qtbot, dialog, "Tạo kế hoạch")
    plan = repo.get_plan(db, dialog.created_plan_id)
    assert (plan.year, plan.unit_id) == (2025, 1)
    assert plan.title == "Cải cách hành chính năm 2025 trên địa bàn Phường 1"
    assert len(repo.list_areas(db, plan.id)) == 7


def test_new_plan_dialog_says_when_the_year_has_a_plan_already(qtbot, operations, db, demo_plan_id):
    dialog = NewPlanDialog(operations, year=2025)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.year_taken.isHidden()
    dialog.year.setValue(2024)  # the demo plan's year
    assert not dialog.year_taken.isHidden()
    assert dialog.year_taken.text() == ("Phường 1 đã có kế hoạch năm 2024: tạo thêm thì năm này sẽ có hai kế hoạch. "
                                        "Để làm kế hoạch năm mới từ kế hoạch cũ, dùng Kế hoạch → Sao chép sang năm mới…")
    click_button(qtbot, dialog, "Tạo kế hoạch")  # said, not forbidden
    assert [plan.year for plan in repo.list_plans(db)] == [2024, 2024]


def test_new_plan_dialog_without_units_explains(qtbot, operations):
    dialog = NewPlanDialog(operations)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert "Chưa có đơn vị" in dialog.error_label.text()


def test_report_periods_of_the_plan_can_be_edited(qtbot, db, demo_plan_id):
    from datetime import date

    from PySide6.QtCore import QDate

    from cchc_desktop.periods import submission_due, window
    from cchc_desktop.tracking import plan_schedule
    from cchc_desktop.undo import UndoStack
    from ui.operations import Operations
    from ui.plan_dialog import PlanDialog

    operations = Operations(UndoStack(db))
    dialog = PlanDialog(operations, demo_plan_id)
    qtbot.addWidget(dialog)
    editor = dialog.schedule_editor
    own, start, end = editor.rows["q1"]
    assert own.isChecked() and (start.date().toPython(), end.date().toPython()) == (date(2023, 12, 15), date(2024, 2, 29))
    q3_own, q3_start, q3_end = editor.rows["q3"]
    # Quý III has no window of its own: it shows the one its report uses, from the plan's
    # 6- and 9-month cut-offs (31/05, 30/08), and follows them while they are edited.
    shown_q3 = (q3_start.date().toPython(), q3_end.date().toPython())
    assert not q3_own.isChecked() and shown_q3 == (date(2024, 6, 1), date(2024, 8, 30))
    assert shown_q3 == window("q3", 2024, plan_schedule(db, demo_plan_id))
    editor.rows["m9"][2].setDate(QDate(2024, 9, 13))
    assert q3_end.date().toPython() == date(2024, 9, 13)
    assert editor.due_kind.currentData() == "before" and editor.due_day.value() == 12
    q3_own.setChecked(True)
    q3_end.setDate(QDate(2024, 9, 6))
    editor.due_kind.setCurrentIndex(editor.due_kind.findData("latest"))
    editor.due_day.setValue(5)
    assert dialog.save()
    schedule = plan_schedule(db, demo_plan_id)
    assert window("q3", 2024, schedule) == (date(2024, 6, 1), date(2024, 9, 6))
    assert window("q1", 2024, schedule) == (date(2023, 12, 15), date(2024, 2, 29))
    assert submission_due("q3", 2024, schedule) == date(2024, 9, 5)  # "chậm nhất ngày 05"
    operations.undo()
    assert submission_due("q3", 2024, plan_schedule(db, demo_plan_id)) == date(2024, 9, 11)  # "trước ngày 12"


def test_the_due_rule_reads_as_one_sentence(qtbot):
    """"Gửi trước ngày [12] của tháng cuối kỳ": "ngày" once, nothing after "Không quy định hạn gửi"."""
    from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

    from cchc_desktop.periods import ReportSchedule
    from ui.schedule_editor import ScheduleEditor

    editor = ScheduleEditor(ReportSchedule(), 2024)
    qtbot.addWidget(editor)
    editor.show()
    row = editor.layout().itemAt(2).layout()

    def shown_text() -> str:
        words = []
        for n in range(row.count()):
            widget = row.itemAt(n).widget()
            if widget is None or not widget.isVisibleTo(editor):
                continue
            if isinstance(widget, QComboBox):
                words.append(widget.currentText())
            elif isinstance(widget, QSpinBox):
                words.append(str(widget.value()))
            elif isinstance(widget, QLabel):
                words.append(widget.text())
        return " ".join(words)

    readings = {}
    for key in ("before", "latest", "none"):
        editor.due_kind.setCurrentIndex(editor.due_kind.findData(key))
        readings[key] = shown_text()
    assert readings == {"before": "Gửi trước ngày 12 của tháng cuối kỳ",
                        "latest": "Gửi chậm nhất ngày 12 của tháng cuối kỳ",
                        "none": "Không quy định hạn gửi"}


def test_an_upside_down_window_is_refused(qtbot, db, demo_plan_id):
    from PySide6.QtCore import QDate

    from cchc_desktop.undo import UndoStack
    from ui.operations import Operations
    from ui.plan_dialog import PlanDialog

    dialog = PlanDialog(Operations(UndoStack(db)), demo_plan_id)
    qtbot.addWidget(dialog)
    _own, start, end = dialog.schedule_editor.rows["q1"]
    start.setDate(QDate(2024, 3, 1))
    assert not dialog.save()
    assert dialog.error_label.text().startswith("Ngày bắt đầu 01/03/2024 sau ngày kết thúc")


@pytest.mark.parametrize(("answer", "closed", "number"), [
    ("stay", False, ""),             # the default: a stray Esc loses nothing
    ("discard", True, ""),
    ("save", True, "55/KH-UBND"),
])
def test_esc_with_changes_asks_before_anything_is_lost(qtbot, dialog, db, demo_plan_id, monkeypatch, answer, closed, number):
    from ui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent: asked.append(parent) or answer)
    dialog.show()
    replace_text(dialog.number, "55/KH-UBND")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [dialog]
    assert dialog.isVisible() is not closed
    assert repo.get_plan(db, demo_plan_id).number == number
    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent: dialogs.DISCARD)  # let the test's end close it


def test_esc_without_changes_closes_without_asking(qtbot, dialog, monkeypatch):
    from ui import dialogs

    monkeypatch.setattr(dialogs, "ask_to_save", lambda parent: pytest.fail("nothing to ask about"))
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected


@pytest.mark.parametrize(("button", "answer"), [("Lưu", "save"), ("Không lưu", "discard"), ("Tiếp tục sửa", "stay")])
def test_the_question_speaks_vietnamese_and_says_what_was_chosen(qtbot, monkeypatch, button, answer):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui import dialogs

    monkeypatch.undo()  # the real question, not the suite's stand-in
    seen = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, click)
    assert dialogs.ask_to_save(None) == answer
    assert seen == [("Lưu các thay đổi vừa nhập?", ["Không lưu", "Lưu", "Tiếp tục sửa"])]
