from PySide6.QtCore import QSortFilterProxyModel, Qt

from cchc_desktop import repo
from ui.appendix_model import COLUMNS, KIND_ROLE, AppendixModel


def test_model_passes_qtmodeltester(qtmodeltester, db, demo_plan_id):
    model = AppendixModel()
    model.set_groups(repo.appendix(db, demo_plan_id))
    qtmodeltester.check(model, force_py=True)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_rows_are_areas_then_their_tasks(db, demo_plan_id):
    model = AppendixModel()
    model.set_groups(repo.appendix(db, demo_plan_id))
    assert model.rowCount() == 44 + 7
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [h.replace("\n", " ") for h in headers] == list(COLUMNS)
    assert headers[:6] == ["Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian\nhoàn thành"]
    first = model.index(0, 0)
    assert first.data() == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    assert first.data(KIND_ROLE) == "area"
    assert first.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data() == "1"
    assert model.index(1, 5).data() == "Tháng 02/2024"
    assert model.index(1, 0).data(KIND_ROLE) == "task"
    assert model.index(1, 1).data(Qt.ItemDataRole.FontRole) is None
    last = model.rowCount() - 1
    assert model.index(last, 1).data() == "Xử lý phản ánh, kiến nghị đúng hạn"


def test_empty_plan_gives_empty_model(qtmodeltester):
    model = AppendixModel()
    model.set_groups([])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0
