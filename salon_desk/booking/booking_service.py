"""Booking and moving appointments (电话预约记录表), and reading a day or a week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking import placing, queries, rules
from salon_desk.booking.drafts import (
    BookingDraft,
    load_services,
    member_of_phone,
    public,
    read_guest,
    read_start,
    with_member,
)
from salon_desk.booking.models import (
    BOOKING_SOURCES,
    Booking,
    BookingEvent,
    BookingItem,
    ServiceItem,
)
from salon_desk.booking.roster_service import lock_rotation, rotation_order, turn_queue
from salon_desk.booking.rows import BookingRow, EventRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff

__all__ = ["BookingDraft", "BookingService"]

#: A booking may start this long before now without the back-dating permission
#: (the counter books a walk-in "now" on the current 15-minute row).
PAST_SLACK = timedelta(minutes=15)


class BookingService:
    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def grace(self) -> int:
        return int(self.core.settings.get("booking.late_grace_minutes"))

    # --- queries -------------------------------------------------------------------
    def get(self, booking_id: int) -> BookingRow:
        with self.core.db.read() as s:
            return queries.one_booking(s, booking_id, self.grace)

    def day(self, day: date) -> list[BookingRow]:
        q = select(Booking).where(Booking.day == day).order_by(Booking.starts_at, Booking.id)
        with self.core.db.read() as s:
            return queries.booking_rows(s, q, self.grace)

    def week(self, staff_id: int, first_day: date) -> list[BookingRow]:
        q = (
            select(Booking)
            .where(
                Booking.staff_id == staff_id,
                Booking.day >= first_day,
                Booking.day < first_day + timedelta(days=7),
            )
            .order_by(Booking.starts_at)
        )
        with self.core.db.read() as s:
            return queries.booking_rows(s, q, self.grace)

    def by_phone(self, phone: str) -> list[BookingRow]:
        digits = rules.normalise_phone(phone, required=True)
        q = select(Booking).where(Booking.guest_phone == digits).order_by(Booking.starts_at.desc())
        with self.core.db.read() as s:
            return queries.booking_rows(s, q.limit(200), self.grace)

    def history(self, booking_id: int) -> list[EventRow]:
        with self.core.db.read() as s:
            q = (
                select(BookingEvent, Staff.name)
                .outerjoin(Staff, Staff.id == BookingEvent.staff_id)
                .where(BookingEvent.booking_id == booking_id)
                .order_by(BookingEvent.at, BookingEvent.id)
            )
            return [EventRow(e.at, e.kind, name, e.detail) for e, name in s.execute(q)]

    def free_starts(self, staff_id: int, day: date, duration_min: int) -> list[datetime]:
        """Every free 15-minute start for ``duration_min`` in her shift that day."""
        with self.core.db.read() as s:
            windows = queries.windows_of(queries.shift_of(s, staff_id, day))
            busy = queries.busy_spans(s, staff_id, day)
            return rules.free_starts(timedelta(minutes=duration_min), windows, busy)

    # --- booking -------------------------------------------------------------------
    def book(self, actor: Actor, draft: BookingDraft) -> BookingRow:
        """Book: checks everything, refuses a double booking with the nearest free times,
        and holds the beautician's row lock so two counters cannot take one slot."""
        with self.core.db.tx() as s:
            return self.book_in(s, actor, draft)

    def book_in(self, s: Session, actor: Actor, draft: BookingDraft) -> BookingRow:
        """:meth:`book` inside a caller's transaction (seating a walk-in)."""
        require(actor, Perm.BOOK)
        now = self.core.clock.now()
        tz = self.core.settings.tz()
        draft = with_member(s, draft)
        name, phone, note = read_guest(draft)
        member_id = draft.member_id or member_of_phone(s, phone)
        if draft.source not in BOOKING_SOURCES:
            raise Invalid(N_("Choose where the booking came from."), field="source")
        if draft.anyway_reason is not None:
            require(actor, Perm.BOOK_ANYWAY)
            if not draft.anyway_reason.strip():
                raise Invalid(N_("Give a reason for booking over another booking."), field="reason")
        start = read_start(draft.starts_at)
        if start < now - PAST_SLACK:
            require(actor, Perm.BACKDATE)
        day = local_day(start, tz)
        items = load_services(s, draft.service_ids)
        span = rules.Span(start, start + timedelta(minutes=sum(i.duration_min for i in items)))
        placing.check_hours(
            span.start,
            span.end,
            day,
            self.core.settings.get("hours.open"),
            self.core.settings.get("hours.close"),
            tz,
        )
        names = {i.id: i.name_zh for i in items}
        ids = [i.id for i in items]
        placing.check_guest_free(s, name, phone, member_id, span, None)
        overbooked = False
        if draft.staff_id is None:
            staff = self._next_in_turn(s, day, span, ids)
            requested = False
        else:
            staff = placing.lock_staff(s, draft.staff_id)
            placing.check_place(s, staff, day, span, ids, names)
            requested = True
            if not placing.is_free(s, staff.id, day, span, None):
                if draft.anyway_reason is None:
                    raise placing.refuse_overlap(s, staff, day, span, ids, None, now, tz)
                overbooked = True
        booking = Booking(
            number=next_number(s, "booking", local_day(now, tz)),
            staff_id=staff.id,
            requested=requested,
            guest_name=name,
            guest_phone=phone,
            member_id=member_id,
            day=day,
            starts_at=span.start,
            ends_at=span.end,
            source=draft.source,
            note=note,
            status="booked",
            overbooked=overbooked,
            late_extra_min=0,
            auto_cancel_waived=False,
            created_at=now,
            created_by=actor.staff_id,
        )
        s.add(booking)
        s.flush()
        for seq, item in enumerate(items, start=1):
            s.add(
                BookingItem(
                    booking_id=booking.id,
                    seq=seq,
                    service_id=item.id,
                    duration_min=item.duration_min,
                    price_fen=item.price_fen,
                )
            )
        queries.add_event(s, booking.id, now, actor.staff_id, "created")
        after = public(booking)
        record(s, self.core.clock, actor, "booking.create", "booking", booking.id, after=after)
        if overbooked:
            queries.add_event(
                s, booking.id, now, actor.staff_id, "overbooked", draft.anyway_reason or ""
            )
            record(
                s,
                self.core.clock,
                actor,
                "booking.overbook",
                "booking",
                booking.id,
                after=after,
                reason=draft.anyway_reason,
            )
        s.flush()
        return queries.one_booking(s, booking.id, self.grace)

    def move(
        self,
        actor: Actor,
        booking_id: int,
        *,
        staff_id: int,
        starts_at: datetime,
        anyway_reason: str | None = None,
    ) -> BookingRow:
        """Move a booking to another time or beautician (the two-tap move)."""
        require(actor, Perm.BOOK)
        if anyway_reason is not None:
            require(actor, Perm.BOOK_ANYWAY)
            if not anyway_reason.strip():
                raise Invalid(N_("Give a reason for booking over another booking."), field="reason")
        now = self.core.clock.now()
        tz = self.core.settings.tz()
        start = read_start(starts_at)
        if start < now - PAST_SLACK:
            require(actor, Perm.BACKDATE)
        day = local_day(start, tz)
        with self.core.db.tx() as s:
            booking = queries.lock_booking(s, booking_id)
            if booking.status not in ("booked", "arrived"):
                raise Conflict(N_("Only a booking not yet in service can be moved."))
            span = rules.Span(start, start + (booking.ends_at - booking.starts_at))
            placing.check_hours(
                span.start,
                span.end,
                day,
                self.core.settings.get("hours.open"),
                self.core.settings.get("hours.close"),
                tz,
            )
            staff = placing.lock_staff(s, staff_id)
            service_ids = list(
                s.scalars(
                    select(BookingItem.service_id).where(BookingItem.booking_id == booking_id)
                )
            )
            names = {
                i.id: i.name_zh
                for i in s.scalars(select(ServiceItem).where(ServiceItem.id.in_(service_ids)))
            }
            placing.check_place(s, staff, day, span, service_ids, names)
            placing.check_guest_free(
                s, booking.guest_name, booking.guest_phone, booking.member_id, span, booking.id
            )
            overbooked = booking.overbooked
            if not placing.is_free(s, staff.id, day, span, booking.id):
                if anyway_reason is None:
                    raise placing.refuse_overlap(
                        s, staff, day, span, service_ids, booking.id, now, tz
                    )
                overbooked = True
            before = public(booking)
            old = booking.starts_at.astimezone(tz).strftime("%m-%d %H:%M")
            booking.staff_id = staff.id
            booking.day = day
            booking.starts_at = span.start
            booking.ends_at = span.end
            booking.overbooked = overbooked
            detail = f"{old} → {span.start.astimezone(tz):%m-%d %H:%M} {staff.number}"
            queries.add_event(s, booking.id, now, actor.staff_id, "moved", detail)
            record(
                s,
                self.core.clock,
                actor,
                "booking.move",
                "booking",
                booking.id,
                before=before,
                after=public(booking),
                reason=anyway_reason,
            )
            s.flush()
            return queries.one_booking(s, booking.id, self.grace)

    def next_in_turn(
        self, day: date, starts_at: datetime, service_ids: Sequence[int]
    ) -> int | None:
        """Who would take a 轮钟 booking at ``starts_at`` (None: nobody is free)."""
        with self.core.db.read() as s:
            items = load_services(s, service_ids)
            span = rules.Span(
                starts_at, starts_at + timedelta(minutes=sum(i.duration_min for i in items))
            )
            for staff_id in self._queue(s, day):
                if self._can_take(s, staff_id, day, span, [i.id for i in items]):
                    return staff_id
            return None

    # --- inside ----------------------------------------------------------------------
    def _queue(self, s: Session, day: date) -> list[int]:
        shifts = [r for r in queries.shift_rows(s, day) if not r.day_off and r.starts_at]
        return turn_queue(s, day, rotation_order(s, day, shifts))

    def _can_take(
        self, s: Session, staff_id: int, day: date, span: rules.Span, ids: Sequence[int]
    ) -> bool:
        return (
            placing.fits_shift(s, staff_id, day, span)
            and placing.performs(s, staff_id, ids)
            and placing.is_free(s, staff_id, day, span, None)
        )

    def _next_in_turn(self, s: Session, day: date, span: rules.Span, ids: Sequence[int]) -> Staff:
        lock_rotation(s, day)
        for staff_id in self._queue(s, day):
            staff = placing.lock_staff(s, staff_id)
            if self._can_take(s, staff_id, day, span, ids):
                return staff
        raise Conflict(N_("No beautician on duty is free for that time."), field="staff_id")
