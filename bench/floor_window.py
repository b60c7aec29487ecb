"""A third baseline for start-up: the least program the brief's architecture allows to
show the first screen. Like bare_content_window.py it shows the first plan's tasks in
Liberation Serif, wrapped, rows on screen fitted; unlike it, the rows come from a Python
``QAbstractTableModel`` behind a ``QSortFilterProxyModel``, as every table of ``ui/``
does. Nothing else: no deadline parsing, no status, no menus, tabs, backups or log.

What it shows: Qt calls the model's ``data`` and ``headerData`` with its own enum types,
so PySide6 builds the Python enums of the whole ``Qt`` namespace in any program with a
Python model, even one that never names ``Qt`` itself (157 enums made in all here, 51 in
bare_window.py). That cost,
and the Python calls of the first paint, set a floor under the start-up ratio that
no trimming of our own code can go below.

    python bench/floor_window.py DATA_DIR OUT.png

Self-contained on purpose, like the other baselines: the window code it shares with
bare_content_window.py would otherwise be an import, and its time would be measured too.
"""

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
HEADERS = ("Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành")
DISPLAY = Qt.ItemDataRole.DisplayRole


class TaskTable(QAbstractTableModel):
    def __init__(self, rows: list[tuple]):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=DISPLAY):
        return str(self.rows[index.row()][index.column()]) if role == DISPLAY else None

    def headerData(self, section, orientation, role=DISPLAY):
        if role != DISPLAY:
            return None
        return HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)


def first_plan_tasks(data_dir: Path) -> list[tuple]:
    uri = f"{(data_dir / 'cchc.sqlite3').resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        plan_id = conn.execute("SELECT id FROM plan WHERE deleted_at IS NULL "
                               "ORDER BY year DESC, id DESC LIMIT 1").fetchone()[0]
        return conn.execute("SELECT stt, content, lead, supporting, output, deadline_text FROM task "
                            "WHERE plan_id = ? ORDER BY stt", [plan_id]).fetchall()


app = QApplication(sys.argv[:1])
for font_file in sorted(FONTS.glob("*.ttf")):
    QFontDatabase.addApplicationFont(str(font_file))
app.setFont(QFont("Liberation Serif", 11))
model = TaskTable(first_plan_tasks(Path(sys.argv[1])))
proxy = QSortFilterProxyModel()
proxy.setSourceModel(model)
window = QMainWindow()
view = QTableView()
view.setModel(proxy)
view.setWordWrap(True)
view.setColumnWidth(1, 420)
window.setCentralWidget(view)
window.resize(1366, 768)
window.show()
app.processEvents()
for row_number in range(min(model.rowCount(), 25)):  # the rows on screen
    view.resizeRowToContents(row_number)
app.processEvents()
window.grab().save(sys.argv[2])
