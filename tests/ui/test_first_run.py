from PySide6.QtCore import Qt

from cchc_desktop import repo
from cchc_desktop.models import UNIT_TYPES
from cchc_desktop.setup_unit import create_unit_with_plan
from tests.ui.typing_helpers import type_text
from ui.first_run import UnitDialog, WelcomeDialog
from ui.plan_list_model import PlanListModel


def test_unit_dialog_takes_vietnamese_typing_and_creates_unit_and_plan(qtbot, db):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    type_text(dialog.name, "Xã Hoằng Đông")
    type_text(dialog.province, "Thanh Hóa")
    type_text(dialog.report_recipient, "Sở Nội vụ tỉnh Thanh Hóa")
    dialog.unit_type.setCurrentText("Xã")
    dialog.year.setValue(2025)
    unit = dialog.unit()
    assert unit.name == "Xã Hoằng Đông"
    assert unit.unit_type == "xã"  # stored as before: only the choice is capitalised
    assert unit.issuing_body == "ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"
    assert unit.place_name == "Xã Hoằng Đông"
    assert unit.report_recipient == "Sở Nội vụ tỉnh Thanh Hóa"

    plan_id = create_unit_with_plan(db, unit, dialog.year.value())
    plan = repo.get_plan(db, plan_id)
    assert plan.year == 2025
    assert plan.title == "Cải cách hành chính năm 2025"  # the heading reads "Kế hoạch Cải cách …", once
    assert [a.title for a in repo.list_areas(db, plan_id)][0] == "Công tác chỉ đạo, điều hành"
    assert len(repo.list_areas(db, plan_id)) == 7


def test_a_name_typed_without_its_type_takes_the_chosen_one(qtbot, db):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.unit_type.setCurrentText("Đặc khu")
    type_text(dialog.name, "côn đảo")
    assert dialog.on_documents.text() == "Trên văn bản: ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO"
    unit = dialog.unit()
    assert (unit.name, unit.unit_type, unit.place_name) == ("Đặc khu Côn Đảo", "đặc khu", "Đặc khu Côn Đảo")
    assert unit.issuing_body == "ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO"
    create_unit_with_plan(db, unit, 2025)
    assert [u.name for u in repo.list_units(db)] == ["Đặc khu Côn Đảo"]


def test_a_name_typed_with_its_type_chooses_that_type(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    assert dialog.unit_type.currentText() == "Phường" and dialog.on_documents.text() == ""
    type_text(dialog.name, "xã hoằng đông")
    assert dialog.unit_type.currentText() == "Xã"
    assert dialog.on_documents.text() == "Trên văn bản: ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"
    assert (dialog.unit().name, dialog.unit().unit_type) == ("Xã Hoằng Đông", "xã")


def test_unit_types_read_as_in_the_plan_dialog(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    combo = dialog.unit_type
    assert [combo.itemText(i) for i in range(combo.count())] == ["Phường", "Xã", "Đặc khu"]
    assert [combo.itemData(i) for i in range(combo.count())] == list(UNIT_TYPES)
    assert dialog.unit().unit_type == "phường"


def test_unit_dialog_placeholders_fit_their_fields(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.name, dialog.parent_body, dialog.place_name, dialog.report_recipient):
        room = field.contentsRect().width() - 8  # the frame's and the text's own margins
        assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room, field.placeholderText()
    assert "ngày tháng" in dialog.place_name.toolTip()


def test_unit_dialog_refuses_an_empty_name(qtbot):
    dialog = UnitDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "   ")
    dialog._accept_if_valid()
    assert dialog.result() == 0 and dialog.isVisible()
    assert dialog.error_label.text() == "Hãy nhập tên đơn vị."


def test_welcome_dialog_reports_the_choice(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == WelcomeDialog.OPEN_DEMO
    assert dialog.result() == 1


def test_plan_list_model(qtmodeltester, db, demo_plan_id):
    model = PlanListModel()
    model.set_plans(repo.list_plans(db))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == (
        "Năm 2024 — Phường 1\nCải cách hành chính năm 2024 trên địa bàn Phường 1, thành phố Tây Ninh\n44 nhiệm vụ"
    )
    assert model.row_of(demo_plan_id) == 0
