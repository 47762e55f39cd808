"""The figures kept for each closed day (``report_day_figure``): written by the Z report,
written again by whatever changes a closed day's rows afterwards, and giving the reports
exactly what the day's own rows give."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from salon_desk import demo
from salon_desk.booking import queries as booking_queries
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.demo import add_roster
from salon_desk.booking.drafts import BookingDraft
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core import direct
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.members.models import Member
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.demo import FLOAT, counts_for
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.day_store import packed, runs, unpacked
from salon_desk.reports.kept_figures import STATEMENTS
from salon_desk.reports.models import DayFigure
from salon_desk.reports.service import ReportService


def _drift(core: Core) -> list[tuple[date, str]]:
    """The (day, statement) whose kept rows are not what the statement gives now."""
    wrong = []
    with core.db.read() as s:
        for day, name, rows in s.execute(select(DayFigure.day, DayFigure.figure, DayFigure.rows)):
            now = direct.rows(s, STATEMENTS[name], {"start": day, "end": day})
            if sorted(map(repr, unpacked(rows))) != sorted(
                map(repr, unpacked(packed(r[1:] for r in now)))
            ):
                wrong.append((day, name))
    return wrong


def _bare(report: Any) -> Any:
    return dataclasses.replace(report, header=dataclasses.replace(report.header, printed_at=None))


def _reports(core: Core, start: date, end: date) -> list[Any]:
    service = ReportService(core)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    built = [service.build_period(start, end, printed_by="x")]
    built += [service.build_daily(d, printed_by="x") for d in days]
    return [_bare(r) for r in built]


def _kept_and_live(core: Core, start: date, end: date) -> tuple[list[Any], list[Any]]:
    """The reports from the kept figures, then from the rows alone (the kept ones gone)."""
    kept = _reports(core, start, end)
    with core.db.tx() as s:
        s.execute(delete(DayFigure))
    return kept, _reports(core, start, end)


@pytest.fixture
def shop(core: Core) -> tuple[Core, Actor, date]:
    """The demo shop (three days traded and closed, today open with a few sales), and
    tomorrow two members' tickets on a day then closed."""
    owner = demo.seed(core)
    today = TillService(core).today()
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1))
    till = TillService(core)
    till.open_day(owner, FLOAT)
    product = PickerService(core).products()[0]
    with core.db.read() as s:
        ids = s.scalars(select(Member.id).order_by(Member.id).limit(2)).all()
    found = [MemberService(core).get(i) for i in ids]
    refs = [MemberRef(m.id, m.name, m.tier_name, m.tier_bp) for m in found]
    for i, ref in enumerate([*refs, refs[0]]):
        t = Ticket()
        t.attach_member(ref)
        t.add("product", product.id, product.name, product.price)
        paid = "cash" if i else "wechat"
        CheckoutService(core).pay(owner, t, [Tender(paid, t.priced().total, "1")], str(uuid4()))
    life = LifecycleService(core)
    with core.db.read() as s:
        tomorrows = s.scalars(
            select(Booking.id).where(Booking.day == today + timedelta(days=1))
        ).all()
    for booking_id in tomorrows:  # one in the chair when the day is closed
        try:
            life.arrive(owner, booking_id)
            break
        except Conflict:
            continue
    expected = till.x_report().expected_cash
    till.close_day(owner, counts_for(expected), kept_float=Money(0), note="零钱不足")
    clock.advance(timedelta(days=-1))
    return core, owner, today


def test_each_closed_day_is_kept_whole_at_its_z(shop: tuple[Core, Actor, date]) -> None:
    core, _owner, today = shop
    with core.db.read() as s:
        kept = {(d, f) for d, f in s.execute(select(DayFigure.day, DayFigure.figure))}
    closed = [today + timedelta(days=n) for n in (-3, -2, -1, 1)]
    assert kept == {(d, name) for d in closed for name in STATEMENTS}
    assert _drift(core) == []


def test_kept_days_give_the_reports_the_rows_give(shop: tuple[Core, Actor, date]) -> None:
    core, _owner, today = shop
    start = today - timedelta(days=4)  # a day before the first traded one, and today open
    kept, live = _kept_and_live(core, start, today + timedelta(days=2))
    assert kept == live
    month = kept[0]
    assert month.register.sales >= 30 and month.register.by_beautician
    assert month.members.top and any(d.takings for d in month.days)


def _book(core: Core, owner: Actor, day: date, hour: int) -> int:
    tz = core.settings.tz()
    service = PickerService(core).services()[0]
    draft = BookingDraft(
        guest_name="补录顾客",
        guest_phone="13800000000",
        service_ids=(service.id,),
        starts_at=datetime.combine(day, time(hour), tz),
        source="walk_in",
    )
    return BookingService(core).book(owner, draft).id


