"""One booking's block on the grid: coloured by status, a red border and countdown when
she is late, a dashed outline when it is picked up to move."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from salon_desk.booking.rows import BookingRow
from salon_desk.ui.appointments.texts import countdown, hm

#: fill, border, text per status
COLOURS: dict[str, tuple[str, str, str]] = {
    "booked": ("#d6e8fa", "#2a6fb0", "#0d2a45"),
    "arrived": ("#ffe9b0", "#b26a00", "#3d2600"),
    "in_service": ("#cdebd3", "#2e7d32", "#0f3313"),
    "completed": ("#e4e2de", "#8a857d", "#3d3a35"),
}
LATE = "#b3261e"
PICKED = "#6a1b9a"


def paint_block(
    p: QPainter,
    rect: QRect,
    row: BookingRow,
    now: datetime | None,
    tz: tzinfo,
    picked: bool,
    fonts: tuple[QFont, QFont],
) -> None:
    fill, border, ink = COLOURS.get(row.status, COLOURS["completed"])
    late = countdown(row, now) if now is not None else ""
    p.setPen(QPen(QColor(LATE if late else border), 3 if late else 2))
    if picked:
        p.setPen(QPen(QColor(PICKED), 4, Qt.PenStyle.DashLine))
    p.setBrush(QColor(fill))
    p.drawRoundedRect(rect, 6, 6)
    p.setPen(QColor(ink))
    inner = rect.adjusted(6, 3, -6, -3)
    base, bold = fonts
    p.setFont(bold)
    mark = "点" if row.requested else "轮"
    first = f"{hm(row.starts_at, tz)} {row.guest_name}"
    metrics = p.fontMetrics()
    line_h = metrics.height()
    mark_w = metrics.horizontalAdvance(mark) + 6
    first = metrics.elidedText(first, Qt.TextElideMode.ElideRight, inner.width() - mark_w)
    p.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), first)
    p.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), mark)
    p.setFont(base)
    lines = [row.service_names]
    if late:
        lines.insert(0, late)
    y = inner.top() + line_h
    for k, text in enumerate(lines):
        if y + line_h > inner.bottom() + 4:
            break
        p.setPen(QColor(LATE) if late and k == 0 else QColor(ink))
        elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        p.drawText(QRect(inner.left(), y, inner.width(), line_h), 0, elided)
        y += line_h
