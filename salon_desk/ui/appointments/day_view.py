"""The day grid: one column per beautician on duty (rotation marks in the header), with
the walk-in and rotation panel beside it. Tap an empty cell to book there, tap a booking
to open it; "move" picks a booking up and the next tap puts it down, after a confirmation;
dragging a booking to another cell asks the same confirmation."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import BookingRow
from salon_desk.booking.rules import BUSY, work_windows
from salon_desk.core.clock import local_day
from salon_desk.core.i18n import _
from salon_desk.ui.appointments.booking_actions import BookingActions
from salon_desk.ui.appointments.booking_grid import BookingGrid
from salon_desk.ui.appointments.grid_column import GridColumn
from salon_desk.ui.appointments.texts import hm
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton


class DayView(QWidget):
    def __init__(self, ctx: UiContext, taps: BookingActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.taps = taps
        self.day: date = local_day(ctx.core.clock.now(), ctx.core.settings.tz())
        self.rows: list[BookingRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.move_bar = QWidget(self)
        bar = QHBoxLayout(self.move_bar)
        bar.setContentsMargins(8, 0, 8, 0)
        self.move_hint = QLabel(self.move_bar)
        self.move_hint.setProperty("role", "warn")
        bar.addWidget(self.move_hint, 1)
        stop = BigButton(_("Cancel move"), self.move_bar)
        stop.clicked.connect(taps.cancel_move)
        bar.addWidget(stop)
        self.move_bar.setVisible(False)
        layout.addWidget(self.move_bar)
        self.grid = BookingGrid(self)
        layout.addWidget(self.grid, 1)
        self.grid.body.cell_tapped.connect(self.cell_tapped)
        self.grid.body.booking_tapped.connect(taps.open_booking)
        self.grid.body.booking_dropped.connect(self.dropped)
        taps.move_started.connect(self.move_started)
        taps.move_ended.connect(self.move_ended)

    def set_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def refresh(self) -> None:
        core = self.ctx.core
        tz = core.settings.tz()
        now = core.clock.now()
        shifts = self.ctx.service(RosterService).on_duty(self.day)
        self.rows = self.ctx.service(BookingService).day(self.day)
        marks: dict[int, str] = {}
        if self.day == local_day(now, tz):
            for duty in self.ctx.service(RosterService).duty(self.day):
                mark = _("Turn {n}", n=duty.position)
                marks[duty.staff_id] = f"▶ {_('Next in turn')}" if duty.next_in_turn else mark
        columns = []
        for shift in shifts:
            assert shift.starts_at is not None and shift.ends_at is not None
            windows = work_windows(
                shift.starts_at, shift.ends_at, shift.break_from, shift.break_until
            )
            mine = tuple(r for r in self.rows if r.staff_id == shift.staff_id)
            columns.append(
                GridColumn(
                    shift.staff_id,
                    self.day,
                    f"{shift.number}号 {shift.name}",
                    tuple(windows),
                    mine,
                    marks.get(shift.staff_id, ""),
                )
            )
        on_duty = {c.staff_id for c in columns}
        for row in self.rows:  # booked with someone who is no longer on the roster
            if row.staff_id not in on_duty and row.status in BUSY:
                on_duty.add(row.staff_id)
                mine = tuple(r for r in self.rows if r.staff_id == row.staff_id)
                title = f"{row.staff_number}号 {row.staff_name}"
                columns.append(GridColumn(row.staff_id, self.day, title, (), mine, _("Off duty")))
        self.grid.body.set_data(
            columns, core.settings.get("hours.open"), core.settings.get("hours.close"), tz, now
        )
        self.grid.refit()

    def tick(self) -> None:
        self.grid.body.set_now(self.ctx.core.clock.now())

    def scroll_to_now(self) -> None:
        body = self.grid.body
        if body.columns:
            self.grid.scroll_to_y(body.y_of(self.day, self.ctx.core.clock.now()))

    # --- taps ----------------------------------------------------------------------------------
    def cell_tapped(self, index: int, start: datetime) -> None:
        column = self.grid.body.columns[index]
        if self.taps.moving is not None:
            self.taps.move_to(column.staff_id, start, column.title)
            return
        self.taps.new_booking(self.day, start, column.staff_id)

    def dropped(self, booking_id: int, index: int, start: datetime) -> None:
        """A booking dragged onto another cell: the same confirmed move as two taps."""
        row = next((r for r in self.rows if r.id == booking_id), None)
        if row is None:
            return
        column = self.grid.body.columns[index]
        self.taps.drop(row, column.staff_id, start, column.title)

    def move_started(self, row: BookingRow) -> None:
        tz = self.ctx.core.settings.tz()
        self.grid.body.selected = row.id
        self.grid.body.update()
        self.move_hint.setText(
            _(
                "Moving {name} ({time}): tap the new time and beautician.",
                name=row.guest_name,
                time=hm(row.starts_at, tz),
            )
        )
        self.move_bar.setVisible(True)

    def move_ended(self) -> None:
        self.grid.body.selected = None
        self.move_bar.setVisible(False)
        self.refresh()
