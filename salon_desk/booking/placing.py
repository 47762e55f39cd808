"""Where a booking may go: business hours, the beautician's shift, the services she
performs, and no double-booking. Runs inside the booking transaction, holding a lock on
the beautician's staff row so that two counters cannot both take one slot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from salon_desk.booking import queries, rules
from salon_desk.booking.models import Booking, ServiceItemStaff
from salon_desk.core.auth import Role
from salon_desk.core.clock import local_datetime
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff


def lock_staff(s: Session, staff_id: int) -> Staff:
    staff = s.execute(select(Staff).where(Staff.id == staff_id).with_for_update()).scalar()
    if staff is None or not staff.active or staff.role != Role.BEAUTICIAN.value:
        raise NotFound(N_("No such beautician."), field="staff_id")
    return staff


def check_hours(
    start: datetime, end: datetime, day: date, opens: time, closes: time, tz: tzinfo
) -> None:
    if start < local_datetime(day, opens, tz) or end > local_datetime(day, closes, tz):
        raise Invalid(
            N_("The shop is open {open}–{close}: the booking must fit inside."),
            field="starts_at",
            open=opens.strftime("%H:%M"),
            close=closes.strftime("%H:%M"),
        )


def performs(s: Session, staff_id: int, service_ids: Sequence[int]) -> bool:
    for service_id in service_ids:
        allowed = set(
            s.scalars(
                select(ServiceItemStaff.staff_id).where(ServiceItemStaff.service_id == service_id)
            )
        )
        if allowed and staff_id not in allowed:
            return False
    return True


def fits_shift(s: Session, staff_id: int, day: date, span: rules.Span) -> bool:
    return rules.inside(span, queries.windows_of(queries.shift_of(s, staff_id, day)))


def is_free(s: Session, staff_id: int, day: date, span: rules.Span, exclude: int | None) -> bool:
    return not any(span.overlaps(b) for b in queries.busy_spans(s, staff_id, day, exclude=exclude))


def check_place(
    s: Session,
    staff: Staff,
    day: date,
    span: rules.Span,
    service_ids: Sequence[int],
    names: dict[int, str],
) -> None:
    """Refuse a service she does not perform or a time outside her shift."""
    for service_id in service_ids:
        if not performs(s, staff.id, [service_id]):
            raise Invalid(
                N_("{name} (No. {number}) does not perform {service}."),
                field="staff_id",
                name=staff.name,
                number=staff.number,
                service=names.get(service_id, ""),
            )
    if not fits_shift(s, staff.id, day, span):
        raise Invalid(
            N_("{name} (No. {number}) is not on duty at that time."),
            field="starts_at",
            name=staff.name,
            number=staff.number,
        )


def suggestions(
    s: Session,
    staff_id: int,
    day: date,
    span: rules.Span,
    exclude: int | None,
    not_before: datetime,
) -> list[datetime]:
    """The nearest free starts for the same beautician that day."""
    windows = queries.windows_of(queries.shift_of(s, staff_id, day))
    busy = queries.busy_spans(s, staff_id, day, exclude=exclude)
    starts = rules.free_starts(
        span.end - span.start, windows, busy, not_before=rules.round_down(not_before)
    )
    return rules.nearest(starts, span.start)


def others_free(
    s: Session, day: date, span: rules.Span, service_ids: Sequence[int], skip: int
) -> list[Staff]:
    found = []
    for shift in queries.shift_rows(s, day):
        if shift.staff_id == skip or shift.day_off:
            continue
        if (
            fits_shift(s, shift.staff_id, day, span)
            and performs(s, shift.staff_id, service_ids)
            and is_free(s, shift.staff_id, day, span, None)
        ):
            staff = s.get(Staff, shift.staff_id)
            if staff is not None:
                found.append(staff)
    return found


def refuse_overlap(
    s: Session,
    staff: Staff,
    day: date,
    span: rules.Span,
    service_ids: Sequence[int],
    exclude: int | None,
    now: datetime,
    tz: tzinfo,
) -> Conflict:
    times = suggestions(s, staff.id, day, span, exclude, now)
    others = others_free(s, day, span, service_ids, staff.id)
    return Conflict(
        N_(
            "{name} (No. {number}) is already booked at that time. "
            "Nearest free times: {times}. Free at that time: {others}."
        ),
        field="starts_at",
        name=staff.name,
        number=staff.number,
        times="、".join(t.astimezone(tz).strftime("%H:%M") for t in times) or "—",
        others="、".join(f"{o.number} {o.name}" for o in others) or "—",
        slots=times,
        free_staff=[o.id for o in others],
    )


def same_guest_clash(
    s: Session, phone: str, member_id: int | None, span: rules.Span, exclude: int | None
) -> bool:
    if not phone and member_id is None:
        return False
    who = []
    if phone:
        who.append(Booking.guest_phone == phone)
    if member_id is not None:
        who.append(Booking.member_id == member_id)
    q = select(Booking).where(
        or_(*who),
        Booking.status.in_(rules.OPEN),
        Booking.starts_at < span.end,
        Booking.ends_at > span.start,
    )
    return any(b.id != exclude for b in s.scalars(q))


def check_guest_free(
    s: Session,
    name: str,
    phone: str,
    member_id: int | None,
    span: rules.Span,
    exclude: int | None,
) -> None:
    """She cannot be booked twice at one time (a new booking, or one moved there)."""
    if same_guest_clash(s, phone, member_id, span, exclude):
        raise Conflict(N_("{name} already has a booking at that time."), field="phone", name=name)
