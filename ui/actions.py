"""Menus, shortcuts and what they do, for the main window.

Every action that changes data builds a change in the core and runs it through the
window's :class:`ui.operations.Operations`, so it is one transaction and can be undone.
A large one (copying a plan of thousands of tasks, importing a large appendix, any edit
that renumbers a large plan) is built and written in a worker thread, with a progress
bar and "Hủy".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyledItemDelegate

from cchc_desktop import repo
from cchc_desktop.edits import areas, plans, tasks
from ui.background import is_large_plan
from ui.dialogs import ask_int, ask_item, ask_text, confirm, inform

# A plan with more tasks than this is copied in a worker thread (about 30 ms per 200
# tasks on the development machine, several times that on an old office PC).
COPY_IN_BACKGROUND_ABOVE = 200


def run_dialog(dialog) -> int:
    """Show a modal dialog, then free it: a dialog left alive keeps listening to every edit."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def _action(window, menu: QMenu, text: str, slot: Callable, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    window.addAction(action)
    return action


def install(window) -> None:
    bar = window.menuBar()
    window.file_menu = bar.addMenu("&Tệp")
    window.edit_menu = bar.addMenu("&Sửa")
    window.plan_menu = bar.addMenu("&Kế hoạch")
    window.task_menu = bar.addMenu("&Nhiệm vụ")
    window.area_menu = bar.addMenu("Nhó&m")
    _file_actions(window)
    _edit_actions(window)
    _plan_actions(window)
    _task_actions(window)
    _area_actions(window)
    _toolbar(window)


def update_states(window) -> None:
    """Enable what makes sense now: nothing about a plan while there is none, and the
    actions on the appendix's current row (and its shortcuts: Delete, Alt+Up…) only while
    the appendix is in sight, so a key pressed on another tab never acts on a row the
    user cannot see. On the "Chỉ tiêu" tab, Ctrl+N, Ctrl+E and Delete are the indicators'."""
    has_plan = window.current_plan_id is not None
    tab = window.tabs.currentWidget()
    on_appendix = tab is window.appendix
    for action in (window.export_action, window.print_action, window.report_action, window.plan_info_action,
                   window.copy_plan_action, window.delete_plan_action, window.add_area_action):
        action.setEnabled(has_plan)
    window.new_task_action.setEnabled(has_plan and tab is not window.indicators_tab)
    for action in (window.open_task_action, window.delete_task_action, window.task_up_action,
                   window.task_down_action, window.task_area_action, window.rename_area_action,
                   window.area_up_action, window.area_down_action, window.delete_area_action):
        action.setEnabled(has_plan and on_appendix)


def _toolbar(window) -> None:
    """The everyday actions, visible: not every user looks in menus or knows shortcuts."""
    toolbar = window.addToolBar("Thao tác")
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (window.new_task_action, window.open_task_action, window.delete_task_action,
                   window.task_up_action, window.task_down_action, None,
                   window.undo_action, window.redo_action):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
    for action, tip, *other_keys in ((window.new_task_action, "Thêm nhiệm vụ"),
                                     (window.open_task_action, "Mở nhiệm vụ đầy đủ: tiến độ, lịch sử", "Enter"),
                                     (window.delete_task_action, "Xóa nhiệm vụ"),
                                     (window.task_up_action, "Chuyển lên"),
                                     (window.task_down_action, "Chuyển xuống")):
        keys = " hoặc ".join([*(shortcut_text(k) for k in action.shortcuts()), *other_keys])
        action.setToolTip(f"{tip} ({keys})")


def shortcut_text(keys: QKeySequence) -> str:
    """The keys as the menus show them ("Alt+Up", "Del"), so a tooltip names them the same way."""
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def _file_actions(window) -> None:
    menu = window.file_menu
    window.export_action = _action(window, menu, "&Xuất tài liệu (PDF, Excel)…", lambda: export_documents(window), "Ctrl+Shift+E")
    window.print_action = _action(window, menu, "&In phụ lục…", lambda: print_appendix(window), QKeySequence.StandardKey.Print)
    window.report_action = _action(window, menu, "&Báo cáo định kỳ…", lambda: open_report(window), "Ctrl+R")
    menu.addSeparator()
    window.import_action = _action(window, menu, "&Nhập phụ lục từ Excel, Word…", lambda: import_appendix(window), "Ctrl+I")
    menu.addSeparator()
    window.quit_action = _action(window, window.file_menu, "&Thoát", window.close, QKeySequence.StandardKey.Quit)


