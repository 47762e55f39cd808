"""Appointments figures of a day or a range, read from the booking tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, tzinfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.booking.models import Booking, BookingItem
from salon_desk.core import direct
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.reports.buckets import local_hours, utc_quarter_hour
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import AutoCancelled, BeauticianBookings, BookingFigures

OPEN = ("booked", "arrived", "in_service")


#: The list price of a booking's services, read with the booking: counting and pricing a
#: range's bookings is one pass over them, not a second one joined to their items.
_VALUE = (
    select(func.sum(BookingItem.price_fen))
    .where(BookingItem.booking_id == Booking.id)
    .scalar_subquery()
)


#: A range's bookings counted and priced by day, status, 点钟 or not and walk-in or not;
#: and the completed ones by beautician (``start`` and ``end``); built once.
_COUNTS = (
    select(
        Booking.day,
        Booking.status,
        Booking.requested,
        (Booking.source == "walk_in").label("walk_in"),
        func.count(),
        func.sum(_VALUE),
    )
    .where(Booking.day >= bindparam("start"), Booking.day <= bindparam("end"))
    .group_by(Booking.day, Booking.status, Booking.requested, "walk_in")
)
_COMPLETED = Booking.status == "completed"
#: (counted rather than filtered on the status, so that SQLite walks the days, not the
#: status index)
_DONE = (
    select(
        Booking.day,
        Booking.staff_id,
        Booking.requested,
        func.count().filter(_COMPLETED),
        func.sum(_VALUE).filter(_COMPLETED),
    )
    .where(Booking.day >= bindparam("start"), Booking.day <= bindparam("end"))
    .group_by(Booking.day, Booking.staff_id, Booking.requested)
    .having(func.count().filter(_COMPLETED) > 0)
)
#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`).
KEPT = {"booked": _COUNTS, "completed": _DONE}

_AUTO_CANCELLED = (
    select(
        Booking.number,
        Booking.guest_name,
        Booking.guest_phone,
        Booking.starts_at,
        Booking.closed_at,
        Booking.close_reason,
        Staff.number,
        Staff.name,
    )
    .join(Staff, Staff.id == Booking.staff_id)
    .where(
        Booking.day >= bindparam("start"),
        Booking.day <= bindparam("end"),
        Booking.status == "auto_cancelled",
    )
    .order_by(Booking.starts_at, Booking.id)
)
_NAMES = select(Staff.id, Staff.number, Staff.name).where(
    Staff.id.in_(bindparam("ids", expanding=True))
)
_START_BUCKET = utc_quarter_hour(Booking.starts_at)
#: A day's bookings counted by the UTC quarter hour they start in (built once).
_STARTS = (
    select(_START_BUCKET, func.count())
    .where(Booking.day >= bindparam("start"), Booking.day <= bindparam("end"))
    .group_by(_START_BUCKET)
)


def booking_figures(s: Session, kept: Kept, tz: tzinfo) -> BookingFigures:
    """``kept``: the range's statements."""
    start, end = kept.start, kept.end
    # Counted in the database: a month holds thousands of bookings. Grouped by status
    # rather than filtered on it, so that SQLite walks the days, not the status index.
    status: Counter[str] = Counter()
    requested = rotation = walk_ins = 0
    done: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    completed_value = 0
    for st, asked, walk_in, n, value in kept.sums("booked"):
        status[st] += n
        requested += n if asked else 0
        rotation += 0 if asked else n
        walk_ins += n if walk_in else 0
        if st == "completed":
            completed_value += int(value or 0)
    for staff_id, asked, n, value in kept.sums("completed"):
        done[staff_id][0 if asked else 1] += n
        done[staff_id][2] += int(value or 0)
    names = {
        sid: (number, name) for sid, number, name in direct.rows(s, _NAMES, {"ids": list(done)})
    } if done else {}  # fmt: skip
    cancelled_late = [
        AutoCancelled(
            number=number,
            guest_name=guest_name,
            guest_phone=guest_phone,
            starts_at=starts_at.astimezone(tz),
            closed_at=closed_at.astimezone(tz) if closed_at else None,
            beautician=" ".join(beautician),
            reason=reason or "",
        )
        for number, guest_name, guest_phone, starts_at, closed_at, reason, *beautician in (
            direct.rows(s, _AUTO_CANCELLED, {"start": start, "end": end})
        )
    ]
    by_beautician = tuple(
        BeauticianBookings(number, name, r, t, Money(v))
        for (number, name), (r, t, v) in sorted((names[sid], w) for sid, w in done.items())
    )
    return BookingFigures(
        total=sum(status.values()),
        completed=status["completed"],
        cancelled=status["cancelled"],
        no_show=status["no_show"],
        auto_cancelled=status["auto_cancelled"],
        still_open=sum(status[k] for k in OPEN),
        requested=requested,
        rotation=rotation,
        walk_ins=walk_ins,
        completed_value=Money(completed_value),
        auto_cancelled_list=tuple(cancelled_late),
        by_beautician=by_beautician,
    )


def bookings_by_hour(s: Session, day: date, tz: tzinfo) -> tuple[int, ...]:
    """How many bookings start in each local hour of ``day`` (cancelled ones included)."""
    return local_hours(direct.rows(s, _STARTS, {"start": day, "end": day}), tz)


def bookings_by_day(kept: Kept) -> dict[date, Counter[str]]:
    """Per day: the count of bookings by status, and ``"_value"`` the completed value."""
    found: dict[date, Counter[str]] = defaultdict(Counter)
    for day, st, _asked, _walk_in, n, value in kept.rows("booked"):
        found[day][st] += int(n)
        if st == "completed":
            found[day]["_value"] += int(value or 0)
    return found
