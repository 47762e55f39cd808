"""Walk-ins waiting at the counter, offered the next free beautician in rotation order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from salon_desk.booking import rules
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.models import ServiceItem, WalkIn
from salon_desk.booking.rows import BookingRow, WalkInRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff


@dataclass(frozen=True, slots=True)
class Offer:
    """Who a waiting walk-in is offered now."""

    walk_in_id: int
    staff_id: int
    number: str
    name: str


class QueueService:
    def __init__(self, core: Core) -> None:
        self.core = core
        self.bookings = BookingService(core)

    def today(self) -> date:
        return local_day(self.core.clock.now(), self.core.settings.tz())

    def waiting(self, day: date | None = None) -> list[WalkInRow]:
        day = day or self.today()
        with self.core.db.read() as s:
            q = (
                select(WalkIn, ServiceItem)
                .join(ServiceItem, ServiceItem.id == WalkIn.service_id)
                .where(WalkIn.day == day, WalkIn.status == "waiting")
                .order_by(WalkIn.arrived_at, WalkIn.id)
            )
            return [
                WalkInRow(
                    w.id,
                    w.name,
                    w.phone,
                    si.id,
                    si.name_zh,
                    si.duration_min,
                    w.arrived_at,
                    w.status,
                    w.booking_id,
                )
                for w, si in s.execute(q)
            ]

    def add(self, actor: Actor, *, name: str, phone: str, service_id: int) -> WalkInRow:
        require(actor, Perm.BOOK)
        name = (name or "").strip()
        if not name:
            raise Invalid(N_("Enter the member's or caller's name."), field="name")
        if len(name) > 40:
            raise Invalid(N_("The name is too long (at most {n} characters)."), field="name", n=40)
        digits = rules.normalise_phone(phone, required=False)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            service = s.get(ServiceItem, service_id)
            if service is None or not service.active:
                raise Invalid(N_("This service is not on the price list."), field="service_id")
            w = WalkIn(
                day=local_day(now, self.core.settings.tz()),
                name=name,
                phone=digits,
                service_id=service_id,
                arrived_at=now,
                status="waiting",
                created_by=actor.staff_id,
            )
            s.add(w)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "walk_in.add",
                "walk_in",
                w.id,
                after={"service_id": service_id},  # no name: the log keeps no identity
            )
            return WalkInRow(
                w.id,
                name,
                digits,
                service.id,
                service.name_zh,
                service.duration_min,
                now,
                "waiting",
                None,
            )

    def offer(self, walk_in_id: int) -> Offer | None:
        """The next beautician in rotation who is free from now for the walk-in's service."""
        now = rules.round_down(self.core.clock.now(), rules.STEP / 3)
        with self.core.db.read() as s:
            w = s.get(WalkIn, walk_in_id)
            if w is None or w.status != "waiting":
                raise NotFound(N_("This walk-in is no longer waiting."))
            service_id = w.service_id
        staff_id = self.bookings.next_in_turn(self.today(), now, [service_id])
        if staff_id is None:
            return None
        with self.core.db.read() as s:
            staff = s.get(Staff, staff_id)
            assert staff is not None
            return Offer(walk_in_id, staff.id, staff.number, staff.name)

    def seat(self, actor: Actor, walk_in_id: int, staff_id: int | None = None) -> BookingRow:
        """Book the walk-in from now: with ``staff_id`` as asked (点钟), or the next in turn."""
        require(actor, Perm.BOOK)
        with self.core.db.tx() as s:
            w = s.execute(select(WalkIn).where(WalkIn.id == walk_in_id).with_for_update()).scalar()
            if w is None or w.status != "waiting":
                raise NotFound(N_("This walk-in is no longer waiting."))
            draft = BookingDraft(
                guest_name=w.name,
                guest_phone=w.phone,
                service_ids=(w.service_id,),
                starts_at=rules.round_down(self.core.clock.now(), rules.STEP / 3),
                staff_id=staff_id,
                source="walk_in",
            )
            booking = self.bookings.book_in(s, actor, draft)
            w.status = "served"
            w.booking_id = booking.id
            w.closed_at = self.core.clock.now()
            record(
                s,
                self.core.clock,
                actor,
                "walk_in.seat",
                "walk_in",
                w.id,
                after={"booking_id": booking.id, "staff_id": booking.staff_id},
            )
            return booking

    def leave(self, actor: Actor, walk_in_id: int) -> None:
        """The walk-in left without a treatment."""
        require(actor, Perm.BOOK)
        with self.core.db.tx() as s:
            w = s.get(WalkIn, walk_in_id, with_for_update=True)
            if w is None:
                raise NotFound(N_("This walk-in is no longer waiting."))
            if w.status != "waiting":
                raise Conflict(N_("This walk-in is no longer waiting."))
            w.status = "left"
            w.closed_at = self.core.clock.now()
            record(s, self.core.clock, actor, "walk_in.left", "walk_in", w.id)
