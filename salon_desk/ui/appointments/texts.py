"""Sentences the appointments tab shows: the read-back to the caller, the late notice,
a booking block's countdown."""

from __future__ import annotations

from datetime import datetime, tzinfo

from salon_desk.booking.rows import STATUS_LABELS, BookingRow
from salon_desk.core.i18n import N_, _

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def hm(instant: datetime, tz: tzinfo) -> str:
    return instant.astimezone(tz).strftime("%H:%M")


def day_text(instant: datetime, tz: tzinfo) -> str:
    local = instant.astimezone(tz)
    return f"{local:%m-%d} {_(WEEKDAYS[local.weekday()])}"


def read_back(row: BookingRow, tz: tzinfo) -> str:
    """One sentence to read back to the caller: date, time, services, beautician."""
    return _(
        "{date} {time}, {services}, beautician No. {number} {name}.",
        date=day_text(row.starts_at, tz),
        time=hm(row.starts_at, tz),
        services=row.service_names,
        number=row.staff_number,
        name=row.staff_name,
    )


def late_notice(row: BookingRow, tz: tzinfo, minutes: int) -> str:
    return _(
        "{name} {time} {services} No. {number} — more than {minutes} minutes late, "
        "cancelled automatically",
        name=row.guest_name,
        time=hm(row.starts_at, tz),
        services=row.service_names,
        number=row.staff_number,
        minutes=minutes,
    )


def countdown(row: BookingRow, now: datetime) -> str:
    """For a booking whose member has not come yet: how late, and when it is cancelled."""
    if row.status != "booked" or row.late_due_at is None or now < row.starts_at:
        return ""
    late = int((now - row.starts_at).total_seconds() // 60)
    left = max(0, int((row.late_due_at - now).total_seconds() + 59) // 60)
    return _("{late} min late · cancelled in {left} min", late=late, left=left)


def status_text(row: BookingRow) -> str:
    return _(STATUS_LABELS.get(row.status, row.status))


def kind_text(row: BookingRow) -> str:
    return _("Requested") if row.requested else _("In turn")
