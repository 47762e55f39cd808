"""Reading the appointments tables into rows, inside a caller's session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session

from salon_desk.booking import rules
from salon_desk.booking.models import (
    Booking,
    BookingEvent,
    BookingItem,
    RosterShift,
    ServiceItem,
    ServiceItemStaff,
)
from salon_desk.booking.rows import BookingItemRow, BookingRow, ServiceRow, ShiftRow
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money


def service_row(item: ServiceItem, staff_ids: Sequence[int] = ()) -> ServiceRow:
    return ServiceRow(
        item.id,
        item.code,
        item.name_zh,
        item.name_en,
        item.category,
        item.duration_min,
        Money(item.price_fen),
        item.active,
        tuple(sorted(staff_ids)),
    )


def services(s: Session, *, active_only: bool = True) -> list[ServiceRow]:
    q = select(ServiceItem).order_by(ServiceItem.category, ServiceItem.sort, ServiceItem.code)
    if active_only:
        q = q.where(ServiceItem.active.is_(True))
    staff: dict[int, list[int]] = {}
    for sid, staff_id in s.execute(select(ServiceItemStaff.service_id, ServiceItemStaff.staff_id)):
        staff.setdefault(sid, []).append(staff_id)
    return [service_row(item, staff.get(item.id, ())) for item in s.scalars(q)]


def shift_rows(s: Session, day: date) -> list[ShiftRow]:
    q = (
        select(RosterShift, Staff)
        .join(Staff, Staff.id == RosterShift.staff_id)
        .where(RosterShift.day == day)
    )
    rows = [
        ShiftRow(
            st.id,
            st.number,
            st.name,
            sh.day,
            sh.day_off,
            sh.starts_at,
            sh.ends_at,
            sh.break_from,
            sh.break_until,
        )
        for sh, st in s.execute(q)
    ]
    return sorted(rows, key=lambda r: rules._number_key(r.number))


def shift_of(s: Session, staff_id: int, day: date) -> RosterShift | None:
    return s.scalar(
        select(RosterShift).where(RosterShift.staff_id == staff_id, RosterShift.day == day)
    )


def windows_of(shift: RosterShift | None) -> list[rules.Span]:
    if shift is None or shift.day_off or shift.starts_at is None or shift.ends_at is None:
        return []
    return rules.work_windows(shift.starts_at, shift.ends_at, shift.break_from, shift.break_until)


def busy_spans(
    s: Session, staff_id: int, day: date, *, exclude: int | None = None
) -> list[rules.Span]:
    q = select(Booking).where(Booking.staff_id == staff_id, Booking.day == day)
    spans = []
    for b in s.scalars(q):
        if b.id == exclude:
            continue
        span = rules.busy_span(b.status, b.starts_at, b.ends_at, b.completed_at)
        if span is not None:
            spans.append(span)
    return spans


def busy_by_staff(s: Session, day: date) -> dict[int, list[rules.Span]]:
    """The time every beautician holds on ``day``, read in one query."""
    q = select(
        Booking.staff_id, Booking.status, Booking.starts_at, Booking.ends_at, Booking.completed_at
    ).where(Booking.day == day)
    found: dict[int, list[rules.Span]] = {}
    for staff_id, status, start, end, completed in s.execute(q):
        span = rules.busy_span(status, start, end, completed)
        if span is not None:
            found.setdefault(staff_id, []).append(span)
    return found


#: the booking columns a row shows (columns, not objects: a busy day is 300 bookings)
_B = Booking
_ROW_COLUMNS = (
    _B.id,
    _B.number,
    _B.staff_id,
    _B.requested,
    _B.guest_name,
    _B.guest_phone,
    _B.member_id,
    _B.day,
    _B.starts_at,
    _B.ends_at,
    _B.source,
    _B.note,
    _B.status,
    _B.overbooked,
    _B.auto_cancel_waived,
    _B.late_extra_min,
    _B.created_at,
    _B.arrived_at,
    _B.completed_at,
    _B.close_reason,
    _B.sale_ref,
)


def booking_rows(s: Session, q: Select[Any], grace_min: int) -> list[BookingRow]:
    """The rows of the bookings ``q`` selects (a ``select(Booking)`` with its conditions,
    order and limit), with their services and beauticians."""
    found = s.execute(q.with_only_columns(*_ROW_COLUMNS)).all()
    if not found:
        return []
    ids = [b.id for b in found]
    items: dict[int, list[BookingItemRow]] = {}
    item_q = (
        select(
            BookingItem.booking_id,
            ServiceItem.id,
            ServiceItem.code,
            ServiceItem.name_zh,
            ServiceItem.name_en,
            BookingItem.duration_min,
            BookingItem.price_fen,
        )
        .join(ServiceItem, ServiceItem.id == BookingItem.service_id)
        .where(BookingItem.booking_id.in_(ids))
        .order_by(BookingItem.booking_id, BookingItem.seq)
    )
    for booking_id, sid, code, name_zh, name_en, minutes, price in s.execute(item_q):
        items.setdefault(booking_id, []).append(
            BookingItemRow(sid, code, name_zh, name_en, minutes, Money(price))
        )
    staff_ids = {b.staff_id for b in found}
    staff = {
        st.id: st
        for st in s.execute(
            select(Staff.id, Staff.number, Staff.name).where(Staff.id.in_(staff_ids))
        )
    }
    return [_row(b, staff[b.staff_id], tuple(items.get(b.id, ())), grace_min) for b in found]


def _row(b: Any, st: Any, items: tuple[BookingItemRow, ...], grace: int) -> BookingRow:
    """``b``: a booking's columns (``_ROW_COLUMNS``); ``st``: its beautician's id, number
    and name."""
    due = None
    if b.status == "booked" and not b.auto_cancel_waived:
        due = rules.late_due_at(b.starts_at, grace, b.late_extra_min)
    return BookingRow(
        id=b.id,
        number=b.number,
        staff_id=b.staff_id,
        staff_number=st.number,
        staff_name=st.name,
        requested=b.requested,
        guest_name=b.guest_name,
        guest_phone=b.guest_phone,
        member_id=b.member_id,
        day=b.day,
        starts_at=b.starts_at,
        ends_at=b.ends_at,
        source=b.source,
        note=b.note,
        status=b.status,
        overbooked=b.overbooked,
        late_due_at=due,
        late_extra_min=b.late_extra_min,
        items=items,
        created_at=b.created_at,
        arrived_at=b.arrived_at,
        completed_at=b.completed_at,
        close_reason=b.close_reason,
        sale_ref=b.sale_ref,
    )


def one_booking(s: Session, booking_id: int, grace_min: int) -> BookingRow:
    rows = booking_rows(s, select(Booking).where(Booking.id == booking_id), grace_min)
    if not rows:
        raise NotFound(N_("No such booking."))
    return rows[0]


def lock_booking(s: Session, booking_id: int) -> Booking:
    b = s.execute(select(Booking).where(Booking.id == booking_id).with_for_update()).scalar()
    if b is None:
        raise NotFound(N_("No such booking."))
    return b


def add_event(
    s: Session, booking_id: int, at: datetime, staff_id: int | None, kind: str, detail: str = ""
) -> None:
    """Write down what happened to a booking, every change of one goes through here: when
    it is on a day already closed (a booking made, moved, marked or cancelled after the
    day's Z report), that day's kept report figures are kept again."""
    s.add(BookingEvent(booking_id=booking_id, at=at, staff_id=staff_id, kind=kind, detail=detail))
    b = s.get(Booking, booking_id)  # in the session already: changed by the caller
    if b is None:
        return
    days = {b.day, *inspect(b).attrs.day.history.deleted}  # a move leaves a day too
    # imported here: the reports read the bookings, not the other way round
    from salon_desk.reports.kept_figures import bookings_changed_in

    bookings_changed_in(s, days)
