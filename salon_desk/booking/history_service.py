"""A member's booking history: every booking she made, whatever became of it (completed,
cancelled, no-show, auto-cancelled for lateness), newest first, each with its state changes
— who did what and when.

``BookingHistoryService(core).of_member(member_id, limit=200) -> list[MemberBookingRow]``
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from salon_desk.booking import queries
from salon_desk.booking.models import Booking, BookingEvent
from salon_desk.booking.rows import BookingRow, EventRow
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.members.models import Member

#: The most bookings one history shows (years of a regular's visits).
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class MemberBookingRow:
    booking: BookingRow
    events: tuple[EventRow, ...]  # oldest first: booked, moved, arrived ...


class BookingHistoryService:
    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def grace(self) -> int:
        return int(self.core.settings.get("booking.late_grace_minutes"))

    def of_member(self, member_id: int, limit: int = HISTORY_LIMIT) -> list[MemberBookingRow]:
        """Her bookings, newest first. A booking typed in with her phone before she was
        linked (made as a caller, then she became a member) is hers too."""
        limit = max(1, min(limit, 1000))
        with self.core.db.read() as s:
            member = s.get(Member, member_id)
            if member is None:
                raise NotFound(N_("No such member."))
            mine = Booking.member_id == member_id
            if member.phone:
                mine = or_(
                    mine, and_(Booking.member_id.is_(None), Booking.guest_phone == member.phone)
                )
            q = select(Booking).where(mine).order_by(Booking.starts_at.desc(), Booking.id.desc())
            rows = queries.booking_rows(s, q.limit(limit), self.grace)
            if not rows:
                return []
            events: dict[int, list[EventRow]] = defaultdict(list)
            eq = (
                select(BookingEvent, Staff.name)
                .outerjoin(Staff, Staff.id == BookingEvent.staff_id)
                .where(BookingEvent.booking_id.in_([r.id for r in rows]))
                .order_by(BookingEvent.at, BookingEvent.id)
            )
            for e, name in s.execute(eq):
                events[e.booking_id].append(EventRow(e.at, e.kind, name, e.detail))
            return [MemberBookingRow(r, tuple(events[r.id])) for r in rows]
