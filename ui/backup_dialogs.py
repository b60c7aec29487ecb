"""Backups in the window: "Sao lưu…", "Khôi phục…", the damaged-database start-up
dialog, and the desktop session that ties start-up and exit together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import integrity
from cchc_desktop.applog import LogFile, log_error
from cchc_desktop.backup import (
    BackupInfo,
    ContentSummary,
    RestoreReport,
    automatic_backup,
    backup_to_folder,
    backups_dir,
    catalog,
    describe_file,
    restore_backup,
    verify_backup_file,
)
from cchc_desktop.errors import CchcError
from cchc_desktop.instance_lock import InstanceLock
from cchc_desktop.paths import ensure_data_dir, resolve_data_dir
from cchc_desktop.undo import UndoStack
from cchc_desktop.workspace import Workspace
from ui.dialogs import TITLE, confirm
from ui.errors import show_error

log = logging.getLogger(__name__)

COLUMNS = ("Thời điểm sao lưu", "Loại", "Kế hoạch", "Nhiệm vụ")
TIME_COLUMN, REASON_COLUMN, PLANS_COLUMN, TASKS_COLUMN = range(len(COLUMNS))
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UNREADABLE = "tệp hỏng, không đọc được"


def when(info: BackupInfo) -> str:
    return f"{info.taken_at:%d/%m/%Y %H:%M:%S}"


def inform(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


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
            return when(info)
        if column == REASON_COLUMN:
            return info.reason_label if content else f"{info.reason_label} ({UNREADABLE})"
        if content is None:
            return "—"
        return str(content.plans if column == PLANS_COLUMN else content.tasks)


# Restoring -------------------------------------------------------------------

class RestoreDialog(QDialog):
    """Pick a backup and restore it; ``report`` holds what was restored after accept()."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.report: RestoreReport | None = None
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
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_button())

    def reload(self) -> None:
        self.model.set_backups(catalog(backups_dir(self.workspace.data_dir)))
        self.view.sortByColumn(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        first = next((r for r in range(self.proxy.rowCount()) if self.proxy.flags(self.proxy.index(r, 0))), None)
        if first is not None:
            self.view.selectRow(first)
        self._update_button()

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> tuple[BackupInfo, ContentSummary | None] | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.backup_at(self.proxy.mapToSource(rows[0]).row())

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen[1] is not None:
            self._confirm_and_restore(*chosen)

    def restore_other_file(self) -> None:
        path = choose_backup_file(self)
        if path is None:
            return
        try:
            content = verify_backup_file(path)
            info = describe_file(path)
        except (CchcError, OSError) as error:
            show_error(self, error)
            return
        self._confirm_and_restore(info, content)

    def _confirm_and_restore(self, info: BackupInfo, content: ContentSummary) -> None:
        question = (
            f"Khôi phục dữ liệu về bản sao lưu lúc {when(info)} "
            f"({content.plans} kế hoạch, {content.tasks} nhiệm vụ)?\n\n"
            "Dữ liệu hiện tại sẽ được thay thế; trước đó chương trình sao lưu nó để có thể quay lại."
        )
        if not confirm(self, question, yes="Khôi phục"):
            return
        try:
            self.report = restore_backup(self.workspace, info.path)
        except Exception as error:  # noqa: BLE001 - every failure reaches the one error display
            show_error(self, error)
            return
        self.accept()


def choose_backup_file(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Chọn tệp sao lưu", "", "Bản sao lưu CCHC (*.sqlite3);;Mọi tệp (*)"
    )
    return Path(path) if path else None


def restored_text(report: RestoreReport) -> str:
    text = (
        f"Đã khôi phục dữ liệu từ {report.source.name}: "
        f"{report.content.plans} kế hoạch, {report.content.tasks} nhiệm vụ."
    )
    if report.safety_copy:
        text += f"\n\nDữ liệu trước khi khôi phục được sao lưu tại:\n{report.safety_copy}"
    return text


def open_restore_dialog(window) -> RestoreReport | None:
    """"Khôi phục…": restore, then forget the undo history (it belongs to the old data) and refresh."""
    dialog = RestoreDialog(window.workspace, window)
    if not dialog.exec() or dialog.report is None:
        return None
    after_restore(window, dialog.report)
    inform(window, restored_text(dialog.report))
    return dialog.report


def after_restore(window, report: RestoreReport) -> None:
    operations = getattr(window, "operations", None)
    if operations is not None:
        operations.undo_stack = UndoStack(window.workspace.db)
        operations.undo_state_changed.emit()
    window.current_plan_id = None
    window.refresh_plans()


# Backing up to a chosen folder -----------------------------------------------

def choose_folder(parent: QWidget | None) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, "Chọn thư mục để lưu bản sao (ví dụ USB)")
    return Path(path) if path else None


def save_backup_to_chosen_folder(parent: QWidget | None, workspace: Workspace) -> BackupInfo | None:
    """"Sao lưu…": choose a folder, write a verified copy there, say where."""
    folder = choose_folder(parent)
    if folder is None:
        return None
    try:
        info = backup_to_folder(workspace, folder)
    except Exception as error:  # noqa: BLE001 - every failure reaches the one error display
        show_error(parent, error)
        return None
    inform(parent, f"Đã sao lưu dữ liệu vào:\n{info.path}")
    return info


