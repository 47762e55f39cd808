"""Cards: sale, use, caps, validity from sale or first use, stored value and top-up, freeze.
Reversal, void, refund, transfer, adjustment, expiry: test_members_card_changes.py."""

from __future__ import annotations

import pytest
from card_shop import (
    CardShop,
    build_card_shop,
    consistent,
    ledger_count,
)

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money


@pytest.fixture
def shop(core: Core, owner: Actor) -> CardShop:
    return build_card_shop(core, owner)


def test_selling_each_kind_of_card(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    month = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(88000),
        sale_ref="S1",
    )
    assert (month.starts_on.isoformat(), month.expires_on.isoformat()) == (  # type: ignore[union-attr]
        "2026-11-28",
        "2026-12-27",
    )
    assert month.number == "20261128-0001" and month.price == Money(88000)
    year = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.year.id,
        price=Money(880000),
        sale_ref="S1",
    )
    assert year.starts_on is None and year.expires_on is None  # runs from the first use
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    assert pack.sessions_left == 10
    value = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S1",
    )
    assert (value.principal, value.bonus, value.value) == (
        Money(500000),
        Money(100000),
        Money(600000),
    )
    assert [a.id for a in c.accounts_for_member(shop.member.id)] == [
        month.id,
        year.id,
        pack.id,
        value.id,
    ]
    assert [e.kind for e in c.ledger(value.id)] == ["sale", "bonus"]
    for a in (month, year, pack, value):
        consistent(shop, a.id)


def test_session_pack_use_and_its_limits(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    e = c.use_sessions(
        counter, account_id=pack.id, service_id=shop.facial, sessions=2, sale_ref="S2"
    )
    assert (e.sessions, e.sessions_after, e.list_price) == (-2, 8, Money(39600))
    before = ledger_count(shop.core)
    with pytest.raises(Conflict) as err:
        c.use_sessions(
            counter, account_id=pack.id, service_id=shop.facial, sessions=9, sale_ref="S3"
        )
    assert err.value.params["left"] == 8
    with pytest.raises(Conflict):  # not a service of this card
        c.use_sessions(counter, account_id=pack.id, service_id=shop.slim, sessions=1, sale_ref="S3")
    for bad in (0, -1, 100):
        with pytest.raises(Invalid):
            c.use_sessions(
                counter, account_id=pack.id, service_id=shop.facial, sessions=bad, sale_ref="S3"
            )
    with pytest.raises(NotFound):
        c.use_sessions(counter, account_id=9999, service_id=shop.facial, sessions=1, sale_ref="S3")
    assert ledger_count(shop.core) == before
    c.use_sessions(counter, account_id=pack.id, service_id=shop.facial, sessions=8, sale_ref="S4")
    assert consistent(shop, pack.id) == (0, 0, 0)
    with pytest.raises(Conflict):
        c.use_sessions(
            counter, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="S5"
        )


def test_period_card_caps_hold_at_their_boundaries(
    shop: CardShop, counter: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(98000),
        sale_ref="S1",
    )

    def use(ref: str) -> None:
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref=ref
        )

    use("A")  # Saturday 28 Nov
    with pytest.raises(Conflict) as err:
        use("B")  # a second one the same day
    assert err.value.code == "Card {number} allows {limit} treatment(s) a day."
    clock.advance(days=1)  # Sunday: same week
    use("C")
    clock.advance(days=1)  # Monday: a new week
    use("D")
    clock.advance(days=1)
    use("E")
    clock.advance(days=1)
    use("F")  # the third this week
    clock.advance(days=1)
    with pytest.raises(Conflict) as err:
        use("G")
    assert err.value.params["limit"] == 3
    # the last day (27 Dec) still works; the day after does not
    clock.set(clock.now().replace(day=27, month=12))
    use("H")
    clock.advance(days=1)
    with pytest.raises(Conflict) as err:
        use("I")
    assert err.value.code == "Card {number} expired on {day}."
    assert c.account(card.id).uses == 6


def test_a_card_from_first_use_starts_then_and_keeps_a_gap(
    shop: CardShop, counter: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.year.id,
        price=Money(880000),
        sale_ref="S1",
    )
    clock.advance(days=10)
    c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U1")
    after = c.account(card.id)
    assert after.starts_on is not None and after.starts_on.isoformat() == "2026-12-08"
    assert after.expires_on is not None and after.expires_on.isoformat() == "2027-12-07"
    clock.advance(hours=47)
    with pytest.raises(Conflict) as err:
        c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U2")
    assert err.value.params["limit"] == 48
    clock.advance(hours=1)
    c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U2")


def test_stored_value_is_spent_in_proportion_and_topped_up(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S1",
    )
    spent = c.spend_value(counter, account_id=card.id, amount=Money(60000), sale_ref="S2")
    assert (spent.principal, spent.bonus) == (Money(50000), Money(10000))
    spent = c.spend_value(counter, account_id=card.id, amount=Money(1), sale_ref="S3")
    assert spent.amount == Money(1)
    with pytest.raises(Conflict):
        c.spend_value(counter, account_id=card.id, amount=Money(600000), sale_ref="S4")
    for bad in (Money(0), Money(-100)):
        with pytest.raises(Invalid):
            c.spend_value(counter, account_id=card.id, amount=bad, sale_ref="S4")
        with pytest.raises(Invalid):
            c.top_up(counter, account_id=card.id, amount=bad, bonus=Money(0), sale_ref="S4")
    entry = c.top_up(
        counter, account_id=card.id, amount=Money(200000), bonus=Money(20000), sale_ref="S5"
    )
    assert entry.kind == "top_up"
    p, b = consistent(shop, card.id)[1:]
    assert p + b == 600000 - 60000 - 1 + 220000
    with pytest.raises(Conflict):  # sessions from a value card
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref="S6"
        )


def test_freeze_stops_the_clock(
    shop: CardShop, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(98000),
        sale_ref="S1",
    )
    with pytest.raises(Forbidden):
        c.freeze(counter, card.id, "出差")
    with pytest.raises(Invalid):
        c.freeze(manager, card.id, "  ")
    c.freeze(manager, card.id, "出差两周")
    with pytest.raises(Conflict):
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref="S2"
        )
    clock.advance(days=14)
    row = c.unfreeze(counter, card.id)
    assert row.expires_after is not None and row.expires_after.isoformat() == "2027-01-10"
    actions = [e.action for e in audit.entries(shop.core.db, object_type="card_account")]
    assert actions[:2] == ["card.unfreeze", "card.freeze"]
    with pytest.raises(Conflict):
        c.unfreeze(counter, card.id)
    # an expired card cannot be frozen
    clock.advance(days=60)
    with pytest.raises(Conflict) as err:
        c.freeze(manager, card.id, "太晚")
    assert err.value.code == "Card {number} expired on {day}."
