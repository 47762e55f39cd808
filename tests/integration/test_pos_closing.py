"""Closing the day: refused while any ticket is open (parked, or a treatment finished today
and not rung up), with a message naming each; a closed Z cannot be closed again, changed
or removed."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from test_booking_book import Shop as BookingShop
from test_booking_book import build_shop
from test_pos_checkout import make_shop, open_till, ticket

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import error_text
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import ZReport
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService


def finished_treatment(shop: BookingShop, counter: Actor, guest: str, hour: int) -> str:
    """A booking of today, arrived, treated and completed; not paid. Its number."""
    row = BookingService(shop.core).book(counter, shop.draft("1", hour, guest_name=guest))
    life = LifecycleService(shop.core)
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    clock.set(shop.at(hour))
    life.arrive(counter, row.id)
    life.start(counter, row.id)
    clock.set(shop.at(hour + 1))
    life.complete(counter, row.id)
    return row.number


def test_open_tickets_block_closing_and_are_named(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    bshop = build_shop(core, owner)
    till, parking = TillService(core), ParkingService(core)
    open_till(core, counter)
    first = finished_treatment(bshop, counter, "李娜", 10)
    second = finished_treatment(bshop, counter, "周敏", 13)
    facial = bshop.services["F01"]
    waiting = Ticket()
    waiting.add("service", facial.id, facial.name_zh, facial.price)
    parked = parking.park(counter, waiting, "张女士")
    core.clock.set(bshop.at(20))  # type: ignore[attr-defined]

    def refusal() -> str:
        with pytest.raises(Conflict) as caught:
            till.close_day(counter, {10000: 5}, kept_float=Money(50000))
        return error_text(caught.value)

    said = refusal()
    for name in ("张女士", facial.price.format(), first, "李娜", second, "周敏"):
        assert name in said, (name, said)
    parking.clear(manager, parked.id, "客人改天来")
    said = refusal()
    assert "张女士" not in said and first in said and second in said
    # ring both treatments up: the day can then be closed
    for b in PickerService(core).completed_bookings():
        t = Ticket()
        for p in b.services:
            t.add("service", p.id, p.name, p.price, beautician_ids=(b.staff_id,), booking_id=b.id)
        CheckoutService(core).pay(counter, t, [Tender("wechat", b.total, "wx")], str(uuid.uuid4()))
    assert PickerService(core).completed_bookings() == []
    assert not till.status().closed
    z = till.close_day(counter, {10000: 5}, kept_float=Money(50000))
    assert z.figures.sales == 2 and till.status().closed


def test_a_closed_z_cannot_be_closed_again_changed_or_removed(
    core: Core, owner: Actor, counter: Actor
) -> None:
    shop = make_shop(core, owner)
    till = TillService(core)
    open_till(core, counter)
    CheckoutService(core).pay(
        counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4())
    )
    z = till.close_day(counter, {10000: 9, 1000: 5, 100: 6}, kept_float=Money(50000))
    with core.db.read() as s:
        frozen = tuple(s.execute(text("SELECT * FROM pos_z_report")).one())
    with pytest.raises(Conflict):  # closing twice
        till.close_day(counter, {10000: 5}, kept_float=Money(50000))
    with pytest.raises(Conflict):  # opening the closed day again
        till.open_day(counter, {10000: 5})
    with pytest.raises(Conflict):  # selling on the closed day
        CheckoutService(core).pay(
            counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4())
        )
    with pytest.raises(Conflict) as caught, core.db.tx() as s:  # changing the row
        row = s.scalars(select(ZReport)).one()
        row.over_short_fen = 0
        row.note = "改过"
    assert z.number in error_text(caught.value)
    with pytest.raises(Conflict), core.db.tx() as s:  # removing it
        s.delete(s.scalars(select(ZReport)).one())
    with core.db.read() as s:
        assert tuple(s.execute(text("SELECT * FROM pos_z_report")).one()) == frozen
    assert till.z_report(z.day) == z