def _edit_actions(window) -> None:
    ops = window.operations
    window.undo_action = _action(window, window.edit_menu, "Hoàn tác", ops.undo, "Ctrl+Z")
    window.redo_action = _action(window, window.edit_menu, "Làm lại", ops.redo, ["Ctrl+Y", "Ctrl+Shift+Z"])
    window.edit_menu.addSeparator()
    window.find_action = _action(window, window.edit_menu, "&Tìm nhiệm vụ", lambda: _focus_search(window), "Ctrl+F")

    def refresh_undo_texts() -> None:
        stack = ops.undo_stack
        window.undo_action.setText(stack.undo_text)
        window.undo_action.setEnabled(stack.can_undo())
        window.redo_action.setText(stack.redo_text)
        window.redo_action.setEnabled(stack.can_redo())

    ops.undo_state_changed.connect(refresh_undo_texts)
    refresh_undo_texts()


def _focus_search(window) -> None:
    window.tabs.setCurrentWidget(window.appendix)
    window.appendix.filter_bar.search.setFocus()
    window.appendix.filter_bar.search.selectAll()


def _plan_actions(window) -> None:
    menu = window.plan_menu
    window.new_plan_action = _action(window, menu, "Kế hoạch &mới…", lambda: new_plan(window))
    window.plan_info_action = _action(window, menu, "&Thông tin kế hoạch và đơn vị…", lambda: edit_plan_info(window))
    menu.addSeparator()
    window.copy_plan_action = _action(window, menu, "&Sao chép sang năm mới…", lambda: copy_plan(window))
    window.delete_plan_action = _action(window, menu, "&Xóa kế hoạch…", lambda: delete_plan(window))
    window.deleted_plans_action = _action(window, menu, "&Kế hoạch đã xóa…", lambda: restore_deleted_plan(window))
    menu.addSeparator()
    window.directory_action = _action(window, menu, "&Danh mục phòng, bộ phận, chức danh…", lambda: open_directory(window))


def _task_actions(window) -> None:
    menu = window.task_menu
    window.new_task_action = _action(window, menu, "&Thêm nhiệm vụ", lambda: add_task(window), "Ctrl+N")
    window.open_task_action = _action(window, menu, "&Mở nhiệm vụ…", lambda: open_current_task(window), "Ctrl+E")
    window.delete_task_action = _action(window, menu, "&Xóa nhiệm vụ…", lambda: delete_task(window), "Delete")
    menu.addSeparator()
    window.task_up_action = _action(window, menu, "Chuyển &lên", lambda: move_task(window, -1), "Alt+Up")
    window.task_down_action = _action(window, menu, "Chuyển xuốn&g", lambda: move_task(window, +1), "Alt+Down")
    window.task_area_action = _action(window, menu, "Chuyển sang &nhóm khác…", lambda: move_task_to_area(window))


def _area_actions(window) -> None:
    menu = window.area_menu
    window.add_area_action = _action(window, menu, "&Thêm nhóm nhiệm vụ…", lambda: add_area(window))
    window.rename_area_action = _action(window, menu, "Đổi tên nhó&m…", lambda: rename_area(window))
    window.area_up_action = _action(window, menu, "Chuyển nhóm &lên", lambda: move_area(window, -1))
    window.area_down_action = _action(window, menu, "Chuyển nhóm xuốn&g", lambda: move_area(window, +1))
    window.delete_area_action = _action(window, menu, "&Xóa nhóm…", lambda: delete_area(window))


# What the actions do ---------------------------------------------------------

def _db(window):
    return window.workspace.db


def _current(window):
    """The appendix row under the cursor (area or task), or None."""
    return window.appendix.current_source_row()


def _current_area_id(window) -> int | None:
    row = _current(window)
    if row is not None:
        return row.area.id
    plan_areas = repo.list_areas(_db(window), window.current_plan_id) if window.current_plan_id else []
    return plan_areas[0].id if plan_areas else None


def _run_renumbering(window, label: str, make_change: Callable, on_done: Callable | None = None) -> None:
    """An edit that renumbers the appendix (a task added, deleted or moved, an area moved
    or deleted): ``make_change(db)`` is built and written in a worker, with ``label``
    over a progress bar and "Hủy", when the plan is large (renumbering and writing
    10,000 tasks takes half a second here, more on an old office PC); at once otherwise."""
    if is_large_plan(_db(window), window.current_plan_id):
        window.operations.run_in_background(label, make_change, on_done)
    else:
        window.operations.run(lambda: make_change(_db(window)), on_done)


def add_task(window) -> None:
    plan_id = window.current_plan_id
    if plan_id is None:
        return
    area_id = _current_area_id(window)
    if area_id is None:
        return
    row = _current(window)
    after = row.task.id if row is not None and row.task is not None else None

    def edit_when_shown(change) -> None:
        new_id = next(r.key["id"] for r in change.rows if r.table == "task" and r.before is None)
        window.after_reload(lambda: _edit_new_task(window, change, new_id))

    _run_renumbering(window, "Đang thêm nhiệm vụ…",
                     lambda db: tasks.add_task(db, plan_id, area_id, after_task_id=after), edit_when_shown)


