"""A booking's life: arrived → in service → completed; cancelled, no-show, and the late
auto-cancel (会员预约的时间若超过半小时,则预约自动取消) with "running late" and undo."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from salon_desk.booking import placing, queries, rules
from salon_desk.booking.drafts import public as _public
from salon_desk.booking.models import Booking
from salon_desk.booking.rows import BookingRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_

#: The longest a "running late" call may extend the grace period.
MAX_LATE_EXTENSION = 120
#: How far back the start-up catch-up looks (grace and extension are at most 6 hours).
_LOOKBACK = timedelta(hours=6)


class LifecycleService:
    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def grace(self) -> int:
        return int(self.core.settings.get("booking.late_grace_minutes"))

    # --- the counter's taps -----------------------------------------------------------
    def arrive(self, actor: Actor, booking_id: int) -> BookingRow:
        """The member is here (checked in)."""
        return self._step(actor, booking_id, ("booked",), "arrived")

    def start(self, actor: Actor, booking_id: int) -> BookingRow:
        return self._step(actor, booking_id, ("booked", "arrived"), "in_service")

    def complete(self, actor: Actor, booking_id: int) -> BookingRow:
        """Treatment done: the booking waits at the register as a ticket to pay."""
        return self._step(actor, booking_id, ("arrived", "in_service"), "completed")

    def no_show(self, actor: Actor, booking_id: int) -> BookingRow:
        return self._step(actor, booking_id, ("booked",), "no_show")

    def cancel(self, actor: Actor, booking_id: int, reason: str) -> BookingRow:
        """The member cancelled (a reason is required)."""
        if not (reason or "").strip():
            raise Invalid(N_("Give the reason for the cancellation."), field="reason")
        return self._step(actor, booking_id, ("booked", "arrived"), "cancelled", reason.strip())

    def _step(
        self,
        actor: Actor,
        booking_id: int,
        allowed: tuple[str, ...],
        to: str,
        reason: str | None = None,
    ) -> BookingRow:
        require(actor, Perm.BOOK)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            b = queries.lock_booking(s, booking_id)
            if b.status == "booked" and to != "cancelled" and self._due(b, now):
                raise Conflict(
                    N_("This booking is more than {minutes} minutes late and is cancelled."),
                    minutes=self.grace + b.late_extra_min,
                )
            if b.status not in allowed:
                raise Conflict(
                    N_("This booking cannot change from its present state."), status=b.status
                )
            if to == "no_show" and now < b.starts_at:
                raise Conflict(N_("A booking cannot be a no-show before it starts."))
            before = _public(b)
            b.status = to
            if to == "arrived":
                b.arrived_at = now
            elif to == "in_service":
                b.arrived_at = b.arrived_at or now
                b.started_at = now
            elif to == "completed":
                b.completed_at = now
            else:
                b.closed_at = now
                b.close_reason = reason
            queries.add_event(s, b.id, now, actor.staff_id, to, reason or "")
            record(
                s,
                self.core.clock,
                actor,
                f"booking.{to}",
                "booking",
                b.id,
                before=before,
                after=_public(b),
                reason=reason,
            )
            s.flush()
            return queries.one_booking(s, b.id, self.grace)

    def running_late(self, actor: Actor, booking_id: int, minutes: int) -> BookingRow:
        """The member called: extend the grace period once by ``minutes``."""
        require(actor, Perm.BOOK)
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise Invalid(N_("Enter a whole number."), field="minutes")
        if not 5 <= minutes <= MAX_LATE_EXTENSION:
            raise Invalid(N_("Extend by 5 to {n} minutes."), field="minutes", n=MAX_LATE_EXTENSION)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            b = queries.lock_booking(s, booking_id)
            if b.status != "booked" or self._due(b, now):
                raise Conflict(N_("Only a booking still waiting for the member can be extended."))
            if b.late_extra_min:
                raise Conflict(N_("The waiting time was already extended once."))
            b.late_extra_min = minutes
            queries.add_event(s, b.id, now, actor.staff_id, "running_late", f"+{minutes}")
            record(
                s,
                self.core.clock,
                actor,
                "booking.running_late",
                "booking",
                b.id,
                after={"late_extra_min": minutes},
            )
            s.flush()
            return queries.one_booking(s, b.id, self.grace)

    # --- late auto-cancel -------------------------------------------------------------------
    def auto_cancel_due(self) -> list[BookingRow]:
        """Cancel every booking more than the grace period late (at start-up this catches
        up on the ones that fell due while the app was closed). Never touches money."""
        now = self.core.clock.now()
        grace = self.grace
        cutoff = now - timedelta(minutes=grace)
        with self.core.db.tx() as s:
            q = (
                select(Booking.id)
                .where(
                    Booking.status == "booked",
                    Booking.auto_cancel_waived.is_(False),
                    Booking.starts_at < cutoff,
                )
                .order_by(Booking.starts_at, Booking.id)
            )
            done = []
            for booking_id in list(s.scalars(q)):
                b = queries.lock_booking(s, booking_id)
                if b.status != "booked" or b.auto_cancel_waived or not self._due(b, now):
                    continue
                b.status = "auto_cancelled"
                b.closed_at = now
                minutes = grace + b.late_extra_min
                b.close_reason = f"late>{minutes}min"
                queries.add_event(s, b.id, now, None, "auto_cancelled", f"+{minutes}")
                record(
                    s,
                    self.core.clock,
                    None,
                    "booking.auto_cancel",
                    "booking",
                    b.id,
                    before={"status": "booked"},
                    after={"status": "auto_cancelled", "late_minutes": minutes},
                )
                done.append(b.id)
            s.flush()
            return [queries.one_booking(s, i, grace) for i in done]

    def next_due_at(self) -> datetime | None:
        """When the next booking falls due for auto-cancel (for a timer), or ``None``."""
        now = self.core.clock.now()
        with self.core.db.read() as s:
            q = select(Booking.starts_at, Booking.late_extra_min).where(
                Booking.status == "booked",
                Booking.auto_cancel_waived.is_(False),
                Booking.starts_at >= now - _LOOKBACK,
            )
            dues = [rules.late_due_at(st, self.grace, extra) for st, extra in s.execute(q)]
        return min(dues) if dues else None

    def undo_auto_cancel(self, actor: Actor, booking_id: int, reason: str = "") -> BookingRow:
        """A manager restores an auto-cancelled booking the same day, if the slot is free.
        It will not be auto-cancelled again."""
        require(actor, Perm.UNDO_AUTO_CANCEL)
        now = self.core.clock.now()
        tz = self.core.settings.tz()
        with self.core.db.tx() as s:
            b = queries.lock_booking(s, booking_id)
            if b.status != "auto_cancelled":
                raise Conflict(N_("This booking was not cancelled automatically."))
            if b.day != local_day(now, tz):
                raise Conflict(N_("An automatic cancellation can be undone only the same day."))
            placing.lock_staff(s, b.staff_id)
            span = rules.Span(b.starts_at, b.ends_at)
            if not placing.is_free(s, b.staff_id, b.day, span, b.id):
                raise Conflict(N_("The beautician's time has been given to someone else."))
            before = _public(b)
            b.status = "booked"
            b.auto_cancel_waived = True
            b.closed_at = None
            queries.add_event(s, b.id, now, actor.staff_id, "undo_auto_cancel", reason.strip())
            record(
                s,
                self.core.clock,
                actor,
                "booking.undo_auto_cancel",
                "booking",
                b.id,
                before=before,
                after=_public(b),
                reason=reason.strip() or None,
            )
            s.flush()
            return queries.one_booking(s, b.id, self.grace)

    def _due(self, b: Booking, now: datetime) -> bool:
        if b.auto_cancel_waived:
            return False
        return rules.is_late_due(b.starts_at, self.grace, b.late_extra_min, now)