def add_backup_actions(window) -> None:
    """"Sao lưu…" and "Khôi phục…" in the "Tệp" menu, above "Thoát"."""
    menu = getattr(window, "file_menu", None) or window.menuBar().addMenu("&Tệp")
    before = getattr(window, "quit_action", None)
    window.backup_action = menu.addAction("Sao lưu…")
    window.restore_action = menu.addAction("Khôi phục…")
    window.backup_action.triggered.connect(lambda _=False: save_backup_to_chosen_folder(window, window.workspace))
    window.restore_action.triggered.connect(lambda _=False: open_restore_dialog(window))
    if before is not None:
        menu.removeAction(window.backup_action)
        menu.removeAction(window.restore_action)
        menu.insertActions(before, [window.backup_action, window.restore_action])
        menu.insertSeparator(before)


# A damaged database at start-up ----------------------------------------------

class DamagedDatabaseDialog(QDialog):
    """Offers the latest good backup; ``choice`` is RESTORE or START_EMPTY after accept()."""

    RESTORE = "restore"
    START_EMPTY = "empty"

    def __init__(self, damage: integrity.DamagedDatabase, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cơ sở dữ liệu bị hỏng")
        self.setMinimumWidth(520)
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        self.message = QLabel(self._text(damage))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.restore_button = self._choice_button(layout, self._restore_label(damage), self.RESTORE)
        self.restore_button.setVisible(damage.latest_backup is not None)
        self.empty_button = self._choice_button(layout, "Bắt đầu với dữ liệu trống", self.START_EMPTY)
        self.quit_button = QPushButton("Thoát")
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(self.quit_button)
        (self.restore_button if damage.latest_backup else self.quit_button).setDefault(True)

    @staticmethod
    def _text(damage: integrity.DamagedDatabase) -> str:
        return (
            f"{damage.message}\n\n"
            f"Tệp hỏng sẽ được đổi tên thành {damage.db_path.name}.{integrity.DAMAGED_MARK}-<thời điểm> "
            "và giữ lại trong thư mục dữ liệu, không bị xóa."
        )

    @staticmethod
    def _restore_label(damage: integrity.DamagedDatabase) -> str:
        if damage.latest_backup is None:
            return "Khôi phục bản sao lưu"
        return f"Khôi phục bản sao lưu lúc {when(damage.latest_backup)}"

    def _choice_button(self, layout: QVBoxLayout, text: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: self._choose(choice))
        layout.addWidget(button)
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_about_damage(damage: integrity.DamagedDatabase) -> str | None:
    dialog = DamagedDatabaseDialog(damage)
    return dialog.choice if dialog.exec() else None


# The session: start-up to exit -----------------------------------------------

class DesktopSession:
    """What the window holds on its data directory while it runs: the instance lock,
    the log file and the workspace; ``close()`` backs up (if anything changed) and lets go."""

    def __init__(self, lock: InstanceLock, log_file: LogFile, workspace: Workspace):
        self.lock = lock
        self.log_file = log_file
        self.workspace = workspace
        self._changes_at_open = workspace.db.conn.total_changes

    def backup(self, reason: str) -> BackupInfo | None:
        info = automatic_backup(self.workspace, reason)
        self._changes_at_open = self.workspace.db.conn.total_changes
        return info

    def close(self) -> None:
        if self.lock is None:
            return
        try:
            if self.workspace.db.conn.total_changes != self._changes_at_open:
                self.backup("close")
        except Exception as error:  # noqa: BLE001 - the window is closing; the log is the only place left
            log_error(error)
        finally:
            self.workspace.close()
            self.log_file.close()
            self.lock.release()
            self.lock = None


def open_desktop_session(
    data_dir_override=None,
    interactive: bool = True,
    ask: Callable[[integrity.DamagedDatabase], str | None] | None = None,
    warn: Callable[[BaseException], None] | None = None,
) -> DesktopSession | None:
    """Start-up: instance lock, log file, checked open (offering the latest good backup
    when the database is damaged), backup at open. None when the user chose to quit.

    Not ``interactive`` (``--screenshot``): a damaged database is raised, not asked about.
    """
    ask = ask or (ask_about_damage if interactive else _refuse)
    warn = warn or ((lambda error: show_error(None, error)) if interactive else log_error)
    data_dir = ensure_data_dir(resolve_data_dir(data_dir_override))
    lock = InstanceLock(data_dir).acquire()
    log_file = LogFile(data_dir)
    try:
        workspace = _open_or_recover(data_dir, ask)
    except BaseException:
        log_file.close()
        lock.release()
        raise
    if workspace is None:
        log_file.close()
        lock.release()
        return None
    session = DesktopSession(lock, log_file, workspace)
    try:
        session.backup("open")
    except CchcError as error:  # the data are fine; the user should still hear backups fail
        warn(error)
    return session


def _refuse(damage: integrity.DamagedDatabase) -> str | None:
    raise damage


def _open_or_recover(data_dir: Path, ask) -> Workspace | None:
    try:
        return integrity.open_checked(data_dir)
    except integrity.DamagedDatabase as damage:
        log_error(damage)
        choice = ask(damage)
        if choice == DamagedDatabaseDialog.RESTORE and damage.latest_backup is not None:
            recovery = integrity.recover_from_backup(data_dir, damage.latest_backup.path)
        elif choice == DamagedDatabaseDialog.START_EMPTY:
            recovery = integrity.start_empty(data_dir)
        else:
            return None
        log.info("damaged database set aside as %s", recovery.set_aside)
        return recovery.workspace
