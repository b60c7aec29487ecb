"""The main window: plans on the left, the selected plan's appendix on the right."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import repo
from cchc_desktop.workspace import Workspace
from ui.appendix_model import KIND_ROLE, AppendixModel
from ui.plan_list_model import PlanListModel

WINDOW_TITLE = "CCHC Desktop — Kế hoạch cải cách hành chính"
SCREEN_SIZE = (1366, 768)
APPENDIX_COLUMN_WIDTHS = (40, None, 165, 150, 160, 155)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace):
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(WINDOW_TITLE)
        self.plan_model = PlanListModel(self)
        self.appendix_model = AppendixModel(self)
        self.appendix_proxy = QSortFilterProxyModel(self)
        self.appendix_proxy.setSourceModel(self.appendix_model)
        self.plan_view = self._make_plan_view()
        self.appendix_view = self._make_appendix_view()
        self.plan_heading = QLabel()
        self.plan_heading.setWordWrap(True)
        self.plan_heading.setTextFormat(Qt.TextFormat.RichText)
        self.setCentralWidget(self._layout())
        self.statusBar().showMessage(f"Dữ liệu: {workspace.db_path}")
        self.refresh_plans()

    # Building -------------------------------------------------------------

    def _layout(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._titled("Kế hoạch", self.plan_view))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 4, 0)
        right_layout.addWidget(self.plan_heading)
        right_layout.addWidget(self.appendix_view, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1090])
        return splitter

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 0, 0)
        label = QLabel(f"<b>{title}</b>")
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def _make_plan_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.plan_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().currentRowChanged.connect(self._plan_changed)
        return view

    def _make_appendix_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.appendix_proxy)
        view.setWordWrap(True)
        view.setAlternatingRowColors(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        for column, width in enumerate(APPENDIX_COLUMN_WIDTHS):
            if width is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                view.setColumnWidth(column, width)
        return view

    # Behaviour ------------------------------------------------------------

    def refresh_plans(self, select_plan_id: int | None = None) -> None:
        self.plan_model.set_plans(repo.list_plans(self.workspace.db))
        self.plan_view.resizeRowsToContents()
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
        if plan_id is None:
            self.plan_heading.setText("Chưa có kế hoạch nào.")
            self.appendix_model.set_groups([])
            return
        plan = repo.get_plan(self.workspace.db, plan_id)
        unit = repo.get_unit(self.workspace.db, plan.unit_id)
        self.appendix_model.set_groups(repo.appendix(self.workspace.db, plan_id))
        self._apply_area_spans()
        self.appendix_view.resizeRowsToContents()
        self.plan_heading.setText(
            f"<b>{escape(unit.issuing_body)}</b> — Kế hoạch {escape(plan.title)}<br>"
            f"Phụ lục: {escape(plan.appendix_title)} ({self.appendix_model.task_count()} nhiệm vụ)"
        )

    def _apply_area_spans(self) -> None:
        self.appendix_view.clearSpans()
        columns = self.appendix_proxy.columnCount()
        for row in range(self.appendix_proxy.rowCount()):
            if self.appendix_proxy.index(row, 0).data(KIND_ROLE) == "area":
                self.appendix_view.setSpan(row, 0, 1, columns)

    def selected_plan_id(self) -> int | None:
        index = self.plan_view.currentIndex()
        return self.plan_model.plan_at(index.row()).id if index.isValid() else None
