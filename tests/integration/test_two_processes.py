"""Two counters as two processes on one database — a SQLite file, and PostgreSQL — reach
for the same thing at the same moment: the last session of a card, the last of a stored
value, one beautician's slot. Exactly one wins; the other is told why (a ``Conflict``,
never "database is locked"); nothing goes below zero and nothing is booked twice.

Each process opens its own database connection, as a second counter PC does; the read
that decides is slowed down in both so that the second process reads before the first
writes unless the database holds it back."""

from __future__ import annotations

import multiprocessing
import time
from datetime import datetime
from typing import Any

import pytest
from card_shop import build_card_shop, ledger_sums, stored_balance
from sqlalchemy import func, select
from test_booking_book import build_shop

from salon_desk.booking.models import Booking
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.money import Money

CALLS: list[int] = []  # in each process: how often the slowed read ran


def _slowed(module: Any, name: str) -> None:
    """Make ``module.name`` wait after it has read, so both processes read first."""
    real = getattr(module, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        CALLS.append(1)
        time.sleep(0.4)
        return found

    setattr(module, name, slow)


def _counter(
    what: str, url: str, now: datetime, actor: Actor, args: dict[str, Any], barrier: Any, out: Any
) -> None:
    core = Core.build(Database.open(url), clock=FixedClock(now))
    try:
        if what == "book":
            from salon_desk.booking import placing
            from salon_desk.booking.booking_service import BookingService

            _slowed(placing, "is_free")
            call: Any = lambda: BookingService(core).book(actor, args["draft"])  # noqa: E731
        else:
            from salon_desk.members import card_uses
            from salon_desk.members.card_service import CardService

            _slowed(card_uses, "shop_today")
            service = CardService(core)
            if what == "session":
                call = lambda: service.use_sessions(actor, **args)  # noqa: E731
            else:
                call = lambda: service.spend_value(actor, **args)  # noqa: E731
        barrier.wait(timeout=60)
        try:
            call()
            out.put(("ok", "", len(CALLS)))
        except Exception as exc:  # what this counter was told goes back to the test
            out.put((type(exc).__name__, str(exc), len(CALLS)))
    finally:
        core.close()


def _race(core: Core, what: str, actors: list[Actor], args: list[dict[str, Any]]) -> list[str]:
    url = core.db.engine.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_counter, args=(what, url, core.clock.now(), a, kw, barrier, out))
        for a, kw in zip(actors, args, strict=True)
    ]
    for p in procs:
        p.start()
    try:
        results = [out.get(timeout=120) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]
    assert all(calls >= 1 for _k, _m, calls in results), results  # both really read
    return sorted(kind for kind, _message, _calls in results)


@pytest.mark.timeout(300)
def test_two_processes_take_the_last_session_once(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    shop = build_card_shop(core, owner)
    pack = shop.cards.sell(
        counter, member_id=shop.member.id, product_id=shop.pack.id, price=Money(150000),
        sale_ref="S1",
    )  # fmt: skip
    shop.cards.adjust(manager, pack.id, sessions=-9, reason="纸卡已用九次")
    use = {"account_id": pack.id, "service_id": shop.facial, "sessions": 1}
    got = _race(core, "session", [counter, manager],
                [{**use, "sale_ref": "T1"}, {**use, "sale_ref": "T2"}])  # fmt: skip
    assert got == ["Conflict", "ok"]
    assert ledger_sums(core, pack.id) == stored_balance(core, pack.id) == (0, 0, 0)


@pytest.mark.timeout(300)
def test_two_processes_spend_the_last_value_once(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    shop = build_card_shop(core, owner)
    card = shop.cards.sell(
        counter, member_id=shop.member.id, product_id=shop.value.id, price=Money(500000),
        sale_ref="S1",
    )  # fmt: skip
    spend = {"account_id": card.id, "amount": Money(400000)}
    got = _race(core, "value", [counter, manager],
                [{**spend, "sale_ref": "T1"}, {**spend, "sale_ref": "T2"}])  # fmt: skip
    assert got == ["Conflict", "ok"]
    sums = ledger_sums(core, card.id)
    assert sums == stored_balance(core, card.id)
    assert sums[1] + sums[2] == 200000 and min(sums) >= 0


@pytest.mark.timeout(300)
def test_two_processes_book_one_slot_once(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    shop = build_shop(core, owner)
    drafts = [
        {"draft": shop.draft("1", 11, guest_name="甲", guest_phone="13800000001")},
        {"draft": shop.draft("1", 11, guest_name="乙", guest_phone="13800000002")},
    ]
    assert _race(core, "book", [counter, manager], drafts) == ["Conflict", "ok"]
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Booking)) == 1
