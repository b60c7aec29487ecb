"""The baseline of the start-up target: a bare PySide6 window showing an empty
QTableView, rendered and saved like ``cchc-desktop --screenshot`` does."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1366, 768)
window.show()
app.processEvents()
window.grab().save(sys.argv[1])
