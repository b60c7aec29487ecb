"""The import dialog: the preview model, remapping columns, choosing where, importing."""

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from cchc_desktop import repo
from cchc_desktop.importing import read_appendix
from tests.cchc_desktop.importing.builders import HEADERS, write_docx
from ui.import_dialog import (
    FLAG_ROLE, NOTE_COLUMN, PREVIEW_COLUMNS, WARNING_COLUMN, ImportDialog, ImportPreviewModel, open_import_dialog,
)

SCREENSHOT_SIZE = (1280, 700)


@pytest.fixture
def dialog(qtbot, db, demo_file):
    shown = ImportDialog(db, demo_file)
    qtbot.addWidget(shown)
    return shown


def _table(dialog) -> list[list[str]]:
    model = dialog.view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_preview_model_passes_qtmodeltester(qtmodeltester, demo_file):
    model = ImportPreviewModel(read_appendix(demo_file))
    qtmodeltester.check(model, force_py=True)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_preview_shows_areas_bold_readings_and_warnings(dialog):
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ") for c in range(model.columnCount())]
    assert headers == list(PREVIEW_COLUMNS)
    assert model.rowCount() == 44 + 7
    area = model.index(0, 2)
    assert area.data() == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    assert area.data(Qt.ItemDataRole.FontRole).bold()
    assert [model.index(1, c).data() for c in (0, 1, 6, 7)] == ["7", "1", "Tháng 02/2024", "29/02/2024"]
    row_2 = model.index(2, WARNING_COLUMN)
    assert row_2.data() == "Thiếu công chức/cơ quan chủ trì. Chưa có thời gian hoàn thành."
    assert row_2.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b35c00"
    assert dialog.view.isColumnHidden(NOTE_COLUMN)
    # 9 rows' doubts, and one about where: the demo's unit has a plan of 2024 already.
    assert dialog.summary_label.text().startswith("7 nhóm nhiệm vụ, 44 nhiệm vụ, 10 cảnh báo.")


def test_only_rows_with_warnings(dialog):
    dialog.only_warnings.setChecked(True)
    rows = _table(dialog)
    assert len(rows) == 7 + 8  # the areas, and the 8 tasks with a doubt
    assert all(dialog.view.model().index(r, 0).data(FLAG_ROLE) == "1" for r in range(len(rows)))


def test_remapping_a_column_changes_the_preview(dialog):
    lead_combo = dialog.mapping_box.field_combos[2]
    lead_combo.setCurrentIndex(lead_combo.findData("ignore"))
    assert dialog.model.index(1, 3).data() == ""
    assert "44 nhiệm vụ, 49 cảnh báo" in dialog.summary_label.text()  # 39 more leads missing
    supporting_combo = dialog.mapping_box.field_combos[3]
    supporting_combo.setCurrentIndex(supporting_combo.findData("lead"))
    assert dialog.model.index(1, 3).data() == "Các công chức chuyên môn khác"
    content_combo = dialog.mapping_box.field_combos[1]
    content_combo.setCurrentIndex(content_combo.findData("lead"))  # the lead moves away from column D
    assert dialog.mapping_box.field_combos[3].currentData() == "ignore"
    assert not dialog.import_button.isEnabled()
    assert "Chưa có cột nào là “Nhiệm vụ”" in dialog.error_label.text()


def test_import_into_a_new_plan(dialog, db):
    dialog.year_spin.setValue(2025)
    assert "Thời hạn được hiểu theo năm 2025" in dialog.summary_label.text()
    assert dialog.model.index(1, 7).data() == "29/02/2024"  # "Tháng 02/2024" names its year
    assert dialog.model.index(13, 6).data() == "Định kỳ trong năm"
    assert dialog.model.index(13, 7).data() == "31/12/2025 (cần kiểm tra)"
    dialog.import_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    plan = repo.get_plan(db, dialog.result_plan_id)
    assert plan.year == 2025
    assert len(repo.list_tasks(db, plan.id)) == 44


YEAR_TAKEN = ("Phường 1 đã có kế hoạch năm 2024: nhập vào kế hoạch mới sẽ thành hai kế hoạch của năm này "
              "(để bổ sung kế hoạch đã có, hãy nhập vào chính kế hoạch đó).")


