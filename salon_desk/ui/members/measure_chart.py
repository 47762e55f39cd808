"""A line chart of one measurement over the visits (a picture, not only a table)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

import salon_desk.ui.widgets.none_guard  # noqa: F401  (QPainter drops references to None)
from salon_desk.core.i18n import _
from salon_desk.members.record_service import Point
from salon_desk.ui.style import MUTED, PRIMARY

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 24, 24, 36, 40
INSET = 40  # room for the first and last value labels


class MeasureChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Point] = []
        self.title = ""
        self.unit = ""
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_series(self, title: str, unit: str, points: list[Point]) -> None:
        self.title, self.unit, self.points = title, unit, list(points)
        self.update()

    def plot_positions(self) -> list[QPointF]:
        """Where each point is drawn (oldest on the left, the highest value at the top)."""
        if not self.points:
            return []
        area = self._area()
        values = [float(p.value) for p in self.points]
        low, high = min(values), max(values)
        if high - low < 1:
            low, high = low - 1, high + 1
        pad = (high - low) * 0.15
        low, high = low - pad, high + pad
        n = len(self.points)
        inner = area.adjusted(INSET, 0, -INSET, 0)
        return [
            QPointF(
                inner.left() + (inner.width() * i / (n - 1) if n > 1 else inner.width() / 2),
                area.bottom() - (v - low) / (high - low) * area.height(),
            )
            for i, v in enumerate(values)
        ]

    def _area(self) -> QRectF:
        return QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            max(10, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
            max(10, self.height() - MARGIN_TOP - MARGIN_BOTTOM),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        area = self._area()
        p.setPen(QPen(QColor(MUTED), 1))
        p.drawLine(area.bottomLeft(), area.bottomRight())
        p.drawLine(area.bottomLeft(), area.topLeft())
        p.setPen(QColor("black"))
        p.drawText(
            QRectF(0, 4, self.width(), 28),
            Qt.AlignmentFlag.AlignHCenter,
            f"{self.title} ({self.unit})" if self.title else "",
        )
        if not self.points:
            p.setPen(QColor(MUTED))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, _("No measurements yet."))
            p.end()
            return
        spots = self.plot_positions()
        p.setPen(QPen(QColor(PRIMARY), 3))
        for a, b in pairwise(spots):
            p.drawLine(a, b)
        p.setBrush(QColor(PRIMARY))
        gap = spots[1].x() - spots[0].x() if len(spots) > 1 else area.width()
        every = max(1, int(56 // max(gap, 1)) + (1 if gap < 56 else 0))
        for i, (spot, point) in enumerate(zip(spots, self.points, strict=True)):
            p.setPen(QPen(QColor(PRIMARY), 2))
            p.drawEllipse(spot, 5, 5)
            p.setPen(QColor("black"))
            p.drawText(
                QRectF(spot.x() - 40, spot.y() - 28, 80, 20),
                Qt.AlignmentFlag.AlignHCenter,
                f"{point.value:.1f}",
            )
            if (len(spots) - 1 - i) % every == 0:  # counted from the newest visit
                p.setPen(QColor(MUTED))
                p.drawText(
                    QRectF(spot.x() - 40, area.bottom() + 6, 80, 20),
                    Qt.AlignmentFlag.AlignHCenter,
                    point.day.strftime("%m-%d"),
                )
        p.end()
