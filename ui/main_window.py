"""The main window: plans on the left; the selected plan's tabs on the right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import __version__, repo
from cchc_desktop.changes import Change
from cchc_desktop.db import database_file
from cchc_desktop.tracking import DEFAULT_DUE_SOON_DAYS, track, upcoming
from cchc_desktop.undo import UndoStack
from cchc_desktop.workspace import Workspace
from ui.appendix_model import ID_ROLE, KIND_ROLE, AppendixModel, PlanView, load_plan_view
from ui.background import is_large_plan, run_in_background
from ui.appendix_panel import APPENDIX_COLUMN_WIDTHS, AppendixPanel
from ui.delegates import MultiLineDelegate
from ui.lazy_tab import LazyTab
from ui.operations import Operations
from ui.plan_list_model import PlanListModel
from ui.tables import configure_table
from ui.upcoming_model import TASK_ID_ROLE, UpcomingModel

WINDOW_TITLE = f"CCHC Desktop {__version__} — Kế hoạch cải cách hành chính"
UPCOMING_COLUMN_WIDTHS = (40, None, 180, 150, 90, 130)
APPENDIX_TAB, OVERVIEW_TAB, UPCOMING_TAB, INDICATORS_TAB = 0, 1, 2, 3
PLAN_TABLES = {"plan", "unit"}
APPENDIX_TABLES = {"task", "area", "progress", "plan"}
SETTINGS_FILE = "giao-dien.ini"
RELOADING = "Đang cập nhật phụ lục…"  # a large plan read again after an edit


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, at: date | None = None, operations: Operations | None = None):
        super().__init__()
        self.workspace = workspace
        self.operations = operations or Operations(UndoStack(workspace.db), self)
        self.operations.parent_widget = self
        self.current_plan_id: int | None = None
        self.shown_plan_id: int | None = None  # differs from current_plan_id while a large plan is read
        self._refresh_later = False
        self._load_job = None  # the worker reading a large plan, if any
        # What waits for the appendix to show the plan again after an edit (the task to
        # select, a new task to edit): the plan it is for, and the actions in order.
        self._after_reload: list[Callable[[], None]] = []
        self._on_shown: tuple[int, list[Callable[[], None]]] | None = None
        self.setWindowTitle(WINDOW_TITLE)
        self.plan_model = PlanListModel(self)
        self.appendix_model = AppendixModel(self, edit_task=self._edit_cell, rename_area=self._rename_area)
        self.appendix = AppendixPanel(self.appendix_model)
        self.upcoming_model = UpcomingModel(self)
        # Tabs out of sight are built when first opened: they cost nothing at start.
        self.overview_tab = LazyTab(self._make_overview, self._catch_up_overview)
        self._overview_plan: tuple[int | None, date] = (None, at or date.today())
        self.indicators_tab = LazyTab(self._make_indicators, self._catch_up_indicators)
        self._indicators_plan: tuple[int | None, int] = (None, date.today().year)
        self.plan_view = self._make_plan_view()
        self.upcoming_view = self._make_upcoming_view()
        self.at_date = self._make_date_edit(at or date.today())
        self.due_days = QSpinBox()
        self.due_days.setRange(1, 365)
        self.due_days.setValue(DEFAULT_DUE_SOON_DAYS)
        self.due_days.setSuffix(" ngày")
        self.plan_heading = QLabel()
        self.plan_heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.setCentralWidget(self._layout())
        self._configure_appendix_view()
        from ui import actions, backup_dialogs, help_menu  # the menus and shortcuts live apart, the window stays readable

        actions.install(self)
        backup_dialogs.add_backup_actions(self)
        help_menu.add_help_menu(self)
        self._connect()
        # Which file is in use (the PC's or a USB stick's) stays in sight: a permanent
        # widget, which the status bar's passing messages and status tips never replace.
        self.data_location = QLabel(f"Dữ liệu: {workspace.db_path}")
        self.statusBar().addPermanentWidget(self.data_location)
        self.refresh_plans()

    # Building -------------------------------------------------------------

    def _layout(self) -> QWidget:
        self.splitter.addWidget(self._titled("Kế hoạch", self.plan_view))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 4, 0)
        right_layout.addLayout(self._heading_row())
        self.tabs.addTab(self.appendix, "Phụ lục nhiệm vụ")
        self.tabs.addTab(self.overview_tab, "Tổng quan")
        self.tabs.addTab(self._upcoming_page(), "Sắp đến hạn / Quá hạn")
        self.tabs.addTab(self.indicators_tab, "Chỉ tiêu")
        right_layout.addWidget(self.tabs, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([215, 1150])
        return self.splitter

    def _heading_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.plan_heading, 1)
        label = QLabel("Tính đến ngày:")
        label.setBuddy(self.at_date)
        row.addWidget(label)
        row.addWidget(self.at_date)
        return row

    def _upcoming_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Nhiệm vụ quá hạn và sắp đến hạn trong vòng"))
        row.addWidget(self.due_days)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.upcoming_view, 1)
        return page

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(widget, 1)
        return box

    @staticmethod
    def _make_date_edit(initial: date) -> QDateEdit:
        edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _make_plan_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.plan_model)
        configure_table(view, (None,))
        view.horizontalHeader().hide()  # the pane's own title already says "Kế hoạch"
        view.setMinimumWidth(12 * view.fontMetrics().horizontalAdvance("M"))  # a narrow window squeezes the appendix first
        view.selectionModel().currentRowChanged.connect(self._plan_changed)
        view.clicked.connect(self._plan_clicked)
        view.activated.connect(self._plan_clicked)
        return view

    def _configure_appendix_view(self) -> None:
        view = self.appendix.view
        configure_table(view, APPENDIX_COLUMN_WIDTHS)
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.content_delegate = MultiLineDelegate(view)
        view.setItemDelegateForColumn(1, self.content_delegate)
        view.activated.connect(self._open_task_at)

    def _make_upcoming_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.upcoming_model)
        configure_table(view, UPCOMING_COLUMN_WIDTHS)
        view.activated.connect(lambda index: self.open_task(index.data(TASK_ID_ROLE)))
        return view

    def _connect(self) -> None:
        self.at_date.dateChanged.connect(lambda _d: self.show_plan(self.current_plan_id))
        self.due_days.valueChanged.connect(lambda _n: self._refresh_upcoming())
        self.appendix.filter_bar.changed.connect(lambda: self.appendix.apply_filter(self.at))
        self.operations.changed.connect(self._after_change)
        self.tabs.currentChanged.connect(lambda _i: self._activate_overview())
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())

    # Showing --------------------------------------------------------------

    @property
    def appendix_view(self) -> QTableView:
        return self.appendix.view

    @property
    def appendix_proxy(self):
        return self.appendix.proxy

    @property
    def at(self) -> date:
        return self.at_date.date().toPython()

    def refresh_plans(self, select_plan_id: int | None = None, label: str = "Đang mở kế hoạch…") -> None:
        select_plan_id = select_plan_id or self.current_plan_id
        self.plan_model.set_plans(repo.list_plans(self.workspace.db))
        row = self.plan_model.row_of(select_plan_id) if select_plan_id else None
        if row is None and self.plan_model.rowCount():
            row = 0
        if row is None:
            self.show_plan(None)
            return
        wanted = self.plan_model.plan_at(row).id
        shown_before = self.current_plan_id
        self.plan_view.selectRow(row)  # shows the plan when the selection moves
        if self.current_plan_id == shown_before or self.current_plan_id != wanted:
            self.show_plan(wanted, label)

    def _plan_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        plan_id = self.plan_model.plan_at(current.row()).id if current.isValid() else None
        if plan_id != self.current_plan_id:
            self.show_plan(plan_id)

    def _update_actions(self) -> None:
        from ui.actions import update_states

        update_states(self)

    def show_plan(self, plan_id: int | None, label: str = "Đang mở kế hoạch…") -> None:
        """Show the plan; a large one is read in a worker (``label`` says why, "Hủy" stops it)."""
        self.current_plan_id = plan_id
        self._update_actions()
        if plan_id is None:
            self._show_no_plan("Chưa có kế hoạch nào. Tạo kế hoạch mới trong menu Kế hoạch.")
            return
        at, due_days = self.at, self.due_days.value()
        if is_large_plan(self.workspace.db, plan_id):
            self._load_job = run_in_background(
                self, label, lambda db: load_plan_view(db, plan_id, at, due_days), self._show_plan_view,
                db_path=database_file(self.workspace.db), on_cancel=lambda: self._opening_cancelled(plan_id))
        else:
            self._show_plan_view(load_plan_view(self.workspace.db, plan_id, at, due_days))

    def _show_no_plan(self, heading: str) -> None:
        self.shown_plan_id = None
        self.plan_heading.setText(heading)
        self.appendix_model.set_groups([])
        self.appendix.filter_bar.set_areas([])
        self.appendix.apply_filter(self.at)  # the count beside the search box: none now
        self._show_upcoming([])  # and the tab's figures
        self._show_overview(None)
        self._show_indicators(None, date.today().year)

    def _opening_cancelled(self, plan_id: int) -> None:
        """On "Hủy" while a large plan was being read: nothing of another plan stays on
        show under its name; a click on it in the list (or Enter) opens it again."""
        self._on_shown = None  # nothing left to select in it
        if plan_id == self.current_plan_id:
            self._show_no_plan("Đã dừng mở kế hoạch này. Bấm vào kế hoạch trong danh sách để mở lại.")

    def _plan_clicked(self, index: QModelIndex) -> None:
        plan_id = self.plan_model.plan_at(index.row()).id
        if plan_id == self.current_plan_id and self.shown_plan_id != plan_id:
            self.show_plan(plan_id)

    def _show_plan_view(self, view: PlanView) -> None:
        if view.plan.id != self.current_plan_id:
            return  # the user moved on to another plan while this one loaded
        self.shown_plan_id = view.plan.id
        self.appendix_model.set_rows(view.rows)
        self.appendix.filter_bar.set_areas(view.areas)
        self.appendix.apply_filter(self.at)
        self.plan_heading.setText(
            f"<b>{escape(view.unit.issuing_body)}</b> — Kế hoạch {escape(view.plan.title)}<br>"
            f"Phụ lục: {escape(view.plan.appendix_title)} ({self.appendix_model.task_count()} nhiệm vụ)"
        )
        if view.due_days == self.due_days.value():
            self._show_due(view.due)
        else:  # changed while the plan was read
            self._show_upcoming(view.trackings)
        self._show_overview(view.plan.id)
        self._show_indicators(view.plan.id, view.plan.year)
        waiting, self._on_shown = self._on_shown, None
        if waiting is not None and waiting[0] == view.plan.id:
            for action in waiting[1]:
                action()

    @property
    def overview(self):
        """The "Tổng quan" tab's content, made now if the tab was never opened."""
        return self.overview_tab.content()

    def _make_overview(self):
        from ui.overview import OverviewWidget

        overview = OverviewWidget(self.operations, active=False)
        overview.task_activated.connect(self.open_task)
        return overview

    def _catch_up_overview(self, overview) -> None:
        overview.show_plan(*self._overview_plan)
        self._activate_overview()

    def _activate_overview(self) -> None:
        """Out of sight, the overview need not follow every edit: it catches up when shown."""
        if self.overview_tab.built:
            self.overview.set_active(self.tabs.currentWidget() is self.overview_tab)

    def _show_overview(self, plan_id: int | None) -> None:
        self._overview_plan = (plan_id, self.at)
        if self.overview_tab.built:
            self.overview.show_plan(plan_id, self.at)

    @property
    def indicators(self):
        """The "Chỉ tiêu" tab's content, made now if the tab was never opened."""
        return self.indicators_tab.content()

    def _make_indicators(self):
        from ui.indicators_view import IndicatorsWidget

        return IndicatorsWidget(self.operations)

    def _catch_up_indicators(self, indicators) -> None:
        indicators.show_plan(*self._indicators_plan)

    def _show_indicators(self, plan_id: int | None, year: int) -> None:
        self._indicators_plan = (plan_id, year)
        if self.indicators_tab.built:
            self.indicators.show_plan(plan_id, year)

    def _refresh_upcoming(self) -> None:
        """The due list from the trackings the appendix already holds (no second pass over the plan)."""
        if self.current_plan_id is not None:
            self._show_upcoming(self.appendix_model.trackings())

    def _show_upcoming(self, trackings) -> None:
        self._show_due(upcoming(trackings, self.at, self.due_days.value()))

    def _show_due(self, items) -> None:
        self.upcoming_model.set_items(items, self.at)
        total, overdue = self.upcoming_model.rowCount(), self.upcoming_model.overdue_count()
        self.tabs.setTabText(UPCOMING_TAB, f"Sắp đến hạn / Quá hạn ({overdue} quá hạn, {total - overdue} sắp đến hạn)")

    def _after_change(self, change: Change) -> None:
        if self._refresh_later:
            QTimer.singleShot(0, lambda: self._reload_for(change))
        else:
            self._reload_for(change)

    def after_reload(self, action: Callable[[], None]) -> None:
        """Run ``action`` once the appendix shows the edit being written: at the end of
        the reload the edit causes, which for a large plan ends when a worker has read it.
        For an edit that changes something (an empty one is not announced: no reload)."""
        self._after_reload.append(action)

    def _reload_for(self, change: Change) -> None:
        """Reload only what the change touched; keep the user's place in the table."""
        keep_place = self._place_keeper()
        if change.touched & PLAN_TABLES or change.touched & {"task"} and self._plan_list_stale():
            self.refresh_plans(label=RELOADING)
        elif self._only_edits_task_cells(change):
            self._retrack(change.task_ids)
        elif change.touched & APPENDIX_TABLES:
            self.show_plan(self.current_plan_id, RELOADING)
        actions, self._after_reload = [keep_place, *self._after_reload], []
        if self._load_job is not None and not self._load_job.done and self.current_plan_id is not None:
            self._on_shown = (self.current_plan_id, actions)  # run by _show_plan_view
        else:
            for action in actions:
                action()

    def _place_keeper(self) -> Callable[[], None]:
        """What puts the cursor back after a reload: on the same task, or, when it was
        deleted, on the row that took its place."""
        current, row = self.appendix.current_source_row(), self.appendix.view.currentIndex().row()

        def keep_place() -> None:
            if current is None or current.task is None:
                return
            if not self.appendix.select_task(current.task.id):
                self.appendix.select_row(row)

        return keep_place

    @staticmethod
    def _only_edits_task_cells(change: Change) -> bool:
        """Edits of task text (and its directory links) keep every row in place."""
        rows_move = any(
            row.table == "task" and (row.before is None or row.after is None
                                     or (row.before["stt"], row.before["area_id"]) != (row.after["stt"], row.after["area_id"]))
            for row in change.rows
        )
        return not rows_move and change.touched <= {"task", "task_party", "party"}

    def _retrack(self, task_ids: set[int]) -> None:
        """Recompute and redraw the changed tasks only: O(changed), whatever the plan's size."""
        db = self.workspace.db
        year = repo.get_plan(db, self.current_plan_id).year
        for task_id in task_ids:
            task = repo.get_task(db, task_id)
            self.appendix_model.replace_tracking(track(task, year, repo.list_progress(db, task_id), self.at))
        self.appendix.apply_filter(self.at)
        self._refresh_upcoming()

    def _plan_list_stale(self) -> bool:
        counts = {p.id: p.tasks for p in repo.list_plans(self.workspace.db)}
        shown = {self.plan_model.plan_at(r).id: self.plan_model.plan_at(r).tasks for r in range(self.plan_model.rowCount())}
        return counts != shown

    # Editing --------------------------------------------------------------

    def _edit_cell(self, task_id: int, field: str, text: str) -> bool:
        from cchc_desktop.edits import tasks

        return self._run_from_editor(lambda: tasks.edit_task(self.workspace.db, task_id, **{field: text}))

    def _rename_area(self, area_id: int, title: str) -> bool:
        from cchc_desktop.edits import areas

        return self._run_from_editor(lambda: areas.rename_area(self.workspace.db, area_id, title))

    def _run_from_editor(self, make_change) -> bool:
        """An edit committed by a cell editor: the view still holds the editor, so the
        reload waits until the commit has finished."""
        self._refresh_later = True
        try:
            return self.operations.run(make_change) is not None
        finally:
            self._refresh_later = False

    def _open_task_at(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(KIND_ROLE) == "task":
            self.open_task(index.data(ID_ROLE))

    def open_task(self, task_id: int) -> None:
        from ui.task_dialog import TaskDialog

        db = self.workspace.db
        task = repo.get_task(db, task_id)
        dialog = TaskDialog(task, repo.get_plan(db, task.plan_id).year, self, operations=self.operations)
        if dialog.exec():
            self.save_task(dialog)
        dialog.deleteLater()  # a closed form must stop following edits

    def save_task(self, dialog) -> None:
        from cchc_desktop.edits import tasks

        fields = dialog.edited_fields()
        self.operations.run(lambda: tasks.edit_task(self.workspace.db, dialog.task.id, **fields))

    def selected_plan_id(self) -> int | None:
        return self.current_plan_id

    # Window state ---------------------------------------------------------

    def settings(self) -> QSettings:
        return QSettings(str(self.workspace.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

    def restore_layout(self) -> None:
        settings = self.settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        tab = settings.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))
        plan_id = settings.value("window/plan")
        if plan_id is not None and str(plan_id).isdigit():
            self.refresh_plans(select_plan_id=int(plan_id))

    def save_layout(self) -> None:
        settings = self.settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        if self.current_plan_id is not None:
            settings.setValue("window/plan", self.current_plan_id)
        settings.sync()

    def closeEvent(self, event) -> None:
        self.save_layout()
        super().closeEvent(event)