def _edit_new_task(window, added, task_id: int) -> None:
    window.tabs.setCurrentWidget(window.appendix)
    window.appendix.filter_bar.clear()
    window.appendix.select_task(task_id)
    _take_back_when_left_empty(window, added, task_id)
    window.appendix.view.edit(window.appendix.view.currentIndex())


def _take_back_when_left_empty(window, added, task_id: int) -> None:
    """Esc on the new task's first cell, nothing typed, takes the task back (as Ctrl+Z
    would): a blank row left behind would be numbered, counted and exported. Any other
    way out of the cell (Enter, Tab to the next column, a click elsewhere) keeps it."""
    delegate = window.content_delegate

    def closed(_editor, hint) -> None:
        delegate.closeEditor.disconnect(closed)
        if hint != QStyledItemDelegate.EndEditHint.RevertModelCache:
            return
        if window.operations.undo_stack.next_undo() is added and _is_blank(repo.get_task(_db(window), task_id)):
            window.operations.undo()

    delegate.closeEditor.connect(closed)


def _is_blank(task) -> bool:
    return not any(text.strip() for text in (task.content, task.lead, task.supporting, task.output, task.deadline_text))


def open_current_task(window) -> None:
    row = _current(window)
    if row is not None and row.task is not None:
        window.open_task(row.task.id)


def delete_task(window) -> None:
    row = _current(window)
    if row is None or row.task is None:
        return
    content = row.task.content.strip()[:200]
    if confirm(window, f"Xóa nhiệm vụ số {row.task.stt}?\n\n" + (f"{content}\n\n" if content else "")
               + "Có thể hoàn tác bằng Ctrl+Z.", yes="Xóa"):
        task_id = row.task.id
        _run_renumbering(window, "Đang xóa nhiệm vụ…", lambda db: tasks.delete_tasks(db, [task_id]))


def move_task(window, direction: int) -> None:
    row = _current(window)
    if row is not None and row.task is not None:
        task_id = row.task.id
        _run_renumbering(window, "Đang chuyển nhiệm vụ…", lambda db: tasks.move_task(db, task_id, direction))


def move_task_to_area(window) -> None:
    row = _current(window)
    if row is None or row.task is None:
        return
    plan_areas = repo.list_areas(_db(window), window.current_plan_id)
    choice = ask_item(window, "Chuyển nhiệm vụ", f"Chuyển nhiệm vụ số {row.task.stt} sang nhóm:",
                      [f"{a.numeral}. {a.title}" for a in plan_areas])
    if choice is not None:
        task_id, area_id = row.task.id, plan_areas[choice].id
        _run_renumbering(window, "Đang chuyển nhiệm vụ…", lambda db: tasks.move_task_to_area(db, task_id, area_id))


def add_area(window) -> None:
    if window.current_plan_id is None:
        return
    title = ask_text(window, "Thêm nhóm nhiệm vụ", "Tên nhóm nhiệm vụ:")
    if title is not None:
        window.operations.run(lambda: areas.add_area(_db(window), window.current_plan_id, title))


def rename_area(window) -> None:
    area_id = _current_area_id(window)
    if area_id is None:
        return
    area = next(a for a in repo.list_areas(_db(window), window.current_plan_id) if a.id == area_id)
    title = ask_text(window, "Đổi tên nhóm", f"Tên mới của nhóm {area.numeral}:", area.title)
    if title is not None:
        window.operations.run(lambda: areas.rename_area(_db(window), area_id, title))


def move_area(window, direction: int) -> None:
    area_id = _current_area_id(window)
    if area_id is not None:
        _run_renumbering(window, "Đang chuyển nhóm…", lambda db: areas.move_area(db, area_id, direction))


def delete_area(window) -> None:
    area_id = _current_area_id(window)
    if area_id is None:
        return
    area = next(a for a in repo.list_areas(_db(window), window.current_plan_id) if a.id == area_id)
    count = sum(1 for t in repo.list_tasks(_db(window), window.current_plan_id) if t.area_id == area_id)
    text = f"Xóa nhóm {area.numeral}. {area.title}"
    text += f" cùng {count} nhiệm vụ trong nhóm?" if count else "?"
    if confirm(window, text + "\n\nCó thể hoàn tác bằng Ctrl+Z.", yes="Xóa"):
        _run_renumbering(window, "Đang xóa nhóm…", lambda db: areas.delete_area(db, area_id))


