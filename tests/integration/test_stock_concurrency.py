"""Two counters sell the same two products at the same moment, listed in opposite order
on their tickets. On PostgreSQL each sale holds its product's stock balance row until the
commit: sold in product-id order, the second counter waits for the first instead of each
waiting for the other (a deadlock, one sale refused)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.stock import moves
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService


@pytest.fixture
def pg_core(core: Core) -> Core:
    if core.db.engine.dialect.name != "postgresql":
        pytest.skip("row locks of concurrent transactions: PostgreSQL")
    return core


@pytest.fixture
def meet_after_first_sale(pg_core: Core) -> Iterator[None]:
    """Each counter, having written its first balance, waits (up to 2 s) for the other to
    have written its own first: without a common order each then holds a row the other
    wants next."""
    barrier = threading.Barrier(2, timeout=2)
    done = threading.local()

    def after(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if threading.current_thread() is threading.main_thread():  # setting up the shop
            return
        if sql.startswith("INSERT INTO stock_balance") and not getattr(done, "met", False):
            done.met = True
            # broken: the other counter is waiting on a lock this one holds
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    engine = pg_core.db.engine
    event.listen(engine, "after_cursor_execute", after)
    yield
    event.remove(engine, "after_cursor_execute", after)


def test_two_counters_selling_two_products_in_opposite_order_both_sell(
    pg_core: Core, owner: Actor, counter: Actor, meet_after_first_sale: None
) -> None:
    core = pg_core
    stock = StockService(core)
    ids = []
    for n in range(2):
        fields = ProductFields(
            brand="并发", name_zh=f"产品{n}", price=Money(5000), cabinet="A", shelf=1, position=n
        )
        ids.append(stock.create_product(owner, fields).id)
        stock.receive(owner, ids[-1], 5, location="display")
    results: dict[str, object] = {}

    def sell(name: str, items: list[tuple[int, int]]) -> None:
        try:
            with core.db.tx() as s:
                products = moves.products_for_sale_in(s, [p for p, _ in items])
                done = moves.sell_all_in(
                    s, core.clock, counter, items, sale_ref=name, products=products
                )
            results[name] = [d.movement.product_id for d in done]
        except Exception as exc:  # the test looks at what each counter got
            results[name] = exc

    threads = [
        threading.Thread(target=sell, args=("A", [(ids[0], 1), (ids[1], 1)])),
        threading.Thread(target=sell, args=("B", [(ids[1], 1), (ids[0], 1)])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == {"A": ids, "B": ids[::-1]}  # each answer in its ticket's order
    assert [stock.product(p).on_display for p in ids] == [3, 3]
