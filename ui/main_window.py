"""The main window: plans on the left; the selected plan's appendix and due list on the right."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.tracking import DEFAULT_DUE_SOON_DAYS, track, track_plan, upcoming
from cchc_desktop.workspace import Workspace
from ui.appendix_model import ID_ROLE, KIND_ROLE, AppendixModel
from ui.errors import show_error
from ui.plan_list_model import PlanListModel
from ui.task_dialog import TaskDialog
from ui.upcoming_model import TASK_ID_ROLE, UpcomingModel

WINDOW_TITLE = "CCHC Desktop — Kế hoạch cải cách hành chính"
APPENDIX_COLUMN_WIDTHS = (40, None, 130, 115, 125, 105, 100, 165)
UPCOMING_COLUMN_WIDTHS = (40, None, 180, 150, 90, 130)
APPENDIX_TAB, UPCOMING_TAB = 0, 1


def configure_table(view: QTableView, widths: tuple[int | None, ...]) -> None:
    """Rows selected whole, wrapped text, one stretching column, the rest fixed widths."""
    view.setWordWrap(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    # Row heights follow the wrapped text at the columns' real widths, also for a view
    # built while hidden in a tab. Fine for plans of hundreds of tasks.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if width is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, at: date | None = None):
        super().__init__()
        self.workspace = workspace
        self.current_plan_id: int | None = None
        self.setWindowTitle(WINDOW_TITLE)
        self.plan_model = PlanListModel(self)
        self.appendix_model = AppendixModel(self)
        self.appendix_proxy = QSortFilterProxyModel(self)
        self.appendix_proxy.setSourceModel(self.appendix_model)
        self.upcoming_model = UpcomingModel(self)
        self.plan_view = self._make_plan_view()
        self.appendix_view = self._make_appendix_view()
        self.upcoming_view = self._make_upcoming_view()
        self.at_date = self._make_date_edit(at or date.today())
        self.due_days = QSpinBox()
        self.due_days.setRange(1, 365)
        self.due_days.setValue(DEFAULT_DUE_SOON_DAYS)
        self.due_days.setSuffix(" ngày")
        self.plan_heading = QLabel()
        self.plan_heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.setCentralWidget(self._layout())
        self._add_actions()
        self.statusBar().showMessage(f"Dữ liệu: {workspace.db_path}")
        self.at_date.dateChanged.connect(lambda _d: self.show_plan(self.current_plan_id))
        self.due_days.valueChanged.connect(lambda _n: self._refresh_upcoming())
        self.refresh_plans()

    # Building -------------------------------------------------------------

    def _layout(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._titled("Kế hoạch", self.plan_view))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 4, 0)
        right_layout.addLayout(self._heading_row())
        self.tabs.addTab(self.appendix_view, "Phụ lục nhiệm vụ")
        self.tabs.addTab(self._upcoming_page(), "Sắp đến hạn / Quá hạn")
        right_layout.addWidget(self.tabs, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([215, 1150])
        return splitter

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
        view.selectionModel().currentRowChanged.connect(self._plan_changed)
        return view

    def _make_appendix_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.appendix_proxy)
        configure_table(view, APPENDIX_COLUMN_WIDTHS)
        view.activated.connect(self._edit_task_at)
        return view

    def _make_upcoming_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.upcoming_model)
        configure_table(view, UPCOMING_COLUMN_WIDTHS)
        view.activated.connect(lambda index: self.edit_task(index.data(TASK_ID_ROLE)))
        return view

    def _add_actions(self) -> None:
        edit = QAction("Sửa nhiệm vụ", self)
        edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit.triggered.connect(lambda: self._edit_task_at(self.appendix_view.currentIndex()))
        self.appendix_view.addAction(edit)
        self.edit_action = edit

    # Behaviour ------------------------------------------------------------

    @property
    def at(self) -> date:
        return self.at_date.date().toPython()

    def refresh_plans(self, select_plan_id: int | None = None) -> None:
        self.plan_model.set_plans(repo.list_plans(self.workspace.db))
        row = self.plan_model.row_of(select_plan_id) if select_plan_id else None
        if row is None and self.plan_model.rowCount():
            row = 0
        if row is not None:
            self.plan_view.selectRow(row)
        else:
            self.show_plan(None)

    def _plan_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_plan(self.plan_model.plan_at(current.row()).id if current.isValid() else None)

    def show_plan(self, plan_id: int | None) -> None:
        self.current_plan_id = plan_id
        if plan_id is None:
            self.plan_heading.setText("Chưa có kế hoạch nào.")
            self.appendix_model.set_groups([])
            self.upcoming_model.set_items([], self.at)
            return
        db = self.workspace.db
        plan = repo.get_plan(db, plan_id)
        unit = repo.get_unit(db, plan.unit_id)
        trackings = track_plan(db, plan_id, self.at)
        self.appendix_model.set_groups(repo.appendix(db, plan_id), {t.task.id: t for t in trackings})
        self._apply_area_spans()
        self.plan_heading.setText(
            f"<b>{escape(unit.issuing_body)}</b> — Kế hoạch {escape(plan.title)}<br>"
            f"Phụ lục: {escape(plan.appendix_title)} ({self.appendix_model.task_count()} nhiệm vụ)"
        )
        self._show_upcoming(trackings)

    def _refresh_upcoming(self) -> None:
        if self.current_plan_id is not None:
            self._show_upcoming(track_plan(self.workspace.db, self.current_plan_id, self.at))

    def _show_upcoming(self, trackings) -> None:
        self.upcoming_model.set_items(upcoming(trackings, self.at, self.due_days.value()), self.at)
        total, overdue = self.upcoming_model.rowCount(), self.upcoming_model.overdue_count()
        self.tabs.setTabText(UPCOMING_TAB, f"Sắp đến hạn / Quá hạn ({overdue} quá hạn, {total - overdue} sắp đến hạn)")

    def _apply_area_spans(self) -> None:
        self.appendix_view.clearSpans()
        columns = self.appendix_proxy.columnCount()
        for row in range(self.appendix_proxy.rowCount()):
            if self.appendix_proxy.index(row, 0).data(KIND_ROLE) == "area":
                self.appendix_view.setSpan(row, 0, 1, columns)

    def _edit_task_at(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(KIND_ROLE) == "task":
            self.edit_task(index.data(ID_ROLE))

    def edit_task(self, task_id: int) -> None:
        db = self.workspace.db
        task = repo.get_task(db, task_id)
        plan = repo.get_plan(db, task.plan_id)
        dialog = TaskDialog(task, plan.year, self)
        if dialog.exec():
            self.save_task(dialog.edited_task(), plan.year)

    def save_task(self, task, plan_year: int) -> None:
        db = self.workspace.db
        try:
            with db.atomic():
                saved = repo.update_task(db, task)
        except Exception as error:  # noqa: BLE001 - every failure reaches the one error display
            show_error(self, error)
            return
        updates = repo.list_progress(db, saved.id)
        self.appendix_model.replace_tracking(track(saved, plan_year, updates, self.at))
        self._refresh_upcoming()

    def selected_plan_id(self) -> int | None:
        index = self.plan_view.currentIndex()
        return self.plan_model.plan_at(index.row()).id if index.isValid() else None
