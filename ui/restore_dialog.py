""""Khôi phục…": the list of backups, and restoring one of them.

Everything slow runs in a worker thread, with a progress bar and "Hủy": reading the
list (each backup is checked, then counted), checking a file chosen elsewhere, and the
restore itself (a safety copy of the current data, then the copy of the backup into
the database in one write transaction, on the worker's own connection). The window's
connection sees the restored data once the worker has committed; a cancel before that
leaves the old data and no safety copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.backup import (
    BackupInfo,
    ContentSummary,
    RestoreReport,
    backups_dir,
    catalog,
    describe_file,
    other_units_warning,
    restore_backup,
    unit_names,
    units_label,
    verify_backup_file,
)
from cchc_desktop.workspace import Workspace
from ui.background import BackgroundJob, run_in_background
from ui.dialogs import confirm, inform
from ui.errors import show_error
from ui.operations import Busy, Operations

COLUMNS = ("Thời điểm sao lưu", "Loại", "Kế hoạch", "Nhiệm vụ")
TIME_COLUMN, REASON_COLUMN, PLANS_COLUMN, TASKS_COLUMN = range(len(COLUMNS))
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UNREADABLE = "tệp hỏng, không đọc được"


# The list of backups ---------------------------------------------------------

class BackupListModel(QAbstractTableModel):
    """Backups with when and why they were taken and what they hold (read from each file)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[BackupInfo, ContentSummary | None]] = []

    def set_backups(self, rows: list[tuple[BackupInfo, ContentSummary | None]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def backup_at(self, row: int) -> tuple[BackupInfo, ContentSummary | None]:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return COLUMNS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][1] is None:  # a damaged file cannot be restored
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        info, content = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.column(), info, content)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (PLANS_COLUMN, TASKS_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path) if content else f"{info.path}\n({UNREADABLE})"
        if role == PATH_ROLE:
            return str(info.path)
        if role == SORT_ROLE:
            return self._sort_key(index.column(), info, content)
        return None

    @staticmethod
    def _sort_key(column: int, info: BackupInfo, content: ContentSummary | None):
        if column == TIME_COLUMN:
            return info.taken_at.isoformat()
        if column == REASON_COLUMN:
            return info.reason_label
        if content is None:
            return -1
        return content.plans if column == PLANS_COLUMN else content.tasks

    @staticmethod
    def _display(column: int, info: BackupInfo, content: ContentSummary | None) -> str:
        if column == TIME_COLUMN:
            return info.taken_at_label
        if column == REASON_COLUMN:
            return info.reason_label if content else f"{info.reason_label} ({UNREADABLE})"
        if content is None:
            return "—"
        return str(content.plans if column == PLANS_COLUMN else content.tasks)


# Restoring -------------------------------------------------------------------

