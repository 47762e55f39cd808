"""The till: opening float against yesterday's, drawer events, X report, closing (Z) with
a blind count, over/short, the float kept and the handover the next morning sees."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text
from test_pos_checkout import make_shop, open_till, ticket

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid
from salon_desk.core.models import AuditEntry
from salon_desk.core.money import Money
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService


def test_opening_compares_with_the_float_yesterday_kept(
    core: Core, owner: Actor, counter: Actor
) -> None:
    till = TillService(core)
    first = till.status()
    assert not first.opened and first.previous_day is None and first.expected_float is None
    opened = till.open_day(counter, {10000: 4, 1000: 8, 100: 20})
    assert opened.opening_float == Money(50000) and opened.difference is None
    with pytest.raises(Conflict):
        till.open_day(counter, {10000: 5})
    till.close_day(
        counter,
        {10000: 4, 1000: 8, 100: 20},
        kept_float=Money(50000),
        handover="明早 9 点张女士来取面膜",
    )
    core.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    morning = till.status()
    assert morning.previous_settled and morning.expected_float == Money(50000)
    assert morning.previous_handover == "明早 9 点张女士来取面膜"
    short = till.open_day(counter, {10000: 4, 1000: 7, 100: 20})
    assert short.difference == Money(-1000) and short.expected_float == Money(50000)


def test_a_day_not_closed_shows_as_unsettled(core: Core, counter: Actor) -> None:
    till = TillService(core)
    till.open_day(counter, {10000: 5})
    core.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    st = till.status()
    assert st.previous_day is not None and not st.previous_settled


def test_no_sale_needs_permission_and_a_reason_and_is_logged(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    till = TillService(core)
    till.open_day(counter, {10000: 5})
    with pytest.raises(Forbidden):
        till.no_sale(counter, "换零钱")
    with pytest.raises(Invalid):
        till.no_sale(manager, "  ")
    granted = counter.with_grant(core.auth.authorise("9001", "1234", Perm.NO_SALE))
    ev = till.no_sale(granted, "换零钱")
    assert ev.kind == "no_sale"
    with core.db.read() as s:
        entry = s.query(AuditEntry).filter(AuditEntry.action == "till.no_sale").one()
        assert entry.authorised_by == manager.staff_id and entry.reason == "换零钱"
    assert till.x_report().no_sales == 1


def test_z_figures_equal_an_independent_query_over_the_payments(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    shop = make_shop(core, owner)
    till, checkout = TillService(core), CheckoutService(core)
    open_till(core, counter, 50000)
    checkout.pay(counter, ticket(shop, counter), [Tender("cash", Money(50000))], str(uuid.uuid4()))
    checkout.pay(
        counter,
        ticket(shop, counter),
        [Tender("alipay", Money(20000), "2088-1"), Tender("cash", Money(25600))],
        str(uuid.uuid4()),
    )
    till.paid_in(counter, Money(2000), "找零补充")
    till.paid_out(manager, Money(3500), "买鲜花")
    with pytest.raises(Conflict):
        till.paid_out(manager, Money(10_000_000), "太多")
    x = till.x_report()
    assert x.sales == 2 and x.takings == Money(91200)
    # the blind count: the counter types what is in the drawer
    expected = 50000 + 45600 + 25600 + 2000 - 3500
    assert x.expected_cash == Money(expected)
    with pytest.raises(Invalid):  # 10 fen short and no note
        till.close_day(
            counter,
            {10000: 11, 5000: 1, 1000: 4, 500: 1, 100: 1, 50: 1, 10: 4},
            kept_float=Money(50000),
        )
    z = till.close_day(
        counter,
        {10000: 11, 5000: 1, 1000: 4, 500: 1, 100: 1, 50: 1, 10: 4},
        kept_float=Money(50000),
        note="少一角",
        handover="支付宝对账单已打印",
    )
    assert z.number == "20261128-0001"
    assert z.counted == Money(expected - 10) and z.over_short == Money(-10)
    assert z.to_safe == z.counted - Money(50000)
    with core.db.read() as s:
        rows = dict(
            s.execute(
                text(
                    "SELECT p.tender, SUM(p.amount_fen) FROM pos_payment p "
                    "JOIN pos_sale s ON s.id = p.sale_id WHERE s.day = :d GROUP BY p.tender"
                ),
                {"d": z.day},
            ).all()
        )
    assert {k: v.fen for k, v in z.figures.by_tender.items() if v} == rows
    assert z.figures.takings.fen == sum(rows.values())
    assert TillService(core).z_report(z.day) == z
    with pytest.raises(Conflict):
        till.close_day(counter, {10000: 5}, kept_float=Money(50000))
    with pytest.raises(Conflict):
        till.no_sale(manager, "关门后")


def test_closing_is_refused_while_a_ticket_is_parked(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    shop = make_shop(core, owner)
    till, parking = TillService(core), ParkingService(core)
    open_till(core, counter)
    parked = parking.park(counter, ticket(shop, counter), "张女士")
    assert till.status().open_tickets == 1
    with pytest.raises(Conflict):
        till.close_day(counter, {10000: 5}, kept_float=Money(50000))
    with pytest.raises(Forbidden):
        parking.clear(counter, parked.id, "客人走了")
    parking.clear(manager, parked.id, "客人走了")
    with pytest.raises(Conflict):
        parking.resume(counter, parked.id)
    z = till.close_day(counter, {10000: 5}, kept_float=Money(30000))
    assert z.to_safe == Money(20000)


def test_a_parked_ticket_is_resumed_once(core: Core, owner: Actor, counter: Actor) -> None:
    shop = make_shop(core, owner)
    parking = ParkingService(core)
    t = ticket(shop, counter)
    row = parking.park(counter, t)
    assert row.label == "深层补水" and row.total == Money(45600)
    assert [p.id for p in parking.parked()] == [row.id]
    back = parking.resume(counter, row.id)
    assert back.priced() == t.priced()
    assert parking.parked() == []
    with pytest.raises(Conflict):
        parking.resume(counter, row.id)


def test_bad_drawer_input_saves_nothing(core: Core, counter: Actor, manager: Actor) -> None:
    till = TillService(core)
    with pytest.raises(Invalid):
        till.open_day(counter, {300: 1})
    with pytest.raises(Invalid):
        till.open_day(counter, {10000: -1})
    assert not till.status().opened
    till.open_day(counter, {10000: 5})
    with pytest.raises(Invalid):
        till.paid_in(counter, Money(0), "x")
    with pytest.raises(Invalid):
        till.close_day(counter, {10000: 5}, kept_float=Money(60000))
    assert till.drawer_events() == [] and not till.status().closed