def test_a_year_other_than_the_files_is_warned_above_the_rows(dialog, db):
    assert dialog.file_warnings_label.text() == YEAR_TAKEN  # the file's own year, 2024: only where it goes
    dialog.year_spin.setValue(2025)
    shown = dialog.file_warnings_label.text()
    assert not dialog.file_warnings_label.isHidden()
    assert shown.startswith("Tệp này là kế hoạch năm 2024 (tiêu đề phụ lục ghi năm 2024; 34/44 nhiệm vụ có thời gian "
                            "hoàn thành trong năm 2024), nhưng đang được nhập vào kế hoạch năm 2025.")
    assert "(Kế hoạch → Sao chép sang năm mới…, hoặc lệnh cchc copy-plan)" in shown
    assert YEAR_TAKEN not in shown  # no plan of 2025 yet
    assert "10 cảnh báo" in dialog.summary_label.text()


def test_where_the_tasks_go_is_warned_about_above_the_rows(dialog, db):
    """The demo's own appendix into the demo plan: all of it is there already."""
    demo_id = repo.plan_id_by_demo_key(db, "phuong1_2024")
    dialog.existing_plan.setChecked(True)
    dialog.plan_combo.setCurrentIndex(dialog.plan_combo.findData(demo_id))
    assert dialog.file_warnings_label.text() == (
        "44 trong 44 nhiệm vụ của tệp đã có trong kế hoạch này (cùng nội dung; dòng 7, 8, 9, 10, 11, …): "
        "nếu nhập, các nhiệm vụ đó sẽ có hai lần.")
    assert "10 cảnh báo" in dialog.summary_label.text()
    dialog.new_plan.setChecked(True)
    dialog.year_spin.setValue(2026)
    assert YEAR_TAKEN not in dialog.file_warnings_label.text()
    assert "đã có trong kế hoạch này" not in dialog.file_warnings_label.text()


def test_choosing_another_unit_shows_that_units_doubts(qtbot, db, demo_file):
    from cchc_desktop.models import Unit

    repo.create_unit(db, Unit(None, "Xã Hoằng Đông", "xã", issuing_body="ỦY BAN NHÂN DÂN XÃ HOẰNG ĐÔNG"))
    shown = ImportDialog(db, demo_file)
    qtbot.addWidget(shown)
    assert shown.file_warnings_label.text() == YEAR_TAKEN  # Phường 1, the first unit
    shown.unit_combo.setCurrentIndex(shown.unit_combo.findText("Xã Hoằng Đông"))
    assert shown.file_warnings_label.text() == ("Tệp ghi đơn vị “Phường 1”, khác đơn vị sẽ nhận các nhiệm vụ "
                                                "(“Xã Hoằng Đông”): nếu nhập, đây sẽ là nhiệm vụ của Xã Hoằng Đông.")


def test_import_into_an_existing_plan(dialog, db):
    demo_id = repo.plan_id_by_demo_key(db, "phuong1_2024")
    dialog.existing_plan.setChecked(True)
    dialog.plan_combo.setCurrentIndex(dialog.plan_combo.findData(demo_id))
    assert not dialog.year_spin.isEnabled()
    dialog.import_button.click()
    assert dialog.result_plan_id == demo_id
    assert len(repo.list_tasks(db, demo_id)) == 88
    assert len(repo.list_areas(db, demo_id)) == 7


def test_new_plan_for_another_unit(qtbot, db, demo_file):
    from cchc_desktop.models import Unit
    from cchc_desktop.setup_unit import create_unit_with_plan

    create_unit_with_plan(db, Unit(None, "Xã Hoằng Đông", "xã"), 2024)
    shown = ImportDialog(db, demo_file)
    qtbot.addWidget(shown)
    assert shown.unit_combo.count() == 2 and not shown.unit_combo.isHidden()
    shown.unit_combo.setCurrentIndex(1)
    shown.import_button.click()
    unit = repo.get_unit(db, repo.get_plan(db, shown.result_plan_id).unit_id)
    assert unit.name == "Xã Hoằng Đông"


def test_cancel_writes_nothing(dialog, db):
    before = db.execute("SELECT count(*) FROM task").fetchone()[0]
    dialog.buttons.rejected.emit()
    assert dialog.result() == dialog.DialogCode.Rejected and dialog.result_plan_id is None
    assert db.execute("SELECT count(*) FROM task").fetchone()[0] == before


