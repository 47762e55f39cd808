"""What a tap on the grid or the list leads to: the booking form for an empty cell, the
booking card for a booking, and the confirmed move after the second tap. Dialogs are
opened window-modal without blocking (``open()``), so the counter's screen keeps running
and tests can fill them in."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.rows import BookingRow
from salon_desk.core.errors import Conflict, Forbidden
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.appointments.booking_card import BookingCard
from salon_desk.ui.appointments.booking_form import BookingForm
from salon_desk.ui.appointments.texts import day_text, hm
from salon_desk.ui.context import UiContext


class BookingActions(QObject):
    move_started = Signal(object)  # the BookingRow picked up
    move_ended = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.form: BookingForm | None = None
        self.card: BookingCard | None = None
        self.moving: BookingRow | None = None

    def new_booking(
        self, day: date, start: datetime | None, staff_id: int | None, source: str = "phone"
    ) -> BookingForm:
        self.form = BookingForm(self.widget, self.ctx, day, start, staff_id, source)
        self.form.open()
        return self.form

    def open_booking(self, booking_id: int) -> BookingCard:
        card = BookingCard(self.widget, self.ctx, booking_id)
        self.card = card
        card.finished.connect(lambda _result: self._card_closed(card))
        card.open()
        return card

    def _card_closed(self, card: BookingCard) -> None:
        if card.move_requested:
            self.moving = card.row
            self.move_started.emit(card.row)

    def cancel_move(self) -> None:
        self.moving = None
        self.move_ended.emit()

    def move_to(self, staff_id: int, start: datetime, staff_label: str) -> bool:
        """The second tap: confirm, then move. Refused moves leave the booking where it was."""
        row = self.moving
        if row is None:
            return False
        tz = self.ctx.core.settings.tz()
        question = _(
            "Move {name} ({services}) to {day} {time}, beautician {staff}?",
            name=row.guest_name,
            services=row.service_names,
            day=day_text(start, tz),
            time=hm(start, tz),
            staff=staff_label,
        )
        if not self.ctx.confirm(self.widget, question):
            return False
        moved = self._move(row, staff_id, start)
        self.moving = None
        self.move_ended.emit()
        if moved is None:
            return False
        self.ctx.hub.notify("bookings")
        return True

    def drop(self, row: BookingRow, staff_id: int, start: datetime, staff_label: str) -> bool:
        """A booking dragged onto another cell: the same confirmed move as two taps; if it
        is not confirmed it stays where it was."""
        self.moving = row
        moved = self.move_to(staff_id, start, staff_label)
        if not moved and self.moving is row:
            self.cancel_move()
        return moved

    def _move(self, row: BookingRow, staff_id: int, start: datetime) -> BookingRow | None:
        """Move; when she is already booked there, show the nearest free times and offer
        to move it anyway: a manager agrees (PIN when needed) and gives a reason."""
        service = self.ctx.service(BookingService)
        try:
            return service.move(self.ctx.actor, row.id, staff_id=staff_id, starts_at=start)
        except Forbidden:
            return self.ctx.guard(
                self.widget, service.move, row.id, staff_id=staff_id, starts_at=start
            )
        except Conflict as exc:
            if "slots" not in exc.params:
                self.ctx.error(self.widget, error_text(exc))
                return None
            refused = error_text(exc)
        question = "\n\n".join((refused, _("Move it there anyway? A manager must agree.")))
        if not self.ctx.prompts.confirm(
            self.widget, question, yes=_("Book anyway (manager)"), no=_("Keep it where it is")
        ):
            return None
        reason = self.ctx.prompts.text(
            self.widget, _("Book anyway"), _("Why must this beautician be double-booked?")
        )
        if reason is None:
            return None
        return self.ctx.guard(
            self.widget,
            service.move,
            row.id,
            staff_id=staff_id,
            starts_at=start,
            anyway_reason=reason,
        )
