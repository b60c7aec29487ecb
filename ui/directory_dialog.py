"""Danh mục: the rooms and civil-servant titles that tasks name as lead or supporting.

Renaming or merging an entry rewrites every task that names it (the core does it, as
one undoable change); the table reloads whenever an edit touches the directory.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.edits import directory
from cchc_desktop.textnorm import clean, fold, sort_key
from ui.list_model import RowListModel
from ui.tables import configure_table

TITLE = "Danh mục phòng, bộ phận và chức danh"
COLUMNS = ("Tên", "Loại", "Số nhiệm vụ")
COLUMN_WIDTHS = (None, 150, 105)
KIND_LABELS = {"room": "Phòng/bộ phận", "title": "Chức danh"}
NAME, KIND, USES = range(3)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED_TABLES = {"party", "task_party", "task"}


@dataclass(frozen=True)
class Entry:
    id: int
    name: str
    kind: str
    uses: int
    folded: str
    key: tuple

    @classmethod
    def from_row(cls, row: dict) -> "Entry":
        return cls(row["id"], row["name"], row["kind"], row["uses"], fold(row["name"]), sort_key(row["name"]))


class DirectoryModel(RowListModel):
    columns = COLUMNS

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [Entry.from_row(row) for row in rows]
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def entries(self) -> list[Entry]:
        return list(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.item(index) is None:
            return None
        entry = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (entry.name, KIND_LABELS.get(entry.kind, entry.kind), str(entry.uses))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == USES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return entry.id
        return None


class DirectoryProxy(QSortFilterProxyModel):
    """Vietnamese dictionary order; the filter ignores case and diacritics."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._query = ""

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return self._query in self.sourceModel().entry(source_row).folded

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = self.sourceModel().entry(left.row()), self.sourceModel().entry(right.row())
        if left.column() == KIND:
            return (KIND_LABELS.get(a.kind, ""), a.key) < (KIND_LABELS.get(b.kind, ""), b.key)
        if left.column() == USES:
            return (a.uses, a.key) < (b.uses, b.key)
        return a.key < b.key


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A one-line question with Vietnamese buttons; None when cancelled."""
    dialog = _input_dialog(parent, title, label)
    dialog.setTextValue(text)
    return dialog.textValue() if dialog.exec() else None


def ask_choice(parent: QWidget, title: str, label: str, items: list[str]) -> str | None:
    dialog = _input_dialog(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    return dialog.textValue() if dialog.exec() else None


def _input_dialog(parent: QWidget, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    dialog.setMinimumWidth(480)
    return dialog


class DirectoryDialog(QDialog):
    def __init__(self, operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(TITLE)
        self.resize(780, 560)
        self.model = DirectoryModel(self)
        self.proxy = DirectoryProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên (gõ có dấu hoặc không dấu)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view = self._make_view()
        self.count_label = QLabel()
        self.add_button = QPushButton("Thêm…")
        self.rename_button = QPushButton("Đổi tên…")
        self.merge_button = QPushButton("Gộp vào…")
        self.kind_button = QPushButton("Đổi loại")
        self._build()
        operations.changed.connect(self._on_changed)
        self.reload()

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        configure_table(view, COLUMN_WIDTHS)
        view.setSortingEnabled(True)
        view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        view.doubleClicked.connect(lambda _index: self.rename_selected())
        return view

    def _build(self) -> None:
        hint = QLabel("Đổi tên hoặc gộp sẽ sửa tên ở mọi nhiệm vụ ghi mục đó (có thể hoàn tác).")
        hint.setWordWrap(True)
        actions = QHBoxLayout()
        for button, slot in ((self.add_button, self.add_entry), (self.rename_button, self.rename_selected),
                             (self.merge_button, self.merge_selected), (self.kind_button, self.toggle_kind)):
            button.setAutoDefault(False)  # Enter in the search box must not press a button
            button.clicked.connect(lambda _checked=False, s=slot: s())
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        close = QDialogButtonBox()
        close.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # Showing ----------------------------------------------------------------

    def reload(self, select_name: str | None = None) -> None:
        selected = self.selected_entry()
        self.model.set_rows(directory.directory_rows(self.operations.db))
        if select_name is not None:  # capitals aside: a rename may have merged into "Một cửa" from "một cửa"
            self.select_where(lambda entry: entry.name.casefold() == select_name.casefold())
        elif selected is not None:
            self.select_where(lambda entry: entry.id == selected.id)
        self.count_label.setText(f"{self.model.rowCount()} mục")
        self._update_buttons()

    def _on_changed(self, change) -> None:
        if change.touched & WATCHED_TABLES:
            self.reload()

    def selected_entry(self) -> Entry | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry(self.proxy.mapToSource(rows[0]).row())

    def select_where(self, wanted) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, NAME)
            if wanted(self.model.entry(self.proxy.mapToSource(index).row())):
                self.view.selectRow(row)
                self.view.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected_entry() is not None
        for button in (self.rename_button, self.merge_button, self.kind_button):
            button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.model.rowCount() > 1)

    # Editing ------------------------------------------------------------------

    def add_entry(self, name: str | None = None) -> None:
        if name is None:
            name = ask_text(self, "Thêm vào danh mục", "Tên phòng, bộ phận hoặc chức danh:")
        if name and self.operations.run(lambda: directory.add_party(self.operations.db, name)) is not None:
            self.reload(select_name=_stored_name(name))

    def rename_selected(self, new_name: str | None = None) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if new_name is None:
            new_name = ask_text(self, "Đổi tên trong danh mục",
                                f"Tên mới cho \"{entry.name}\" ({entry.uses} nhiệm vụ).\n"
                                "Nếu trùng một tên đã có, hai mục sẽ được gộp làm một:", entry.name)
        if new_name and self.operations.run(
                lambda: directory.rename_party(self.operations.db, entry.id, new_name)) is not None:
            self.reload(select_name=_stored_name(new_name))

    def merge_selected(self, into_id: int | None = None) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        targets = sorted((e for e in self.model.entries() if e.id != entry.id), key=lambda e: e.key)
        if into_id is None:
            label = f"Gộp \"{entry.name}\" ({entry.uses} nhiệm vụ) vào mục:"
            chosen = ask_choice(self, "Gộp mục trong danh mục", label, [e.name for e in targets])
            into_id = next((e.id for e in targets if e.name == chosen), None)
        target = next((e for e in targets if e.id == into_id), None)
        if target and self.operations.run(
                lambda: directory.merge_parties(self.operations.db, entry.id, target.id)) is not None:
            self.reload(select_name=target.name)

    def toggle_kind(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            kind = "room" if entry.kind == "title" else "title"
            self.operations.run(lambda: directory.set_party_kind(self.operations.db, entry.id, kind))


def _stored_name(name: str) -> str:
    """The name as the core stores it (tidied, no final full stop)."""
    return clean(name).rstrip(".")
