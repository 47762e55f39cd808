"""Two counters take the last treatment or most of the value of one card at the same
moment: exactly one succeeds, the other is told there is not enough left, and the balance
stays the sum of the ledger and never below zero (SQLite file and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from card_shop import CardShop, build_card_shop, ledger_sums, stored_balance

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.money import Money
from salon_desk.members import card_uses


@pytest.fixture
def shop(core: Core, owner: Actor) -> CardShop:
    return build_card_shop(core, owner)


@pytest.fixture
def slow_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Widen the race: after a counter has read the card's balance, it waits before
    writing, long enough for the other counter to read the same balance if nothing holds
    it back."""
    real = card_uses.shop_today
    seen: list[str] = []

    def shop_today(*args: Any) -> Any:
        day = real(*args)
        seen.append(threading.current_thread().name)
        time.sleep(0.4)
        return day

    monkeypatch.setattr(card_uses, "shop_today", shop_today)
    yield seen


def race(action: Callable[[Actor], object], a: Actor, b: Actor) -> dict[str, object]:
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def run(name: str, actor: Actor) -> None:
        start.wait()
        try:
            results[name] = action(actor)
        except Exception as exc:  # the test looks at what each counter got
            results[name] = exc

    threads = [
        threading.Thread(target=run, args=("A", a), name="A"),
        threading.Thread(target=run, args=("B", b), name="B"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_counters_cannot_both_take_the_last_treatment(
    shop: CardShop, counter: Actor, manager: Actor, slow_read: list[str]
) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    c.adjust(manager, pack.id, sessions=-9, reason="纸卡已用九次")
    results = race(
        lambda actor: c.use_sessions(
            actor, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="T"
        ),
        counter,
        manager,
    )
    conflicts = [r for r in results.values() if isinstance(r, Conflict)]
    assert len(results) == 2 and len(conflicts) == 1, results
    assert sorted(n for n in slow_read if n != "MainThread") == ["A", "B"]
    assert ledger_sums(shop.core, pack.id) == stored_balance(shop.core, pack.id) == (0, 0, 0)


def test_two_counters_cannot_overspend_a_stored_value_card(
    shop: CardShop, counter: Actor, manager: Actor, slow_read: list[str]
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S1",
    )
    results = race(
        lambda actor: c.spend_value(actor, account_id=card.id, amount=Money(400000), sale_ref="T"),
        counter,
        manager,
    )
    conflicts = [r for r in results.values() if isinstance(r, Conflict)]
    assert len(results) == 2 and len(conflicts) == 1, results
    sums = ledger_sums(shop.core, card.id)
    assert sums == stored_balance(shop.core, card.id)
    assert sums[1] + sums[2] == 200000 and min(sums) >= 0
