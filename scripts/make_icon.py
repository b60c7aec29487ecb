"""Draw the application icon into resources/icons/: one PNG per size and a multi-size .ico.

Run by hand after changing the design (the files are committed):
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py

The emblem: a civic-red rounded square, a thin gold frame, "CCHC" in bold white
Liberation Serif (two lines of "CC" / "HC" below 48 px, where one line of four letters would
blur), and, from 48 px up, a gold star above the word.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from cchc_desktop.paths import resource  # noqa: E402

SIZES = (16, 32, 48, 64, 128, 256)
RED_TOP, RED_BOTTOM = QColor("#c62828"), QColor("#8e1414")
GOLD = QColor("#f2c94c")
WHITE = QColor("#ffffff")


def png_name(size: int) -> str:
    return f"cchc-{size}.png"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = float(size)
    _background(painter, s)
    if size >= 48:
        _star(painter, QPointF(s / 2, s * 0.29), s * 0.13)
        _text(painter, QRectF(0, s * 0.40, s, s * 0.42), "CCHC", s * 0.245)
    else:
        _text(painter, QRectF(0, s * 0.03, s, s * 0.48), "CC", s * 0.47)
        _text(painter, QRectF(0, s * 0.49, s, s * 0.48), "HC", s * 0.47)
    painter.end()
    return image


def _background(painter: QPainter, s: float) -> None:
    margin = s / 32
    outer = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(outer.topLeft(), outer.bottomLeft())
    gradient.setColorAt(0, RED_TOP)
    gradient.setColorAt(1, RED_BOTTOM)
    path = QPainterPath()
    path.addRoundedRect(outer, s * 0.18, s * 0.18)
    painter.fillPath(path, gradient)
    if s >= 48:  # a gold frame inside the edge; smaller, it would crowd the letters
        inset = s * 0.07
        frame = outer.adjusted(inset, inset, -inset, -inset)
        painter.setPen(QPen(GOLD, max(1.0, s / 64)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame, s * 0.12, s * 0.12)


def _star(painter: QPainter, centre: QPointF, radius: float) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GOLD)
    painter.drawPolygon(QPolygonF(points))


def _text(painter: QPainter, box: QRectF, text: str, pixel_size: float) -> None:
    font = QFont("Liberation Serif")
    font.setBold(True)
    font.setPixelSize(max(6, round(pixel_size)))
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    painter.setFont(font)
    painter.setPen(WHITE)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(images))
        images += data
    return header + entries + images


def main() -> int:
    from ui.fonts import register_fonts

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need it
    if "Liberation Serif" not in register_fonts():
        print("Lỗi: không nạp được phông Liberation Serif.", file=sys.stderr)
        return 1
    folder = resource("icons")
    folder.mkdir(exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in SIZES}
    for size, data in pngs.items():
        (folder / png_name(size)).write_bytes(data)
    (folder / "cchc.ico").write_bytes(ico_bytes(pngs))
    print(f"Đã ghi {len(pngs)} ảnh PNG và cchc.ico vào {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
