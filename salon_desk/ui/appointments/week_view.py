"""One beautician's week: seven columns (Monday to Sunday) on the same grid as the day.
Tap an empty cell to book her then, tap a booking to open it, drag a booking to another
day or time to move it (after a confirmation)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import BookingRow
from salon_desk.booking.rules import Span, work_windows
from salon_desk.core.clock import local_datetime, local_day
from salon_desk.ui.appointments.booking_actions import BookingActions
from salon_desk.ui.appointments.booking_grid import BookingGrid
from salon_desk.ui.appointments.grid_column import GridColumn
from salon_desk.ui.appointments.texts import day_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.touch import make_touch_scrollable


class WeekView(QWidget):
    def __init__(self, ctx: UiContext, taps: BookingActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.taps = taps
        self.staff_id: int | None = None
        today = local_day(ctx.core.clock.now(), ctx.core.settings.tz())
        self.monday = today - timedelta(days=today.weekday())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # One button per beautician in a strip that scrolls sideways: thirty of them must
        # not make the window wider than the screen.
        self.strip = QScrollArea(self)
        self.strip.setFrameShape(QFrame.Shape.NoFrame)
        self.strip.setWidgetResizable(True)
        self.strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.strip.setFixedHeight(TOUCH + 24)  # the buttons and a slim scroll bar
        make_touch_scrollable(self.strip)
        holder = QWidget(self.strip)
        self.chooser = QHBoxLayout(holder)
        self.chooser.setContentsMargins(0, 0, 0, 0)
        self.strip.setWidget(holder)
        layout.addWidget(self.strip)
        self.group = QButtonGroup(self)
        self.staff_buttons: dict[int, BigButton] = {}
        for staff_id, number, name in ctx.service(RosterService).beauticians():
            button = BigButton(f"{number}号 {name}", holder)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, s=staff_id: self.choose(s))
            self.group.addButton(button)
            self.staff_buttons[staff_id] = button
            self.chooser.addWidget(button)
        self.chooser.addStretch(1)
        self.grid = BookingGrid(self)
        layout.addWidget(self.grid, 1)
        self.grid.body.cell_tapped.connect(self.cell_tapped)
        self.grid.body.booking_tapped.connect(taps.open_booking)
        self.grid.body.booking_dropped.connect(self.dropped)
        if self.staff_buttons:
            first = next(iter(self.staff_buttons))
            self.staff_buttons[first].setChecked(True)
            self.staff_id = first

    def choose(self, staff_id: int) -> None:
        self.staff_id = staff_id
        self.staff_buttons[staff_id].setChecked(True)
        self.strip.ensureWidgetVisible(self.staff_buttons[staff_id])
        self.refresh()

    def set_day(self, day: date) -> None:
        self.monday = day - timedelta(days=day.weekday())
        self.refresh()

    def refresh(self) -> None:
        core = self.ctx.core
        tz = core.settings.tz()
        columns: list[GridColumn] = []
        if self.staff_id is not None:
            rows = self.ctx.service(BookingService).week(self.staff_id, self.monday)
            roster = self.ctx.service(RosterService)
            for offset in range(7):
                day = self.monday + timedelta(days=offset)
                shift = next((r for r in roster.roster(day) if r.staff_id == self.staff_id), None)
                windows: tuple[Span, ...] = ()
                if shift and not shift.day_off and shift.starts_at and shift.ends_at:
                    windows = tuple(
                        work_windows(
                            shift.starts_at, shift.ends_at, shift.break_from, shift.break_until
                        )
                    )
                mine: tuple[BookingRow, ...] = tuple(r for r in rows if r.day == day)
                noon = local_datetime(day, core.settings.get("hours.open"), tz)
                columns.append(GridColumn(self.staff_id, day, day_text(noon, tz), windows, mine))
        self.grid.body.set_data(
            columns,
            core.settings.get("hours.open"),
            core.settings.get("hours.close"),
            tz,
            core.clock.now(),
        )
        self.grid.refit()

    def cell_tapped(self, index: int, start: datetime) -> None:
        column = self.grid.body.columns[index]
        if self.taps.moving is not None:
            label = self.staff_buttons[column.staff_id].text()
            self.taps.move_to(column.staff_id, start, label)
            return
        self.taps.new_booking(column.day, start, column.staff_id)

    def dropped(self, booking_id: int, index: int, start: datetime) -> None:
        """A booking dragged to another day or time of her week: confirmed, then moved."""
        body = self.grid.body
        row = next((r for c in body.columns for r in c.bookings if r.id == booking_id), None)
        if row is None:
            return
        column = body.columns[index]
        self.taps.drop(row, column.staff_id, start, self.staff_buttons[column.staff_id].text())
