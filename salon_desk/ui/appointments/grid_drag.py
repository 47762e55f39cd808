"""Dragging a booking on the grid: what was picked up, where the finger holds it, where it
would land (snapped to a 15-minute row of a column), and the outline painted there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from salon_desk.booking.rows import BookingRow
from salon_desk.booking.rules import BUSY
from salon_desk.ui.appointments.texts import hm

#: A booking that may still be moved (the service refuses the others).
MOVABLE = ("booked", "arrived")
GHOST_FILL = QColor(106, 27, 154, 48)
GHOST_PEN = QColor("#6a1b9a")
CLASH_FILL = QColor(179, 38, 30, 56)
CLASH_PEN = QColor("#b3261e")


@dataclass
class Drag:
    index: int  # the column it was picked up from
    row: BookingRow
    grab_dy: int  # px from the block's top to where it is held
    press: QPoint
    active: bool = False  # moved past the tap slop
    target: tuple[int, datetime] | None = None  # column index and start it would land on

    def moved(self, index: int, start: datetime) -> bool:
        """Whether landing there changes anything (another time or another column)."""
        return index != self.index or start != self.row.starts_at

    def clashes(self, start: datetime, bookings: Sequence[BookingRow]) -> bool:
        """Whether another booking in that column would overlap it at ``start``."""
        end = start + (self.row.ends_at - self.row.starts_at)
        return any(
            b.id != self.row.id and b.status in BUSY and b.starts_at < end and start < b.ends_at
            for b in bookings
        )


def paint_ghost(
    p: QPainter, rect: QRect, row: BookingRow, start: datetime, tz: tzinfo, clash: bool
) -> None:
    """The outline where the dragged booking would land, with its new start time; red
    when she is already booked there (letting go there will be refused)."""
    pen = CLASH_PEN if clash else GHOST_PEN
    p.setPen(QPen(pen, 3, Qt.PenStyle.DashLine))
    p.setBrush(CLASH_FILL if clash else GHOST_FILL)
    p.drawRoundedRect(rect, 6, 6)
    p.setPen(pen)
    text = f"{hm(start, tz)} {row.guest_name}"
    inner = rect.adjusted(6, 3, -6, -3)
    elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
    p.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), elided)