class RestoreDialog(QDialog):
    """Pick a backup and restore it; ``report`` holds what was restored after accept().

    The list is read in a worker thread (``job``) as the dialog opens."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, operations: Operations | None = None):
        """``operations``: the window's (by default its ``parent``'s), so that a restore is
        refused while one of its changes is still being written."""
        super().__init__(parent)
        self.workspace = workspace
        self.operations = operations or getattr(parent, "operations", None)
        self.report: RestoreReport | None = None
        self.job: BackgroundJob | None = None
        self.setWindowTitle("Khôi phục dữ liệu")
        self.resize(640, 420)
        self.model = BackupListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = self._make_view()
        self.restore_button = QPushButton("Khôi phục bản đã chọn…")
        self.file_button = QPushButton("Chọn tệp khác…")
        self.close_button = QPushButton("Đóng")
        self._build()
        self.reload()

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        view.setColumnWidth(TIME_COLUMN, 170)
        view.activated.connect(lambda _index: self.restore_selected())
        return view

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Các bản sao lưu tự động (khi mở và khi đóng chương trình) và bản sao lưu thủ công. "
            "Trước khi khôi phục, dữ liệu hiện tại được sao lưu để có thể quay lại."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_other_file)
        self.close_button.clicked.connect(self.reject)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # The list ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again, in the background; a cancel leaves it empty."""
        folder = backups_dir(self.workspace.data_dir)
        self._start("Đang đọc danh sách bản sao lưu…", lambda: catalog(folder), self._show_backups)

    def _show_backups(self, rows: list[tuple[BackupInfo, ContentSummary | None]]) -> None:
        self.model.set_backups(rows)
        self.view.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        first = next((r for r in range(self.proxy.rowCount()) if self.proxy.flags(self.proxy.index(r, 0))), None)
        if first is not None:
            self.view.selectRow(first)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.busy and self.selected() is not None)
        self.file_button.setEnabled(not self.busy)
        self.view.setEnabled(not self.busy)

    def _start(self, label: str, job, on_success, db_path: Path | None = None) -> None:
        def finished(result) -> None:
            on_success(result)
            self._update_buttons()

        self.job = run_in_background(self, label, job, finished, db_path=db_path,
                                     on_cancel=self._update_buttons, on_error=lambda _error: self._update_buttons())
        self._update_buttons()

    def selected(self) -> tuple[BackupInfo, ContentSummary | None] | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.backup_at(self.proxy.mapToSource(rows[0]).row())

    # Restoring --------------------------------------------------------------

    def restore_selected(self) -> None:
        chosen = self.selected()
        if not self.busy and chosen is not None and chosen[1] is not None:
            self._confirm_and_restore(*chosen)

    def restore_other_file(self) -> None:
        """A backup elsewhere (a USB stick): checked in the background, then restored."""
        path = choose_backup_file(self)
        if path is None or self.busy:
            return
        self._start(f"Đang kiểm tra tệp {path.name}…", lambda: (describe_file(path), verify_backup_file(path)),
                    lambda checked: self._confirm_and_restore(*checked))

    def _confirm_and_restore(self, info: BackupInfo, content: ContentSummary) -> None:
        if self.operations is not None and self.operations.busy:  # two writers would interleave
            show_error(self, Busy())
            return
        question = restore_question(info, content, unit_names(self.workspace.db.conn))
        if not confirm(self, question, yes="Khôi phục"):
            return
        data_dir = self.workspace.data_dir
        self._start("Đang khôi phục dữ liệu…", lambda db: restore_backup(Workspace(data_dir, db), info.path),
                    self._restored, db_path=self.workspace.db_path)

    def _restored(self, report: RestoreReport) -> None:
        self.report = report
        self.accept()

    def reject(self) -> None:
        """"Đóng" or Escape: while a worker runs, stop it (the dialog stays); otherwise close."""
        if self.busy:
            self.job.cancel.set()
            return
        super().reject()


def restore_question(info: BackupInfo, content: ContentSummary, current_units: tuple[str, ...]) -> str:
    """What the user confirms before a restore: when, whose data, how much, and what
    becomes of the data in use."""
    whose = f" của {units_label(content.units)}" if content.units else ""
    question = (
        f"Khôi phục dữ liệu về bản sao lưu lúc {info.taken_at_label}{whose} "
        f"({content.plans} kế hoạch, {content.tasks} nhiệm vụ)?\n\n"
        "Dữ liệu hiện tại sẽ được thay thế; trước đó chương trình sao lưu nó để có thể quay lại."
    )
    warning = other_units_warning(current_units, content)
    return f"{question}\n\n{warning}" if warning else question


def choose_backup_file(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Chọn tệp sao lưu", "", "Bản sao lưu CCHC (*.sqlite3);;Mọi tệp (*)"
    )
    return Path(path) if path else None


def restored_text(report: RestoreReport) -> str:
    text = (
        f"Đã khôi phục dữ liệu từ bản sao lưu lúc {describe_file(report.source).taken_at_label}: "
        f"{report.content.plans} kế hoạch, {report.content.tasks} nhiệm vụ."
    )
    if report.safety_copy:
        text += f"\n\nDữ liệu trước khi khôi phục được sao lưu tại:\n{report.safety_copy}"
    return text


def open_restore_dialog(window) -> RestoreReport | None:
    """"Khôi phục…": restore, then forget the undo history (it belongs to the old data) and refresh."""
    dialog = RestoreDialog(window.workspace, window)
    try:
        if not dialog.exec() or dialog.report is None:
            return None
    finally:
        dialog.deleteLater()
    after_restore(window, dialog.report)
    inform(window, restored_text(dialog.report))
    return dialog.report


def after_restore(window, report: RestoreReport) -> None:
    operations = getattr(window, "operations", None)
    if operations is not None:
        operations.forget_history()
    window.current_plan_id = None
    window.refresh_plans()


__all__ = ["BackupListModel", "RestoreDialog", "catalog", "open_restore_dialog", "after_restore", "restored_text",
           "choose_backup_file", "inform", "PATH_ROLE", "SORT_ROLE", "COLUMNS"]
