import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from cchc_desktop import repo
from cchc_desktop.edits.directory import directory_rows
from cchc_desktop.undo import UndoStack
from tests.ui.typing_helpers import type_text
from ui import directory_dialog
from ui.directory_dialog import COLUMNS, NAME, USES, DirectoryDialog, DirectoryModel, DirectoryProxy
from ui.operations import Operations
from ui.party_completer import PartyNameModel, attach_party_completer, current_part, replace_part

OLD_OFFICE = "Công chức Văn phòng-Thống kê"
NEW_OFFICE = "Văn phòng HĐND-UBND"


@pytest.fixture
def operations(db):
    return Operations(UndoStack(db))


@pytest.fixture
def dialog(qtbot, operations, demo_plan_id):
    opened = DirectoryDialog(operations)
    qtbot.addWidget(opened)
    return opened


def shown_names(dialog) -> list[str]:
    return [dialog.proxy.index(row, NAME).data() for row in range(dialog.proxy.rowCount())]


def select(dialog, name: str) -> None:
    assert dialog.select_where(lambda entry: entry.name == name)


def id_of(db, name: str) -> int:
    return next(row["id"] for row in directory_rows(db) if row["name"] == name)


def completions(completer) -> list[str]:
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


# Models -----------------------------------------------------------------------

def test_models_pass_qtmodeltester(qtmodeltester, db, demo_plan_id):
    model = DirectoryModel()
    model.set_rows(directory_rows(db))
    qtmodeltester.check(model, force_py=True)
    proxy = DirectoryProxy()
    proxy.setSourceModel(model)
    proxy.sort(NAME)
    qtmodeltester.check(proxy, force_py=True)
    names = PartyNameModel()
    names.set_names([row["name"] for row in directory_rows(db)])
    qtmodeltester.check(names, force_py=True)


def test_empty_models_pass_qtmodeltester(qtmodeltester):
    model = DirectoryModel()
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)
    names = PartyNameModel()
    names.set_names([])
    qtmodeltester.check(names, force_py=True)


def test_proxy_sorts_in_vietnamese_alphabetical_order():
    model = DirectoryModel()
    names = ["Ủy ban", "Đoàn thanh niên", "Dân quân", "Ban chỉ huy", "Ấp 2", "Ấp 10", "Ăn uống", "An ninh",
             "Công an", "Cơ quan", "Công chức", "Tổ kiểm tra", "Tư pháp", "Thống kê"]
    model.set_rows([{"id": i, "name": name, "kind": "room", "uses": 0} for i, name in enumerate(names)])
    proxy = DirectoryProxy()
    proxy.setSourceModel(model)
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    ordered = [proxy.index(row, NAME).data() for row in range(proxy.rowCount())]
    assert ordered == ["An ninh", "Ăn uống", "Ấp 2", "Ấp 10", "Ban chỉ huy", "Công an", "Công chức", "Cơ quan",
                       "Dân quân", "Đoàn thanh niên", "Thống kê", "Tổ kiểm tra", "Tư pháp", "Ủy ban"]