def copy_plan(window) -> None:
    if window.current_plan_id is None:
        return
    plan = repo.get_plan(_db(window), window.current_plan_id)
    year = ask_int(window, "Sao chép sang năm mới", "Năm của kế hoạch mới:", plan.year + 1, 2000, 2100)
    if year is None:
        return

    def show_copy(change) -> None:
        show_after_change(window, next(r.key["id"] for r in change.rows if r.table == "plan"))

    if repo.task_count(_db(window), plan.id) > COPY_IN_BACKGROUND_ABOVE:
        window.copy_job = window.operations.run_in_background(
            f"Đang sao chép kế hoạch sang năm {year}…", lambda db: plans.copy_plan_to_year(db, plan.id, year), show_copy)
    else:
        window.operations.run(lambda: plans.copy_plan_to_year(_db(window), plan.id, year), show_copy)


def show_after_change(window, plan_id: int) -> None:
    """The window shows ``plan_id`` when it reloads after the change being written (one
    load: a plan of thousands of tasks is read once, not once as it was and once more)."""
    window.current_plan_id = plan_id


def delete_plan(window) -> None:
    if window.current_plan_id is None:
        return
    plan = repo.get_plan(_db(window), window.current_plan_id)
    if confirm(window, f"Xóa kế hoạch năm {plan.year}: {plan.title}?\n\n"
                       "Kế hoạch được chuyển vào mục \"Kế hoạch đã xóa\" và có thể khôi phục.", yes="Xóa"):
        window.current_plan_id = None
        window.operations.run(lambda: plans.delete_plan(_db(window), plan.id))


def restore_deleted_plan(window) -> None:
    deleted = plans.deleted_plans(_db(window))
    if not deleted:
        inform(window, "Không có kế hoạch nào đã xóa.")
        return
    labels = [f"Năm {p['year']} — {p['title']} (xóa lúc {_deleted_at(p['deleted_at'])})" for p in deleted]
    choice = ask_item(window, "Kế hoạch đã xóa", "Chọn kế hoạch để khôi phục:", labels)
    if choice is not None:
        plan_id = deleted[choice]["id"]
        window.operations.run(lambda: plans.restore_plan(_db(window), plan_id))
        window.refresh_plans(select_plan_id=plan_id)


def _deleted_at(stamp: str) -> str:
    """``2026-11-23T16:52:31`` as the rest of the program writes a time: 23/11/2026 16:52:31."""
    return f"{datetime.fromisoformat(stamp):%d/%m/%Y %H:%M:%S}"


def new_plan(window) -> None:
    from ui.new_plan_dialog import NewPlanDialog

    if not repo.list_units(_db(window)):
        set_up_unit(window)
        return
    dialog = NewPlanDialog(window.operations, window)
    if dialog.exec() and dialog.created_plan_id is not None:
        window.refresh_plans(select_plan_id=dialog.created_plan_id)
    dialog.deleteLater()


def set_up_unit(window) -> None:
    """No unit yet (the first start was put off): set it up, with its first plan, here."""
    from cchc_desktop.setup_unit import create_unit_with_plan
    from ui.errors import show_error
    from ui.first_run import UnitDialog

    dialog = UnitDialog(window)
    if dialog.exec():
        try:
            plan_id = create_unit_with_plan(_db(window), dialog.unit(), dialog.year.value())
        except Exception as error:  # noqa: BLE001 - every failure goes to the one error display
            show_error(window, error)
        else:
            window.refresh_plans(select_plan_id=plan_id)
    dialog.deleteLater()


def edit_plan_info(window) -> None:
    from ui.plan_dialog import PlanDialog

    if window.current_plan_id is not None:
        run_dialog(PlanDialog(window.operations, window.current_plan_id, window))


def open_directory(window) -> None:
    from ui.directory_dialog import DirectoryDialog

    run_dialog(DirectoryDialog(window.operations, window))


def export_documents(window) -> None:
    from ui.export_dialog import ExportDialog

    if window.current_plan_id is not None:
        run_dialog(ExportDialog(_db(window), window.current_plan_id, window))


def print_appendix(window) -> None:
    from ui.export_dialog import ExportDialog
    from ui.print_preview import PdfPreviewDialog

    if window.current_plan_id is None:
        return
    dialog = ExportDialog(_db(window), window.current_plan_id, window)
    window.print_job = dialog.make_preview_pdf(lambda pdf: PdfPreviewDialog(pdf, "Phụ lục nhiệm vụ", window).exec())


def open_report(window) -> None:
    from ui.report_dialog import ReportDialog

    if window.current_plan_id is not None:
        run_dialog(ReportDialog(window.operations, window.current_plan_id, window))


def import_appendix(window) -> None:
    from ui.import_dialog import choose_import_file, open_import_dialog

    path = choose_import_file(window)
    if path is None:
        return

    def show(dialog) -> None:
        dialog.imported.connect(lambda plan_id: show_after_change(window, plan_id))
        dialog.exec()
        dialog.deleteLater()

    window.import_job = open_import_dialog(window, _db(window), path, window.operations, on_ready=show)
