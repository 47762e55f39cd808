"""Appointments figures of a day or a range, read from the booking tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.booking.models import Booking, BookingItem
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.reports.model import AutoCancelled, BeauticianBookings, BookingFigures

OPEN = ("booked", "arrived", "in_service")


def booking_figures(s: Session, start: date, end: date, tz: tzinfo) -> BookingFigures:
    # Plain columns, not Booking objects: a month holds thousands of bookings.
    rows = s.execute(
        select(
            Booking.id, Booking.status, Booking.requested, Booking.source, Staff.number, Staff.name
        )
        .join(Staff, Staff.id == Booking.staff_id)
        .where(Booking.day >= start, Booking.day <= end)
    ).all()
    value_of = _values(s, start, end)
    status = Counter(st for _id, st, _r, _src, _n, _name in rows)
    done: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for bid, st, requested, _src, number, name in rows:
        if st == "completed":
            mine = done[(number, name)]
            mine[0 if requested else 1] += 1
            mine[2] += value_of.get(bid, 0)
    cancelled_late = [
        AutoCancelled(
            number=b.number,
            guest_name=b.guest_name,
            guest_phone=b.guest_phone,
            starts_at=b.starts_at.astimezone(tz),
            closed_at=b.closed_at.astimezone(tz) if b.closed_at else None,
            beautician=f"{number} {name}",
            reason=b.close_reason or "",
        )
        for b, number, name in s.execute(
            select(Booking, Staff.number, Staff.name)
            .join(Staff, Staff.id == Booking.staff_id)
            .where(Booking.day >= start, Booking.day <= end, Booking.status == "auto_cancelled")
            .order_by(Booking.starts_at, Booking.id)
        )
    ]
    by_beautician = tuple(
        BeauticianBookings(number, name, r, t, Money(v))
        for (number, name), (r, t, v) in sorted(done.items())
    )
    return BookingFigures(
        total=len(rows),
        completed=status["completed"],
        cancelled=status["cancelled"],
        no_show=status["no_show"],
        auto_cancelled=status["auto_cancelled"],
        still_open=sum(status[k] for k in OPEN),
        requested=sum(1 for row in rows if row.requested),
        rotation=sum(1 for row in rows if not row.requested),
        walk_ins=sum(1 for row in rows if row.source == "walk_in"),
        completed_value=Money(
            sum(value_of.get(row.id, 0) for row in rows if row.status == "completed")
        ),
        auto_cancelled_list=tuple(cancelled_late),
        by_beautician=by_beautician,
    )


def _values(s: Session, start: date, end: date) -> dict[int, int]:
    q = (
        select(BookingItem.booking_id, func.sum(BookingItem.price_fen))
        .join(Booking, Booking.id == BookingItem.booking_id)
        .where(Booking.day >= start, Booking.day <= end)
        .group_by(BookingItem.booking_id)
    )
    return {bid: int(v or 0) for bid, v in s.execute(q)}


def bookings_by_hour(s: Session, day: date, tz: tzinfo) -> tuple[int, ...]:
    """How many bookings start in each local hour of ``day`` (cancelled ones included)."""
    hours = [0] * 24
    for (starts_at,) in s.execute(select(Booking.starts_at).where(Booking.day == day)):
        hours[starts_at.astimezone(tz).hour] += 1
    return tuple(hours)


def bookings_by_day(s: Session, start: date, end: date) -> dict[date, Counter[str]]:
    """Per day: the count of bookings by status, and ``"_value"`` the completed value."""
    found: dict[date, Counter[str]] = defaultdict(Counter)
    q = (
        select(Booking.day, Booking.status, func.count(Booking.id))
        .where(Booking.day >= start, Booking.day <= end)
        .group_by(Booking.day, Booking.status)
    )
    for day, st, n in s.execute(q):
        found[day][st] += int(n)
    # Grouped by status too rather than filtered on it: a filter on the status makes
    # SQLite walk the status index (most bookings are completed) instead of the days.
    values = (
        select(Booking.day, Booking.status, func.sum(BookingItem.price_fen))
        .join(Booking, Booking.id == BookingItem.booking_id)
        .where(Booking.day >= start, Booking.day <= end)
        .group_by(Booking.day, Booking.status)
    )
    for day, st, v in s.execute(values):
        if st == "completed":
            found[day]["_value"] += int(v or 0)
    return found
