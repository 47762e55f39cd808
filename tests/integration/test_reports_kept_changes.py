"""The figures kept for a closed day when its card entries change after the Z, and on
PostgreSQL when two counters change the same closed day, or one changes a day while it
is being closed: every kept row stays what its statement gives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from kept_shop import book, build_shop, drift, kept_and_live
from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking import queries as booking_queries
from salon_desk.booking.demo import add_roster
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.members.models import Member
from salon_desk.pos.demo import counts_for
from salon_desk.pos.till_service import TillService


@pytest.fixture
def shop(core: Core) -> tuple[Core, Actor, date]:
    return build_shop(core)


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
    first, second = book(core, owner, yesterday, 14), book(core, owner, yesterday, 15)
    with core.db.tx() as s:  # counter A cancels one, counter B the other meanwhile
        _cancel_in(s, first, owner, core.clock.now())
        other, errors = _in_turn(lambda: LifecycleService(core).cancel(owner, second, "改期"))
        other.join(2)
        assert other.is_alive()  # B waits for A's day
    other.join(20)
    assert errors == []
    assert drift(core) == []


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
    assert drift(core) == []


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
    assert drift(core) == []
    cards.freeze(owner, card.id, "出差")
    cards.unfreeze(owner, card.id)
    assert drift(core) == []
    kept, live = kept_and_live(core, today, today + timedelta(days=1))
    assert kept == live
    assert kept[0].cards.sold >= 1
