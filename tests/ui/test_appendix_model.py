from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt

from cchc_desktop import repo
from cchc_desktop.search import TaskFilter
from cchc_desktop.tracking import track
from ui.appendix_model import COLUMNS, ID_ROLE, KIND_ROLE, AppendixModel, load_plan_view
from ui.appendix_panel import AppendixFilterProxy


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


def test_a_task_done_without_a_deadline_says_so_in_its_status(db, demo_plan_id):
    from cchc_desktop.changes import apply
    from cchc_desktop.edits.progress import add_progress
    from ui.appendix_model import STATUS_COLUMN

    task = next(t for t in repo.list_tasks(db, demo_plan_id) if t.stt == 2)  # no deadline written
    model = AppendixModel()
    model.set_rows(load_plan_view(db, demo_plan_id, date(2024, 3, 20)).rows)
    assert model.index(2, STATUS_COLUMN).data() == "Chưa xác định thời hạn"
    apply(db, add_progress(db, task.id, date(2024, 3, 5), "done"))
    model.set_rows(load_plan_view(db, demo_plan_id, date(2024, 3, 20)).rows)
    assert model.index(2, STATUS_COLUMN).data() == "Chưa xác định thời hạn (đã hoàn thành)"


# Filtering in the model -------------------------------------------------------

AT = date(2024, 3, 20)


def demo_rows(db, plan_id):
    return load_plan_view(db, plan_id, AT).rows


def shown(model) -> list[tuple[str, int]]:
    return [(model.index(r, 0).data(KIND_ROLE), model.index(r, 0).data(ID_ROLE)) for r in range(model.rowCount())]


def fresh(rows, wanted: TaskFilter) -> list[tuple[str, int]]:
    model = AppendixModel()
    model.set_rows(list(rows))
    model.set_filter(wanted)
    return shown(model)


FILTER_TEXTS = ("t", "tu", "tuyen", "tuyen truyen", "tuyen", "xyz", "", "cải cách", "ke hoach", "ke hoac")


def test_filtered_proxy_passes_qtmodeltester_through_filter_changes(qtmodeltester, db, demo_plan_id):
    model = AppendixModel()
    model.set_rows(demo_rows(db, demo_plan_id))
    proxy = AppendixFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)  # and goes on checking at every change signalled
    for text in FILTER_TEXTS:
        proxy.set_filter(TaskFilter(text=text))
    model.set_rows(demo_rows(db, demo_plan_id))  # a reload keeps the filter
    assert 0 < proxy.rowCount() < 51
    assert shown(proxy) == fresh(demo_rows(db, demo_plan_id), TaskFilter(text="ke hoac"))


def test_filtered_model_passes_qtmodeltester_through_filter_changes(qtmodeltester, db, demo_plan_id):
    model = AppendixModel()
    model.set_rows(demo_rows(db, demo_plan_id))
    qtmodeltester.check(model, force_py=True)
    for text in FILTER_TEXTS:
        model.set_filter(TaskFilter(text=text))


