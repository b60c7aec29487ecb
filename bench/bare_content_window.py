"""A second baseline for start-up: a bare PySide6 window showing the same table our
window shows first (the first plan's tasks, Liberation Serif, wrapped text, rows on
screen fitted), with none of the program around it: no database layer, no deadline
parsing, no menus, tabs, backups or log. Run by bench/run.py next to bare_window.py,
it tells the cost of Qt drawing the content from the cost of the program.

    python bench/bare_content_window.py DATA_DIR OUT.png
"""

import os
import sqlite3
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont, QFontDatabase, QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"

app = QApplication(sys.argv[:1])
for font_file in sorted(FONTS.glob("*.ttf")):
    QFontDatabase.addApplicationFont(str(font_file))
app.setFont(QFont("Liberation Serif", 11))
conn = sqlite3.connect(f"{(Path(sys.argv[1]) / 'cchc.sqlite3').resolve().as_uri()}?mode=ro", uri=True)
plan_id = conn.execute("SELECT id FROM plan WHERE deleted_at IS NULL ORDER BY year DESC, id DESC LIMIT 1").fetchone()[0]
rows = conn.execute("SELECT stt, content, lead, supporting, output, deadline_text FROM task "
                    "WHERE plan_id = ? ORDER BY stt", [plan_id]).fetchall()
model = QStandardItemModel(len(rows), 6)
model.setHorizontalHeaderLabels(["Stt", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Sản phẩm", "Thời gian hoàn thành"])
for row_number, row in enumerate(rows):
    for column, value in enumerate(row):
        model.setItem(row_number, column, QStandardItem(str(value)))
window = QMainWindow()
view = QTableView()
view.setModel(model)
view.setWordWrap(True)
view.setColumnWidth(1, 420)
window.setCentralWidget(view)
window.resize(1366, 768)
window.show()
app.processEvents()
for row_number in range(min(len(rows), 25)):  # the rows on screen
    view.resizeRowToContents(row_number)
app.processEvents()
window.grab().save(sys.argv[2])
