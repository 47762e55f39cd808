"""The appointments section of a report's layout (see :mod:`salon_desk.reports.layout`)."""

from __future__ import annotations

from datetime import datetime

from salon_desk.core.i18n import _
from salon_desk.reports.layout import Chart, Column, Section, Table
from salon_desk.reports.model import BookingFigures


def booking_section(b: BookingFigures, *, with_hours: tuple[int, ...] | None) -> Section:
    summary = Table(
        "appointments",
        _("Appointments"),
        (Column(_("Item"), width=2.0), Column(_("Count"), "int")),
        (
            (_("Bookings"), b.total),
            (_("Requested beautician (点钟)"), b.requested),
            (_("Next in turn (轮钟)"), b.rotation),
            (_("Walk-ins"), b.walk_ins),
            (_("Completed"), b.completed),
            (_("Cancelled"), b.cancelled),
            (_("No-show"), b.no_show),
            (_("Auto-cancelled (late)"), b.auto_cancelled),
            (_("Not finished"), b.still_open),
        ),
    )
    beauticians = Table(
        "beauticians",
        _("Completed appointments by beautician"),
        (
            Column(_("Beautician no."), width=0.6),
            Column(_("Beautician"), width=1.2),
            Column(_("Requested (点钟)"), "int"),
            Column(_("In turn (轮钟)"), "int"),
            Column(_("List price of services"), "money", 1.4),
        ),
        tuple(
            (x.number, x.name, x.requested_done, x.rotation_done, x.value) for x in b.by_beautician
        ),
        total=(
            _("Total"),
            "",
            sum(x.requested_done for x in b.by_beautician),
            sum(x.rotation_done for x in b.by_beautician),
            b.completed_value,
        ),
        empty=_("No appointment was completed."),
    )
    late = Table(
        "auto_cancelled",
        _("Auto-cancelled for lateness"),
        (
            Column(_("Booking no."), width=1.3),
            Column(_("Time"), width=0.6),
            Column(_("Name"), width=0.9),
            Column(_("Phone"), width=1.1),
            Column(_("Beautician"), width=1.0),
            Column(_("Cancelled at"), width=0.8),
        ),
        tuple(
            (
                a.number,
                _when(a.starts_at),
                a.guest_name,
                a.guest_phone,
                a.beautician,
                _when(a.closed_at),
            )
            for a in b.auto_cancelled_list
        ),
        empty=_("No appointment was cancelled for lateness."),
    )
    charts: tuple[Chart, ...] = ()
    if with_hours is not None and any(with_hours):
        first = min(h for h, n in enumerate(with_hours) if n)
        last = max(h for h, n in enumerate(with_hours) if n)
        hours = range(min(first, 9), max(last, 20) + 1)
        charts = (
            Chart(
                "bookings_by_hour",
                _("Appointments by hour"),
                "bar",
                tuple(f"{h}" for h in hours),
                tuple(with_hours[h] for h in hours),
            ),
        )
    return Section(_("Appointments"), (summary, beauticians, late), charts)


def _when(at: datetime | None) -> str:
    if at is None:
        return ""
    return at.strftime("%m-%d %H:%M")
