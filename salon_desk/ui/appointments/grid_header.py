"""The column titles above the booking grid; they follow its horizontal scrolling."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from salon_desk.ui.appointments.grid_body import TIME_W, GridBody

HEADER_H = 52


class GridHeader(QWidget):
    def __init__(self, body: GridBody, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = body
        self.offset = 0
        self.setFixedHeight(HEADER_H)

    def set_offset(self, value: int) -> None:
        self.offset = value
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ebe7e1"))
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(8.0, self.font().pointSizeF() * 0.8))
        for index, column in enumerate(self.body.columns):
            x = self.body.x_of(index) - self.offset
            if x + self.body.col_w < TIME_W:
                continue
            rect = QRect(x, 0, self.body.col_w, HEADER_H)
            p.setPen(QColor("#bdb6ab"))
            p.drawLine(x, 0, x, HEADER_H)
            p.setPen(QColor("#1c1b1f"))
            p.setFont(bold)
            top = rect.adjusted(4, 4, -4, -HEADER_H // 2)
            p.drawText(top, int(Qt.AlignmentFlag.AlignCenter), column.title)
            if column.marker:
                p.setFont(small)
                p.setPen(QColor("#1f6f78"))
                low = rect.adjusted(4, HEADER_H // 2, -4, -2)
                p.drawText(low, int(Qt.AlignmentFlag.AlignCenter), column.marker)
        p.fillRect(0, 0, TIME_W, HEADER_H, QColor("#ebe7e1"))
        p.end()
