"""A signature pad for a finger or a mouse: strokes are drawn as they are made, kept as
points (what the ledger stores) and rendered to a PNG (kept with them for printing)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

import salon_desk.ui.widgets.none_guard  # noqa: F401  (QPainter drops references to None)
from salon_desk.core.i18n import _
from salon_desk.ui.style import MUTED

Strokes = list[list[list[float]]]
INK = QColor("#1a237e")
PEN_WIDTH = 3.0
MAX_POINTS = 5000  # the ledger refuses more


def paint_strokes(p: QPainter, strokes: Strokes, scale: float = 1.0) -> None:
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(INK, PEN_WIDTH * scale)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    for stroke in strokes:
        points = [QPointF(x * scale, y * scale) for x, y in stroke]
        if len(points) == 1:
            p.drawPoint(points[0])
        for a, b in pairwise(points):
            p.drawLine(a, b)


def render_png(strokes: Strokes, size: QSize) -> bytes:
    """The signature on white, as PNG bytes (empty bytes for no strokes)."""
    if not any(strokes):
        return b""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    paint_strokes(p, strokes)
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
    buffer.close()
    return bytes(data.data())


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: Strokes = []
        self._drawing = False
        self.setMinimumSize(560, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touch → mouse
        self.setCursor(Qt.CursorShape.CrossCursor)

    # --- what was signed ---------------------------------------------------------------
    def strokes(self) -> Strokes:
        return [[list(pt) for pt in stroke] for stroke in self._strokes if stroke]

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def points(self) -> int:
        return sum(len(s) for s in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def png_bytes(self) -> bytes:
        return render_png(self.strokes(), self.size())

    # --- drawing -----------------------------------------------------------------------
    def _add(self, pos: QPointF, *, new: bool) -> None:
        x = min(max(pos.x(), 0.0), float(self.width()))
        y = min(max(pos.y(), 0.0), float(self.height()))
        if self.points() >= MAX_POINTS:
            return
        if new or not self._strokes:
            self._strokes.append([])
        stroke = self._strokes[-1]
        if stroke and abs(stroke[-1][0] - x) < 1 and abs(stroke[-1][1] - y) < 1:
            return
        stroke.append([round(x, 1), round(y, 1)])
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drawing = True
            self._add(event.position(), new=True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self._add(event.position(), new=False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            self._add(event.position(), new=False)
            self._drawing = False
            self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor(MUTED), 1, Qt.PenStyle.DashLine))
        base = self.height() - 40
        p.drawLine(24, base, self.width() - 24, base)
        if self.is_empty():
            p.drawText(
                self.rect().adjusted(0, 0, 0, -48),
                Qt.AlignmentFlag.AlignCenter,
                _("Please sign here"),
            )
        paint_strokes(p, self._strokes)
        p.end()
