"""The demo fills today and the coming days so the appointments tab looks like a real day."""

from __future__ import annotations

from datetime import date, time, timedelta

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock, local_datetime
from salon_desk.core.context import Core

DAY = date(2026, 11, 28)


def test_demo_fills_a_realistic_day(core: Core, owner: Actor, clock: FixedClock) -> None:
    clock.set(local_datetime(DAY, time(15, 10), core.settings.tz()))
    demo.seed(core, owner)
    beauticians = core.auth.list_staff(role=Role.BEAUTICIAN)
    assert len(beauticians) == 8
    assert len(CatalogueService(core).list()) >= 15
    assert len(RosterService(core).on_duty(DAY + timedelta(days=6))) >= 6
    today = BookingService(core).day(DAY)
    statuses = {b.status for b in today}
    assert {"completed", "in_service", "booked", "auto_cancelled"} <= statuses
    assert any(b.requested for b in today) and any(not b.requested for b in today)
    assert len(BookingService(core).day(DAY + timedelta(days=1))) >= 15
    assert RosterService(core).first_of(DAY) == next(b.id for b in beauticians if b.number == "3")
