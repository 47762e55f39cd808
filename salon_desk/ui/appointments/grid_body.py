"""The painted body of the booking grid: one column per beautician (or per day), rows of
15 minutes over business hours, shaded where she is off, coloured blocks for bookings,
a red line at "now". A tap on an empty cell or on a booking is reported as a signal, and
so is a booking dragged (finger or mouse) and let go on another cell."""

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
from salon_desk.ui.appointments.grid_block import paint_block
from salon_desk.ui.appointments.grid_column import GridColumn
from salon_desk.ui.appointments.grid_drag import MOVABLE, Drag, paint_ghost

ROW_H = 28  # one 15-minute row
TIME_W = 64  # the time axis
COL_MIN = 128
STEP = timedelta(minutes=15)
TAP_SLOP = 12  # px a finger may move and still tap

LATE = "#b3261e"
OFF = QColor("#ebe7e1")


class GridBody(QWidget):
    cell_tapped = Signal(int, object)  # column index, aware datetime
    booking_tapped = Signal(int)  # booking id
    booking_dropped = Signal(int, int, object)  # booking id, column index, new start
    dragging = Signal(QPoint)  # where a booking is being dragged (to scroll along)

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
        self.drag: Drag | None = None  # a booking being dragged to another cell
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
        if self.drag is not None:  # the columns changed under a drag: find the cell again
            self.drag.target = None
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
        point = event.position().toPoint()
        self._press = point
        self.drag = self.pick_up(point)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag, start = self.drag, self._press
        if drag is None or start is None:
            return
        point = event.position().toPoint()
        if not drag.active and (point - start).manhattanLength() <= TAP_SLOP:
            return
        drag.active = True
        drag.target = self.drop_at(point, drag)
        self.dragging.emit(point)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        start, self._press = self._press, None
        drag, self.drag = self.drag, None
        if drag is not None and drag.active:
            self.update()
            target = self.drop_at(point, drag)
            if target is not None and drag.moved(*target):
                self.booking_dropped.emit(drag.row.id, target[0], target[1])
            return
        if start is None or (point - start).manhattanLength() > TAP_SLOP:
            return
        self.tap(point)

    def pick_up(self, point: QPoint) -> Drag | None:
        """A press on a booking that can still move may become a drag (not while a
        two-tap move is waiting for its second tap)."""
        booking = self.booking_at(point) if self.selected is None else None
        found = self.cell_at(point)
        if booking is None or found is None or booking.status not in MOVABLE:
            return None
        top = self.block_rect(found[0], booking).top()
        return Drag(found[0], booking, point.y() - top, point)

    def drop_at(self, point: QPoint, drag: Drag) -> tuple[int, datetime] | None:
        """The column and the 15-minute start the dragged booking's top would land on."""
        if point.x() < TIME_W or not self.columns:
            return None
        index = (point.x() - TIME_W) // self.col_w
        if not 0 <= index < len(self.columns):
            return None
        row = round((point.y() - drag.grab_dy) / ROW_H)
        row = max(0, min(self.rows - 1, row))
        return index, self._start_of(self.columns[index].day) + STEP * row

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
        drag = self.drag
        picked = {self.selected, drag.row.id if drag is not None and drag.active else None}
        for index, column in enumerate(self.columns):
            for row in column.bookings:
                if row.status in BUSY and self.block_rect(index, row).intersects(clip):
                    rect = self.block_rect(index, row)
                    paint_block(p, rect, row, self.now, self.tz, row.id in picked, fonts)
        self._paint_now(p)
        if drag is not None and drag.active and drag.target is not None:
            index, start = drag.target
            ghost = self.block_rect(index, drag.row)
            ghost.moveTop(self.y_of(self.columns[index].day, start) + 1)
            clash = drag.clashes(start, self.columns[index].bookings)
            paint_ghost(p, ghost, drag.row, start, self.tz, clash)
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
