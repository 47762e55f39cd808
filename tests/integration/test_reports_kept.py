"""The figures kept for each closed day (``report_day_figure``): written by the Z report,
written again when a booking of a closed day changes, caught up for days closed before
they were kept, and giving the reports exactly what the day's own rows give."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kept_shop import book, build_shop, drift, kept_and_live, reports
from sqlalchemy import delete, select

from salon_desk import demo
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.demo import add_roster
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.demo import counts_for
from salon_desk.pos.till_service import TillService
from salon_desk.reports.day_store import runs
from salon_desk.reports.kept_figures import STATEMENTS
from salon_desk.reports.models import DayFigure


@pytest.fixture
def shop(core: Core) -> tuple[Core, Actor, date]:
    return build_shop(core)


def test_each_closed_day_is_kept_whole_at_its_z(shop: tuple[Core, Actor, date]) -> None:
    core, _owner, today = shop
    with core.db.read() as s:
        kept = {(d, f) for d, f in s.execute(select(DayFigure.day, DayFigure.figure))}
    closed = [today + timedelta(days=n) for n in (-3, -2, -1, 1)]
    assert kept == {(d, name) for d in closed for name in STATEMENTS}
    assert drift(core) == []


def test_kept_days_give_the_reports_the_rows_give(shop: tuple[Core, Actor, date]) -> None:
    core, _owner, today = shop
    start = today - timedelta(days=4)  # a day before the first traded one, and today open
    kept, live = kept_and_live(core, start, today + timedelta(days=2))
    assert kept == live
    month = kept[0]
    assert month.register.sales >= 30 and month.register.by_beautician
    assert month.members.top and any(d.takings for d in month.days)


def test_a_booking_changed_after_its_day_closed_keeps_the_day_again(
    shop: tuple[Core, Actor, date],
) -> None:
    core, owner, today = shop
    yesterday, before = today - timedelta(days=1), today - timedelta(days=2)
    beauticians = {st.number: st.id for st in core.auth.list_staff(role=Role.BEAUTICIAN)}
    add_roster(core, owner, beauticians, before, days=2)  # the roster, written afterwards
    first = book(core, owner, yesterday, 14)  # written down the next morning
    moved = book(core, owner, yesterday, 15)
    assert drift(core) == []
    tz = core.settings.tz()
    with core.db.read() as s:
        staff_id = s.get_one(Booking, moved).staff_id
    service = BookingService(core)
    service.move(owner, moved, staff_id=staff_id, starts_at=datetime.combine(before, time(16), tz))
    assert drift(core) == []
    life = LifecycleService(core)
    life.auto_cancel_due()  # the one left on yesterday, late since
    assert drift(core) == []
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1, hours=11))  # tomorrow 21:00, the day closed
    with core.db.read() as s:
        chair = s.scalars(select(Booking.id).where(Booking.status == "arrived")).one()
    life.start(owner, chair)
    life.complete(owner, chair)
    life.auto_cancel_due()
    assert drift(core) == []
    with core.db.read() as s:
        statuses = {
            b.status for b in s.scalars(select(Booking).where(Booking.id.in_([first, chair])))
        }
    assert statuses == {"auto_cancelled", "completed"}
    kept, live = kept_and_live(core, before, today + timedelta(days=1))
    assert kept == live
    assert kept[0].bookings.total >= 3


@given(st.sets(st.integers(min_value=0, max_value=60)))
def test_runs_cover_the_days_given_and_no_other(offsets: set[int]) -> None:
    base = date(2026, 1, 1)
    days = {base + timedelta(days=n) for n in offsets}
    found = list(runs(days))
    covered = [a + timedelta(days=i) for a, b in found for i in range((b - a).days + 1)]
    assert sorted(covered) == sorted(days)
    # the runs are apart: each starts more than a day after the last one ended
    assert all(b[0] - a[1] > timedelta(days=1) for a, b in pairwise(found))


def test_days_closed_before_they_were_kept_are_kept_at_the_next_closing(core: Core) -> None:
    owner = demo.seed(core)  # three days closed and kept, today open
    with core.db.tx() as s:  # as a shop upgraded from a version that kept nothing
        s.execute(delete(DayFigure))
    till = TillService(core)
    today = till.today()
    start = today - timedelta(days=3)
    live = reports(core, start, today)
    expected = till.x_report().expected_cash
    till.close_day(owner, counts_for(expected), kept_float=Money(0), note="对账")
    with core.db.read() as s:
        kept = {d for (d,) in s.execute(select(DayFigure.day).distinct())}
    assert kept == {today - timedelta(days=n) for n in range(4)}
    assert drift(core) == []
    # the three days' daily reports, now from what was kept: as they were from the rows
    assert reports(core, start, today - timedelta(days=1))[1:] == live[1:4]
