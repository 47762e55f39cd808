"""Two processes pay the same ticket with the same key at the same moment (a double tap
reaching two counters, or a retry racing the first attempt): one sale, both answers name it.
Runs on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import time
import uuid
from typing import Any

from sqlalchemy import func, select
from test_pos_checkout import Shop, make_shop, open_till, ticket

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.money import Money
from salon_desk.pos import checkout_service
from salon_desk.pos.models import Payment, Sale
from salon_desk.pos.rules import Tender
from salon_desk.stock.models import StockMovement


def _pay(url: str, now: Any, actor: Actor, shop: Shop, key: str, barrier: Any, out: Any) -> None:
    core = Core.build(Database.open(url), clock=FixedClock(now))
    real = checkout_service.CheckoutService._write

    def slow_write(self: Any, s: Any, *args: Any) -> Any:
        time.sleep(0.5)  # both processes are now inside their transaction
        return real(self, s, *args)

    checkout_service.CheckoutService._write = slow_write  # type: ignore[method-assign]
    barrier.wait(timeout=30)
    try:
        sale = checkout_service.CheckoutService(core).pay(
            actor, ticket(shop, actor), [Tender("cash", Money(50000))], key
        )
        out.put((sale.number, sale.replayed))
    except Exception as exc:  # reported to the test
        out.put(("error", repr(exc)))
    finally:
        core.close()


def test_two_processes_one_key_make_one_sale(core: Core, owner: Actor, counter: Actor) -> None:
    shop = make_shop(core, owner)
    open_till(core, counter)
    url = core.db.engine.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    key = str(uuid.uuid4())
    procs = [
        ctx.Process(target=_pay, args=(url, core.clock.now(), counter, shop, key, barrier, out))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert all(r[0] != "error" for r in results), results
    assert {r[0] for r in results} == {"20261128-0001"}
    assert sorted(r[1] for r in results) == [False, True]
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Sale)) == 1
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        sold = s.scalar(select(func.count()).where(StockMovement.reason == "sold"))
        assert sold == 1
