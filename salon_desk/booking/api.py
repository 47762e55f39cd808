"""What the register uses from the appointments side.

list_services(s_or_db, active_only=True) -> list[ServiceRow]
completed_unpaid(db_or_s, day) -> list[BookingRow]   (on its own, or inside a session)
mark_paid_in(s, clock, actor, *, booking_id, sale_ref) -> None   (inside the checkout)
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking import queries
from salon_desk.booking.models import Booking
from salon_desk.booking.rows import BookingRow, ServiceRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import Clock
from salon_desk.core.db import Database
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_

__all__ = ["BookingRow", "ServiceRow", "completed_unpaid", "list_services", "mark_paid_in"]

#: Grace shown on rows read here; a completed booking has no late deadline anyway.
_GRACE = 30


def list_services(s_or_db: Session | Database, active_only: bool = True) -> list[ServiceRow]:
    """The price list, by category: inside a caller's session or on its own."""
    if isinstance(s_or_db, Session):
        return queries.services(s_or_db, active_only=active_only)
    with s_or_db.read() as s:
        return queries.services(s, active_only=active_only)


def completed_unpaid(s_or_db: Session | Database, day: date) -> list[BookingRow]:
    """Bookings of shop-local ``day`` that are completed and not yet rung up."""
    q = (
        select(Booking)
        .where(Booking.day == day, Booking.status == "completed", Booking.sale_ref.is_(None))
        .order_by(Booking.completed_at, Booking.id)
    )
    if isinstance(s_or_db, Session):
        return queries.booking_rows(s_or_db, q, _GRACE)
    with s_or_db.read() as s:
        return queries.booking_rows(s, q, _GRACE)


def mark_paid_in(s: Session, clock: Clock, actor: Actor, *, booking_id: int, sale_ref: str) -> None:
    """Record inside the checkout transaction that ``booking_id`` was paid by ``sale_ref``.
    A booking is paid once: a second sale for it is refused (the checkout rolls back)."""
    require(actor, Perm.SELL)
    ref = (sale_ref or "").strip()
    if not ref or len(ref) > 40:
        raise Invalid(N_("A sale number is needed to mark a booking paid."), field="sale_ref")
    b = queries.lock_booking(s, booking_id)
    if b.status != "completed":
        raise Conflict(N_("Only a completed booking can be paid."), field="booking_id")
    if b.sale_ref is not None:
        raise Conflict(
            N_("Booking {number} is already paid ({sale})."), number=b.number, sale=b.sale_ref
        )
    now = clock.now()
    b.sale_ref = ref
    b.paid_at = now
    queries.add_event(s, b.id, now, actor.staff_id, "paid", ref)
    record(s, clock, actor, "booking.paid", "booking", b.id, after={"sale_ref": ref})
    s.flush()