def test_import_through_operations_can_be_undone(qtbot, db, demo_file):
    from cchc_desktop.undo import UndoStack
    from ui.operations import Operations

    operations = Operations(UndoStack(db))
    changes = []
    operations.changed.connect(changes.append)
    shown = ImportDialog(db, demo_file, operations=operations)
    qtbot.addWidget(shown)
    shown.import_button.click()
    assert len(changes) == 1 and "task" in changes[0].touched
    operations.undo()
    with pytest.raises(Exception):
        repo.get_plan(db, shown.result_plan_id)


def test_several_tables_can_be_chosen_and_notes_shown(qtbot, db, tmp_path):
    from docx import Document

    from tests.cchc_desktop.importing.builders import add_docx_table

    document = Document()
    add_docx_table(document, [HEADERS + ["Ghi chú"], ["1", "Việc", "Ai", "", "", "Năm 2024", "gấp"]])
    document.add_paragraph("Bảng khác")
    add_docx_table(document, [["Stt", "Nội dung"], ["1", "Chỉ tiêu"], ["2", "Chỉ tiêu khác"]])
    path = tmp_path / "hai_bang.docx"
    document.save(str(path))
    shown = ImportDialog(db, path)
    qtbot.addWidget(shown)
    assert shown.table_combo.count() == 2 and shown.table_combo.currentIndex() == 0
    assert not shown.view.isColumnHidden(NOTE_COLUMN)
    assert shown.model.index(0, NOTE_COLUMN).data() == "gấp"
    shown.table_combo.setCurrentIndex(1)
    assert len(shown.mapping_box.field_combos) == 2
    assert [shown.model.index(r, 2).data() for r in range(shown.model.rowCount())] == ["Chỉ tiêu", "Chỉ tiêu khác"]


def test_a_bad_file_shows_its_message_and_no_dialog(qtbot, db, tmp_path, monkeypatch):
    shown, dialogs = [], []
    monkeypatch.setattr("ui.background.show_error", lambda parent, error: shown.append(error.message))
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\x00" * 600)
    open_import_dialog(None, db, path, on_ready=dialogs.append).wait()
    assert dialogs == []
    assert shown and "Excel cũ (.xls)" in shown[0]


def test_screenshot(qtbot, db, tmp_path):
    rows = [HEADERS + ["Ghi chú"], ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"] + [None] * 6,
            ["1", "Xây dựng Kế hoạch khắc phục những tồn tại, hạn chế CCHC năm 2023", "Công chức Văn phòng – Thống kê",
             "Các công chức chuyên môn khác", "Kế hoạch", "Tháng 02/2024", ""],
            ["", "(tiếp theo trang trước)", "", "", "", "", ""],
            ["3", "Đánh giá Chỉ số CCHC", "", "CBCC liên quan", "Báo cáo", "Theo quy định của cấp trên", "gấp"]]
    path = write_docx(tmp_path / "phu_luc.docx", rows, [(1, 0, 1, 6)])
    shown = ImportDialog(db, path)
    qtbot.addWidget(shown)
    shown.resize(*SCREENSHOT_SIZE)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.grab().save(str(tmp_path / "import_dialog.png"))
    for label in shown.mapping_box.findChildren(type(shown.source_label)):
        assert label.width() >= min(label.sizeHint().width(), 150), label.text()
    for button in shown.buttons.buttons():
        assert button.width() >= button.sizeHint().width()


def test_opens_roomy_enough_to_show_every_column_and_ten_rows(qtbot, db, demo_file):
    from ui.import_dialog import ROOMY

    shown = ImportDialog(db, demo_file)
    qtbot.addWidget(shown)
    assert shown.height() > shown.minimumHeight()  # as much of ROOMY as this (800×800) screen allows
    shown.resize(ROOMY)  # what a 1366×768 office screen gives it
    shown.show()
    qtbot.waitExposed(shown)
    view, last = shown.view, shown.view.model().columnCount() - 1
    assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()  # "Cảnh báo" in sight
    assert view.rowAt(view.viewport().height() - 1) >= 9  # rows 0-9 at least, on the demo's wrapped rows
