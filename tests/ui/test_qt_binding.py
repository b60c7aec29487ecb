"""The Qt binding must not lose references to None, True or False.

PySide6-Essentials 6.12.0 on Python 3.11 dropped one reference to None at every call of
a Qt method returning nothing (and to True at every signal emitted, and to None at every
Python ``data()`` returning None): after some hours of work the count reaches zero and
the program aborts ("Fatal Python error: none_dealloc"). The pinned version must not.
Runs in a fresh interpreter: an abort must fail this test, not the whole session.
"""

import subprocess
import sys

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QAbstractTableModel, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

class Emitter(QObject):
    fired = Signal()

class Model(QAbstractTableModel):
    def rowCount(self, parent=None): return 1
    def columnCount(self, parent=None): return 1
    def data(self, index, role=Qt.ItemDataRole.DisplayRole): return None

app = QApplication([])
emitter, model = Emitter(), Model()
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(1000):
    emitter.setObjectName("x")
    emitter.fired.emit()
    model.index(0, 0).data()
    emitter.blockSignals(False)
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*[a - b for a, b in zip(after, before)])
"""


def test_no_references_to_none_true_or_false_are_lost():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lost = [int(n) for n in result.stdout.split()]
    assert all(abs(n) < 50 for n in lost), f"references lost (None, True, False): {lost}"
