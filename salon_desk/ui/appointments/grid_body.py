"""The painted body of the booking grid: one column per beautician (or per day), rows of
15 minutes over business hours, shaded where she is off, coloured blocks for bookings,
a red line at "now". A tap on an empty cell or on a booking is reported as a signal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

import salon_desk.ui.widgets.none_guard  # noqa: F401  (QPainter drops references to None)
from salon_desk.booking.rows import BookingRow
from salon_desk.booking.rules import BUSY
from salon_desk.core.clock import local_datetime
from salon_desk.ui.appointments.grid_column import GridColumn
from salon_desk.ui.appointments.texts import countdown, hm

ROW_H = 28  # one 15-minute row
TIME_W = 64  # the time axis
COL_MIN = 128
STEP = timedelta(minutes=15)
TAP_SLOP = 12  # px a finger may move and still tap

#: fill, border, text per status
COLOURS: dict[str, tuple[str, str, str]] = {
    "booked": ("#d6e8fa", "#2a6fb0", "#0d2a45"),
    "arrived": ("#ffe9b0", "#b26a00", "#3d2600"),
    "in_service": ("#cdebd3", "#2e7d32", "#0f3313"),
    "completed": ("#e4e2de", "#8a857d", "#3d3a35"),
}
LATE = "#b3261e"
OFF = QColor("#ebe7e1")


class GridBody(QWidget):
    cell_tapped = Signal(int, object)  # column index, aware datetime
    booking_tapped = Signal(int)  # booking id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[GridColumn] = []
        self.opens = time(9)
        self.closes = time(21)
        self.tz: tzinfo | None = None
        self.now: datetime | None = None
        self.col_w = COL_MIN
        self.selected: int | None = None  # the booking picked up for a move
        self._press: QPoint | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # --- data ---------------------------------------------------------------------------
    def set_data(
        self,
        columns: Sequence[GridColumn],
        opens: time,
        closes: time,
        tz: tzinfo,
        now: datetime,
    ) -> None:
        self.columns = list(columns)
        self.opens, self.closes, self.tz, self.now = opens, closes, tz, now
        self._resize()
        self.update()

    def set_now(self, now: datetime) -> None:
        self.now = now
        self.update()

    def fit_width(self, width: int) -> None:
        n = max(1, len(self.columns))
        self.col_w = max(COL_MIN, (width - TIME_W) // n)
        self._resize()

    @property
    def rows(self) -> int:
        start = self.opens.hour * 60 + self.opens.minute
        end = self.closes.hour * 60 + self.closes.minute
        return max(1, (end - start) // 15)

    def _resize(self) -> None:
        self.setFixedSize(TIME_W + self.col_w * max(1, len(self.columns)), self.rows * ROW_H + 1)

    # --- geometry ---------------------------------------------------------------------------
    def _start_of(self, day: date) -> datetime:
        assert self.tz is not None
        return local_datetime(day, self.opens, self.tz)

    def y_of(self, day: date, instant: datetime) -> int:
        minutes = (instant - self._start_of(day)).total_seconds() / 60
        return round(minutes / 15 * ROW_H)

    def x_of(self, index: int) -> int:
        return TIME_W + index * self.col_w

    def cell_at(self, point: QPoint) -> tuple[int, datetime] | None:
        if point.x() < TIME_W or not self.columns:
            return None
        index = (point.x() - TIME_W) // self.col_w
        row = point.y() // ROW_H
        if not 0 <= index < len(self.columns) or not 0 <= row < self.rows:
            return None
        return index, self._start_of(self.columns[index].day) + STEP * row

    def booking_at(self, point: QPoint) -> BookingRow | None:
        found = self.cell_at(point)
        if found is None:
            return None
        index, _start = found
        column = self.columns[index]
        for row in column.bookings:
            if row.status not in BUSY:
                continue
            if self.block_rect(index, row).contains(point):
                return row
        return None

    def block_rect(self, index: int, row: BookingRow) -> QRect:
        day = self.columns[index].day
        top = self.y_of(day, row.starts_at)
        bottom = self.y_of(day, row.ends_at)
        return QRect(self.x_of(index) + 3, top + 1, self.col_w - 6, max(ROW_H, bottom - top) - 2)

    # --- input -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        start, self._press = self._press, None
        if start is None or (point - start).manhattanLength() > TAP_SLOP:
            return
        self.tap(point)

    def tap(self, point: QPoint) -> None:
        booking = self.booking_at(point)
        if booking is not None and self.selected is None:
            self.booking_tapped.emit(booking.id)
            return
        found = self.cell_at(point)
        if found is not None:
            self.cell_tapped.emit(found[0], found[1])

    def point_of(self, index: int, instant: datetime) -> QPoint:
        """The middle of the cell of ``instant`` in column ``index`` (for tests and moves)."""
        day = self.columns[index].day
        return QPoint(self.x_of(index) + self.col_w // 2, self.y_of(day, instant) + ROW_H // 2)

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        if self.tz is None:
            return
        clip = event.rect()
        self._paint_shading(p)
        self._paint_lines(p, clip)
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        fonts = (base, bold)
        for index, column in enumerate(self.columns):
            for row in column.bookings:
                if row.status in BUSY and self.block_rect(index, row).intersects(clip):
                    self._paint_block(p, index, row, fonts)
        self._paint_now(p)
        p.end()

    def _paint_shading(self, p: QPainter) -> None:
        """Off time is shaded: the column grey, then her working windows white."""
        white = QColor("white")
        for index, column in enumerate(self.columns):
            x = self.x_of(index)
            p.fillRect(x, 0, self.col_w, self.height(), OFF)
            for window in column.windows:
                top = max(0, self.y_of(column.day, window.start))
                bottom = min(self.height(), self.y_of(column.day, window.end))
                if bottom > top:
                    p.fillRect(x, top, self.col_w, bottom - top, white)

    def _paint_lines(self, p: QPainter, clip: QRect) -> None:
        light, dark = QPen(QColor("#ece8e2")), QPen(QColor("#bdb6ab"))
        width = self.width()
        label_font = QFont(self.font())
        label_font.setPointSizeF(max(8.0, self.font().pointSizeF() * 0.85))
        p.setFont(label_font)
        start_min = self.opens.hour * 60 + self.opens.minute
        for r in range(self.rows + 1):
            y = r * ROW_H
            if y < clip.top() - ROW_H or y > clip.bottom() + ROW_H:
                continue
            minute = start_min + r * 15
            p.setPen(dark if minute % 60 == 0 else light)
            p.drawLine(TIME_W if minute % 60 else 0, y, width, y)
            if minute % 30 == 0 and r < self.rows:
                p.setPen(QColor("#3d3a35") if minute % 60 == 0 else QColor("#8a857d"))
                p.drawText(
                    QRect(0, y, TIME_W - 8, ROW_H),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    f"{minute // 60:02d}:{minute % 60:02d}",
                )
        p.setPen(dark)
        for index in range(len(self.columns) + 1):
            x = self.x_of(index)
            p.drawLine(x, 0, x, self.height())

    def _paint_block(
        self, p: QPainter, index: int, row: BookingRow, fonts: tuple[QFont, QFont]
    ) -> None:
        assert self.tz is not None and self.now is not None
        fill, border, ink = COLOURS.get(row.status, COLOURS["completed"])
        rect = self.block_rect(index, row)
        late = countdown(row, self.now)
        p.setPen(QPen(QColor(LATE if late else border), 3 if late else 2))
        if row.id == self.selected:
            p.setPen(QPen(QColor("#6a1b9a"), 4, Qt.PenStyle.DashLine))
        p.setBrush(QColor(fill))
        p.drawRoundedRect(rect, 6, 6)
        p.setPen(QColor(ink))
        inner = rect.adjusted(6, 3, -6, -3)
        base, bold = fonts
        p.setFont(bold)
        mark = "点" if row.requested else "轮"
        first = f"{hm(row.starts_at, self.tz)} {row.guest_name}"
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

    def _paint_now(self, p: QPainter) -> None:
        assert self.tz is not None
        if self.now is None:
            return
        today = self.now.astimezone(self.tz).date()
        p.setPen(QPen(QColor(LATE), 2))
        for index, column in enumerate(self.columns):
            if column.day != today:
                continue
            y = self.y_of(column.day, self.now)
            if 0 <= y <= self.height():
                p.drawLine(self.x_of(index), y, self.x_of(index) + self.col_w, y)
                p.setBrush(QColor(LATE))
                p.drawEllipse(QPoint(self.x_of(index) + 3, y), 4, 4)