def test_dialog_lists_the_directory_with_use_counts(dialog):
    assert dialog.windowTitle() == "Danh mục phòng, bộ phận và chức danh"
    assert [dialog.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == list(COLUMNS)
    names = shown_names(dialog)
    assert names.index("Bộ phận Một cửa") < names.index("Các cơ quan, đơn vị liên quan") \
        < names.index("Công chức Văn phòng-Thống kê") < names.index("Cơ quan, đơn vị liên quan")
    select(dialog, OLD_OFFICE)
    row = dialog.view.selectionModel().selectedRows()[0].row()
    assert dialog.proxy.index(row, 1).data() == "Chức danh"
    assert dialog.proxy.index(row, USES).data() == "17"
    assert [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()] == ["Đóng"]


def test_search_ignores_case_and_diacritics(dialog):
    type_text(dialog.search, "van phong")
    assert shown_names(dialog) == ["Công chức Văn phòng – Thống kê", OLD_OFFICE]
    dialog.search.clear()
    type_text(dialog.search, "TƯ PHÁP")
    assert shown_names(dialog) == ["Công chức Tư pháp – Hộ tịch", "Công chức Tư pháp- Hộ tịch"]


# Editing ----------------------------------------------------------------------

def test_rename_updates_every_task_and_undo_restores(dialog, operations, db):
    assert repo.get_task(db, 44).lead == OLD_OFFICE
    select(dialog, OLD_OFFICE)
    dialog.rename_selected(NEW_OFFICE)
    assert repo.get_task(db, 44).lead == NEW_OFFICE
    assert NEW_OFFICE in shown_names(dialog) and OLD_OFFICE not in shown_names(dialog)
    assert dialog.selected_entry().name == NEW_OFFICE
    operations.undo()
    assert repo.get_task(db, 44).lead == OLD_OFFICE
    assert OLD_OFFICE in shown_names(dialog)


def test_merge_moves_the_tasks_to_the_target(dialog, db):
    other = "Công chức Văn phòng – Thống kê"
    tasks_naming_other = [t.id for t in repo.list_tasks(db, 1) if other in t.lead]
    assert tasks_naming_other
    select(dialog, other)
    dialog.merge_selected(id_of(db, OLD_OFFICE))
    assert other not in shown_names(dialog)
    assert all(repo.get_task(db, task_id).lead == OLD_OFFICE for task_id in tasks_naming_other)
    assert dialog.selected_entry().name == OLD_OFFICE
    naming = {t.id for t in repo.list_tasks(db, 1) if OLD_OFFICE in t.lead or OLD_OFFICE in t.supporting}
    assert dialog.selected_entry().uses == len(naming) > 17


def test_rename_to_an_existing_name_merges(dialog, db):
    select(dialog, "Công chức Tư pháp- Hộ tịch")
    dialog.rename_selected("Công chức Tư pháp – Hộ tịch")
    assert "Công chức Tư pháp- Hộ tịch" not in shown_names(dialog)
    assert dialog.selected_entry().uses == 4


def test_a_name_with_a_semicolon_is_refused_and_nothing_changes(dialog, db, monkeypatch):
    """";" separates the parties of a task's text: such a name would split into two entries."""
    from ui import operations as operations_module

    shown = []
    monkeypatch.setattr(operations_module, "show_error", lambda parent, error: shown.append(error.message))
    before = shown_names(dialog)
    select(dialog, "Tổ CNSCĐ phường, khu phố")
    dialog.rename_selected("Tổ CNSCĐ phường; khu phố")
    dialog.add_entry("Văn phòng; Tư pháp")
    assert shown_names(dialog) == before and dialog.selected_entry().uses == 2
    assert shown[0] == ("Tên “Tổ CNSCĐ phường; khu phố” có dấu “;”, là dấu ngăn cách các đơn vị trong cột Chủ trì, "
                        "Phối hợp: một mục trong danh mục không được chứa dấu này.")
    assert len(shown) == 2


def test_names_differing_only_in_capitals_are_one_entry(dialog, db, monkeypatch):
    from ui import operations as operations_module

    shown = []
    monkeypatch.setattr(operations_module, "show_error", lambda parent, error: shown.append(error.message))
    dialog.add_entry("công chức văn phòng – thống kê")
    assert shown == ["Danh mục đã có “Công chức Văn phòng – Thống kê”."]
    select(dialog, "Công chức Bộ phận một cửa")
    uses = dialog.selected_entry().uses
    dialog.rename_selected("Công chức bộ phận Một cửa")  # as another entry is called, capitals aside: merged
    assert "Công chức Bộ phận một cửa" not in shown_names(dialog)
    assert dialog.selected_entry().name == "Công chức Bộ phận Một cửa" and dialog.selected_entry().uses > uses


def test_change_kind_and_add(dialog, db):
    assert dialog.count_label.text() == "21 mục"
    select(dialog, "Tổ kiểm tra công vụ")
    dialog.toggle_kind()
    assert dialog.selected_entry().kind == "title"
    dialog.add_entry("Văn phòng HĐND-UBND")
    assert dialog.selected_entry().name == "Văn phòng HĐND-UBND"
    assert dialog.selected_entry().uses == 0
    assert dialog.count_label.text() == "22 mục"


def test_buttons_ask_then_edit(dialog, db, monkeypatch):
    asked = []
    monkeypatch.setattr(directory_dialog, "ask_text", lambda _p, title, label, text="": asked.append(text) or NEW_OFFICE)
    select(dialog, OLD_OFFICE)
    dialog.rename_button.click()
    assert asked == [OLD_OFFICE]
    assert repo.get_task(db, 44).lead == NEW_OFFICE
    choices = []
    monkeypatch.setattr(directory_dialog, "ask_choice",
                        lambda _p, title, label, items: choices.append(items) or "Công chức chuyên môn")
    dialog.merge_button.click()
    assert NEW_OFFICE not in choices[0] and choices[0][0] == "Bộ phận Một cửa"
    assert repo.get_task(db, 44).lead == "Công chức chuyên môn"
    monkeypatch.setattr(directory_dialog, "ask_text", lambda *_args, **_kw: None)
    dialog.add_button.click()
    assert dialog.count_label.text() == "20 mục"


def test_buttons_need_a_selection(dialog):
    assert not dialog.rename_button.isEnabled()
    select(dialog, OLD_OFFICE)
    assert dialog.rename_button.isEnabled() and dialog.merge_button.isEnabled()


# Completer --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cursor", "part"), [
    ("van phong", 9, "van phong"),
    ("Công chức Tư pháp – Hộ tịch; bo phan", 36, "bo phan"),
    ("A; B; C", 1, "A"),
    ("A; B; C", 4, "B"),
    ("A;", 2, ""),
])
def test_current_part_is_the_one_under_the_cursor(text, cursor, part):
    start, end = current_part(text, cursor)
    assert text[start:end] == part


def test_replace_part_keeps_the_other_parties():
    assert replace_part("Công chức Tư pháp – Hộ tịch; bo phan", 36, "Bộ phận Một cửa") == \
        "Công chức Tư pháp – Hộ tịch; Bộ phận Một cửa"
    assert replace_part("A;b; C", 3, "Bộ phận Một cửa") == "A; Bộ phận Một cửa; C"


@pytest.fixture
def lead_edit(qtbot, db, demo_plan_id):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitActive(edit)
    return edit


def test_completer_offers_names_without_diacritics(lead_edit, db):
    completer = attach_party_completer(lead_edit, db)
    type_text(lead_edit, "van phong")
    assert OLD_OFFICE in completions(completer)
    assert completer.popup().isVisible()


def test_completer_completes_the_second_part(qtbot, lead_edit, db):
    completer = attach_party_completer(lead_edit, db)
    type_text(lead_edit, "Công chức Tư pháp – Hộ tịch; bo phan")
    assert completions(completer)[0] == "Bộ phận Một cửa"
    completer.popup().setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert lead_edit.text() == "Công chức Tư pháp – Hộ tịch; Bộ phận Một cửa"


def test_completer_sees_directory_changes_after_refresh(lead_edit, db, operations):
    from cchc_desktop.edits.directory import add_party

    completer = attach_party_completer(lead_edit, db)
    operations.run(lambda: add_party(db, NEW_OFFICE))
    completer.refresh()
    type_text(lead_edit, "hdnd")
    assert completions(completer) == [NEW_OFFICE]