def test_a_booking_changed_after_its_day_closed_keeps_the_day_again(
    shop: tuple[Core, Actor, date],
) -> None:
    core, owner, today = shop
    yesterday, before = today - timedelta(days=1), today - timedelta(days=2)
    beauticians = {st.number: st.id for st in core.auth.list_staff(role=Role.BEAUTICIAN)}
    add_roster(core, owner, beauticians, before, days=2)  # the roster, written afterwards
    first = _book(core, owner, yesterday, 14)  # written down the next morning
    moved = _book(core, owner, yesterday, 15)
    assert _drift(core) == []
    tz = core.settings.tz()
    with core.db.read() as s:
        staff_id = s.get_one(Booking, moved).staff_id
    service = BookingService(core)
    service.move(owner, moved, staff_id=staff_id, starts_at=datetime.combine(before, time(16), tz))
    assert _drift(core) == []
    life = LifecycleService(core)
    life.auto_cancel_due()  # the one left on yesterday, late since
    assert _drift(core) == []
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1, hours=11))  # tomorrow 21:00, the day closed
    with core.db.read() as s:
        chair = s.scalars(select(Booking.id).where(Booking.status == "arrived")).one()
    life.start(owner, chair)
    life.complete(owner, chair)
    life.auto_cancel_due()
    assert _drift(core) == []
    with core.db.read() as s:
        statuses = {
            b.status for b in s.scalars(select(Booking).where(Booking.id.in_([first, chair])))
        }
    assert statuses == {"auto_cancelled", "completed"}
    kept, live = _kept_and_live(core, before, today + timedelta(days=1))
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


def _postgresql_only(core: Core) -> None:
    if core.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time")


def _in_turn(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    """``work`` started on another counter (a thread), and what it raised."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def _cancel_in(s: Session, booking_id: int, owner: Actor, now: datetime) -> None:
    """What LifecycleService.cancel writes, in the caller's open transaction."""
    b = booking_queries.lock_booking(s, booking_id)
    b.status, b.closed_at = "cancelled", now
    booking_queries.add_event(s, booking_id, now, owner.staff_id, "cancelled", "顾客取消")
    s.flush()


def test_two_counters_changing_bookings_of_one_closed_day_take_turns(
    shop: tuple[Core, Actor, date],
) -> None:
    core, owner, today = shop
    _postgresql_only(core)
    yesterday = today - timedelta(days=1)
    beauticians = {st.number: st.id for st in core.auth.list_staff(role=Role.BEAUTICIAN)}
    add_roster(core, owner, beauticians, yesterday, days=1)
    first, second = _book(core, owner, yesterday, 14), _book(core, owner, yesterday, 15)
    with core.db.tx() as s:  # counter A cancels one, counter B the other meanwhile
        _cancel_in(s, first, owner, core.clock.now())
        other, errors = _in_turn(lambda: LifecycleService(core).cancel(owner, second, "改期"))
        other.join(2)
        assert other.is_alive()  # B waits for A's day
    other.join(20)
    assert errors == []
    assert _drift(core) == []


def test_a_booking_changed_while_the_day_is_closed_is_in_its_z(
    shop: tuple[Core, Actor, date],
) -> None:
    core, owner, today = shop
    _postgresql_only(core)
    with core.db.read() as s:
        booked = s.scalars(
            select(Booking.id).where(Booking.day == today, Booking.status == "booked")
        ).first()
    assert booked is not None
    till = TillService(core)
    expected = till.x_report().expected_cash
    with core.db.tx() as s:  # counter A cancels a booking of today, counter B closes
        _cancel_in(s, booked, owner, core.clock.now())
        closing, errors = _in_turn(
            lambda: till.close_day(owner, counts_for(expected), kept_float=Money(0), note="对账")
        )
        closing.join(2)
        assert closing.is_alive()  # the closing waits for A
    closing.join(20)
    assert errors == []
    assert _drift(core) == []


def test_days_closed_before_they_were_kept_are_kept_at_the_next_closing(core: Core) -> None:
    owner = demo.seed(core)  # three days closed and kept, today open
    with core.db.tx() as s:  # as a shop upgraded from a version that kept nothing
        s.execute(delete(DayFigure))
    till = TillService(core)
    today = till.today()
    start = today - timedelta(days=3)
    live = _reports(core, start, today)
    expected = till.x_report().expected_cash
    till.close_day(owner, counts_for(expected), kept_float=Money(0), note="对账")
    with core.db.read() as s:
        kept = {d for (d,) in s.execute(select(DayFigure.day).distinct())}
    assert kept == {today - timedelta(days=n) for n in range(4)}
    assert _drift(core) == []
    # the three days' daily reports, now from what was kept: as they were from the rows
    assert _reports(core, start, today - timedelta(days=1))[1:] == live[1:4]


def test_a_card_entry_posted_on_a_closed_day_keeps_the_day_again(
    shop: tuple[Core, Actor, date],
) -> None:
    core, owner, today = shop
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1, hours=12))  # tomorrow 22:00, the day closed
    cards = CardService(core)
    product = next(p for p in cards.products() if p.kind == "value")
    with core.db.read() as s:
        member = s.scalars(select(Member.id).order_by(Member.id.desc()).limit(1)).one()
    # a card sold at the members' desk after the close, then frozen and extended
    card = cards.sell(owner, member_id=member, product_id=product.id, price=product.price,
                      sale_ref="M-after-close")  # fmt: skip
    assert _drift(core) == []
    cards.freeze(owner, card.id, "出差")
    cards.unfreeze(owner, card.id)
    assert _drift(core) == []
    kept, live = _kept_and_live(core, today, today + timedelta(days=1))
    assert kept == live
    assert kept[0].cards.sold >= 1