def test_filter_keeps_tasks_and_their_areas_in_plan_order(db, demo_plan_id):
    model = AppendixModel()
    model.set_rows(demo_rows(db, demo_plan_id))
    assert model.set_filter(TaskFilter(text="tuyên truyền"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "3", "II. CẢI CÁCH THỂ CHẾ", "11",
        "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "40"]
    assert model.area_rows() == [0, 2, 4]
    assert (model.shown_task_count(), model.task_count()) == (3, 44)
    assert not model.set_filter(TaskFilter(text="tuyen truyen "))  # the same rows: nothing to tell the views
    assert model.set_filter(TaskFilter())
    assert model.rowCount() == 51 and model.shown_task_count() == 44
    assert len(model.trackings()) == 44  # of the whole plan, whatever is shown


def test_refining_or_widening_a_search_shows_what_a_fresh_search_shows(db, demo_plan_id):
    rows = demo_rows(db, demo_plan_id)
    model = AppendixModel()
    model.set_rows(list(rows))
    statuses = [""] + sorted({row.tracking.status.cls for row in rows if row.tracking is not None})
    # Letters of the plan's words, with and without their marks, so that queries find.
    letters = list("tuyên truyền cải cách kế hoạch đánh giá") + ["<", "<", "<"]

    @settings(max_examples=60)
    @given(st.lists(st.sampled_from(letters), min_size=1, max_size=20), st.sampled_from(statuses))
    def check(steps, status_class):
        box = ""
        for step in steps:
            box = box[:-1] if step == "<" else box + step
            wanted = TaskFilter(text=box, status_class=status_class)
            model.set_filter(wanted)
            assert shown(model) == fresh(rows, wanted), box

    check()


def test_selection_follows_its_task_through_filtering(qtbot, db, demo_plan_id):
    model = AppendixModel()
    model.set_rows(demo_rows(db, demo_plan_id))
    proxy = AppendixFilterProxy()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    stt_11 = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "11")
    selection.setCurrentIndex(proxy.index(stt_11, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    proxy.set_filter(TaskFilter(text="tuyen"))
    assert selection.currentIndex().row() < stt_11
    assert selection.currentIndex().siblingAtColumn(0).data() == "11"
    assert selection.currentIndex().column() == 1 and selection.isSelected(selection.currentIndex())
    proxy.set_filter(TaskFilter())
    assert selection.currentIndex().siblingAtColumn(0).data() == "11"
    proxy.set_filter(TaskFilter(text="xyz"))  # filtered out: nothing current
    assert not selection.currentIndex().isValid()


def test_an_edited_task_is_filtered_by_its_new_text(db, demo_plan_id):
    model = AppendixModel()
    model.set_rows(demo_rows(db, demo_plan_id))
    wanted = TaskFilter(text="tuyen truyen")
    model.set_filter(wanted)

    def tasks_shown():
        return [model.index(r, 0).data() for r in range(model.rowCount()) if model.index(r, 0).data(KIND_ROLE) == "task"]

    assert tasks_shown() == ["3", "11", "40"]
    third = next(row.task for row in model.rows if row.task is not None and row.task.stt == 3)
    changed = []
    model.dataChanged.connect(lambda top, bottom, roles: changed.append(top.row()))
    model.replace_tracking(track(replace(third, content="Xây dựng kế hoạch CCHC"), 2024, [], AT))
    assert changed == [1] and model.index(1, 1).data() == "Xây dựng kế hoạch CCHC"  # in place until filtered again
    assert model.set_filter(wanted)
    assert tasks_shown() == ["11", "40"] and model.task_row(third.id) is None
    model.replace_tracking(track(replace(third, content="Tuyên truyền CCHC"), 2024, [], AT))
    assert changed == [1]  # not shown: nothing to tell the views
    assert model.set_filter(wanted)
    assert tasks_shown() == ["3", "11", "40"] and model.task_row(third.id) == 1


def test_roles_a_delegate_asks_for(db, demo_plan_id):
    model = AppendixModel(edit_task=lambda *_: True, rename_area=lambda *_: True)
    model.set_rows(demo_rows(db, demo_plan_id))
    area, task = model.index(0, 0), model.index(1, 0)
    top, centre = Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignVCenter
    assert area.data(Qt.ItemDataRole.TextAlignmentRole) == int(centre | Qt.AlignmentFlag.AlignLeft)
    assert task.data(Qt.ItemDataRole.TextAlignmentRole) == int(top | Qt.AlignmentFlag.AlignHCenter)
    assert task.siblingAtColumn(1).data(Qt.ItemDataRole.TextAlignmentRole) == int(top | Qt.AlignmentFlag.AlignLeft)
    assert area.data(Qt.ItemDataRole.BackgroundRole).name() == "#e8eef6"
    assert task.data(Qt.ItemDataRole.BackgroundRole) is None
    assert task.siblingAtColumn(7).data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020"  # overdue
    assert task.data(Qt.ItemDataRole.DecorationRole) is None and task.data(Qt.ItemDataRole.EditRole) == "1"
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(area) & editable and not model.flags(area.siblingAtColumn(1)) & editable
    assert model.flags(task.siblingAtColumn(1)) & editable and not model.flags(task) & editable
    assert model.flags(model.index(99, 0)) == Qt.ItemFlag.NoItemFlags


def test_the_rows_of_a_large_plan_left_are_freed_over_several_turns(qtbot, db, demo_plan_id):
    """Freeing 10,000 rows at once froze the window for 13 ms more when another plan was shown."""
    import weakref

    from PySide6.QtCore import QCoreApplication

    model = AppendixModel()
    demo = load_plan_view(db, demo_plan_id, date(2024, 3, 20)).rows
    large = [replace(row) for _ in range(80) for row in demo]  # 4,080 rows of their own
    refs = [weakref.ref(row) for row in large]
    model.set_rows(large)
    del large
    model.set_rows(demo)
    assert model.rowCount() == len(demo)
    alive = lambda: sum(ref() is not None for ref in refs)  # noqa: E731
    assert alive() == len(refs)
    QCoreApplication.processEvents()
    assert 0 < alive() < len(refs)
    qtbot.waitUntil(lambda: alive() == 0)
