"""Paying: the day's state is checked before anything is written, a replay answers even on
a closed day, and a ticket's rows are read and written once per table — a longer ticket
makes no more statements."""

from __future__ import annotations

import uuid

import pytest
from sent_sql import statements
from test_pos_checkout import Shop, counts, make_shop, open_till, ticket

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.stock.service import StockService


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def test_no_sale_before_the_till_is_opened_nor_after_the_day_is_closed(
    core: Core, counter: Actor, shop: Shop
) -> None:
    svc = CheckoutService(core)
    before = counts(core)
    with pytest.raises(Conflict) as caught:
        svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4()))
    assert caught.value.code == "Count the opening float first."
    assert counts(core) == before
    open_till(core, counter)
    paid = str(uuid.uuid4())
    sale = svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], paid)
    TillService(core).close_day(counter, {10000: 9, 1000: 5, 100: 6}, kept_float=Money(50000))
    after = counts(core)
    with pytest.raises(Conflict) as caught:
        svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4()))
    assert caught.value.code == "The day is closed (Z report done). No more sales today."
    # the payment screen retried after the close still gets its sale back
    again = svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], paid)
    assert again.replayed and again.number == sale.number
    assert counts(core) == after


def test_selling_below_zero_at_the_register_flags_the_product_for_a_count(
    core: Core, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    stock = StockService(core)
    for n in (1, 2):  # one mask on display: the second sale takes it below zero
        t = Ticket()
        t.add("product", shop.mask, "面膜", Money(3990))
        t.add("product", shop.serum, "玻尿酸精华", Money(16800))
        sale = svc.pay(counter, t, [Tender("cash", Money(20790))], str(uuid.uuid4()))
        assert sale.warnings == (() if n == 1 else ("面膜",))
        assert stock.product(shop.mask).needs_count == (n == 2)
        assert not stock.product(shop.serum).needs_count
    # a third sale below zero warns again; the product stays flagged
    with statements(core) as seen:
        t = Ticket()
        t.add("product", shop.mask, "面膜", Money(3990))
        sale = svc.pay(counter, t, [Tender("cash", Money(3990))], str(uuid.uuid4()))
    assert sale.warnings == ("面膜",) and stock.product(shop.mask).needs_count
    assert not [q for q in seen if q.startswith("UPDATE product")]


def services(shop: Shop, n: int) -> Ticket:
    t = Ticket()
    for i in range(n):
        item, name, price = [(shop.facial, "深层补水", 28800), (shop.eye, "眼部护理", 9800)][i % 2]
        t.add("service", item, name, Money(price), beautician_ids=(shop.beautician.staff_id,))
    return t


def test_a_longer_ticket_makes_no_more_statements(core: Core, counter: Actor, shop: Shop) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    made = []
    for n in (1, 4):
        t = services(shop, n)
        with statements(core) as seen:
            svc.pay(counter, t, [Tender("cash", t.priced().total)], str(uuid.uuid4()))
        made.append(seen)
    one, four = made
    assert len(four) == len(one)
    # (BEGIN on SQLite,) what the ticket names (its services and staff) with the key and
    # the day's state, in one statement; the number, the sale, its lines, their
    # beauticians, its payment and its receipt
    assert len(one) <= 8, one
