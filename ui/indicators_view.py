"""The "Chỉ tiêu" tab: the plan's indicators, their actual values per period, met or not."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStatusTipEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.changes import Change
from cchc_desktop.edits import indicators as edits
from cchc_desktop.models import Indicator
from cchc_desktop.repo import list_indicators
from ui.indicator_dialog import IndicatorDialog
from ui.indicators_model import SORT_ROLE, TEXT_COLUMN, IndicatorsModel
from ui.operations import Operations
from ui.tables import configure_table

REFRESH_TABLES = frozenset({"indicator", "indicator_value"})
COLUMN_WIDTHS = (40, None, 90, 78, 78, 78, 78, 78, 105)
MESSAGE_STYLE = "color: #b00020"
EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed)


class IndicatorsWidget(QWidget):
    """Indicators of one plan; refreshes itself when an edit touches indicators or values."""

    def __init__(self, operations: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.operations = operations
        self.plan_id: int | None = None
        self.year = 0
        self.model = IndicatorsModel(operations, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = self._make_view()
        self.heading = QLabel()
        self.message = QLabel()
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Thêm chỉ tiêu"))
        self.edit_button = QPushButton(self.tr("Sửa"))
        self.delete_button = QPushButton(self.tr("Xóa"))
        self._build()
        self._connect()
        self.show_plan(None, 0)

    # Building -------------------------------------------------------------

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        configure_table(view, COLUMN_WIDTHS)
        view.setEditTriggers(EDIT_TRIGGERS)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # column -1: the plan's own order until a header is clicked
        return view

    def _build(self) -> None:
        self.heading.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.operations.changed.connect(self._on_changed)
        self.model.input_rejected.connect(self.show_message)
        self.add_button.clicked.connect(self.add_indicator)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view.activated.connect(self._activate)
        self._add_shortcuts()
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.proxy.modelReset.connect(self._update_buttons)

    def _add_shortcuts(self) -> None:
        """The keys the appendix uses for tasks, here for indicators (the window turns its
        task actions off while this tab is shown, so no key means two things at once)."""
        for button, keys, slot in ((self.add_button, "Ctrl+N", self.add_indicator),
                                   (self.edit_button, "Ctrl+E", self.edit_selected),
                                   (self.delete_button, "Delete", self.delete_selected)):
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            button.setToolTip(f"{button.text()} ({shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)})")

    # Showing --------------------------------------------------------------

    def show_plan(self, plan_id: int | None, year: int) -> None:
        self.plan_id, self.year = plan_id, year
        self.show_message("")
        self.refresh()

    def refresh(self) -> None:
        db = self.operations.db
        if self.plan_id is None:
            self.model.set_rows((), {}, self.year)
        else:
            self.model.set_rows(list_indicators(db, self.plan_id),
                                edits.list_indicator_values(db, self.plan_id), self.year)
        self.heading.setText(self._heading_text())
        self._update_buttons()

    def _heading_text(self) -> str:
        if self.plan_id is None:
            return self.tr("Chưa chọn kế hoạch.")
        heading = self.tr("<b>Chỉ tiêu năm {year}</b> ({n} chỉ tiêu)").format(year=self.year, n=self.model.rowCount())
        hint = self.tr("— nhấp đúp vào ô kết quả của một kỳ để nhập số (ví dụ 95 hoặc 95,5), để trống để xóa; "
                       "cột “Đạt?” so kết quả của kỳ gần nhất đã nhập với mục tiêu.")
        return f"{heading} <span style='color: #555555'>{escape(hint)}</span>"

    def _on_changed(self, change: Change) -> None:
        if self.plan_id is not None and change.touched & REFRESH_TABLES:
            self.show_message("")  # a value refused before is old news once one is written
            self.refresh()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.plan_id is not None)
        selected = self.selected_indicator() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def show_message(self, text: str) -> None:
        """A short note under the table, also offered to the window's status bar."""
        self.message.setText(text)
        QApplication.sendEvent(self, QStatusTipEvent(text))

    # Selection ------------------------------------------------------------

    def selected_indicator(self) -> Indicator | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.indicator_at(self.proxy.mapToSource(rows[0]).row())

    def select_indicator(self, indicator_id: int) -> None:
        row = self.model.row_of(indicator_id)
        if row is not None:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, TEXT_COLUMN)).row())

    # Editing --------------------------------------------------------------

    def add_indicator(self) -> None:
        if self.plan_id is None:
            return
        dialog = IndicatorDialog(self)
        if self.exec_dialog(dialog):
            self.save_new(dialog.values())

    def save_new(self, values: dict) -> None:
        db, plan_id = self.operations.db, self.plan_id
        change = self.operations.run(lambda: edits.add_indicator(db, plan_id, **values))
        if change is not None:
            self.select_indicator(change.rows[0].key["id"])

    def _activate(self, index) -> None:
        """Enter (or a double-click Qt does not turn into an edit): a result cell is edited in
        place, as F2 or a typed digit do; the other columns open the "Sửa chỉ tiêu" dialog."""
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.view.setCurrentIndex(index)
            self.view.edit(index)
        else:
            self.edit_selected()

    def edit_selected(self) -> None:
        indicator = self.selected_indicator()
        if indicator is None:
            return
        dialog = IndicatorDialog(self, indicator)
        if self.exec_dialog(dialog):
            db = self.operations.db
            self.operations.run(lambda: edits.edit_indicator(db, indicator.id, **dialog.values()))

    def delete_selected(self) -> None:
        indicator = self.selected_indicator()
        if indicator is None or not self.confirm_delete(indicator):
            return
        db = self.operations.db
        self.operations.run(lambda: edits.delete_indicator(db, indicator.id))

    def confirm_delete(self, indicator: Indicator) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Xóa chỉ tiêu"),
                          self.tr("Xóa chỉ tiêu số {n}?").format(n=indicator.position), parent=self)
        warning = self.tr("“{text}”\n\nCác kết quả đã nhập của chỉ tiêu này cũng bị xóa.")
        box.setInformativeText(warning.format(text=_shortened(indicator.text)))
        delete = box.addButton(self.tr("Xóa"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole))
        self.exec_dialog(box)
        return box.clickedButton() is delete

    @staticmethod
    def exec_dialog(dialog) -> bool:
        """Run a modal dialog; one place, so tests can answer it."""
        return bool(dialog.exec())


def _shortened(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

