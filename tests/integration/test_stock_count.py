"""The closing stock count on a real database: blind counting, sales during the count,
reasons, the approval rule, posting once, and carrying on after a restart."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor, Grant, Perm
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.stock import moves
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.models import StockCount, StockCountLine, StockMovement
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService


def _fields(n: int, **kw: object) -> ProductFields:
    base: dict[str, object] = {
        "brand": "自然美",
        "name_zh": f"产品{n}",
        "barcode": f"200000100{n:04d}",
        "price": Money(20000),
        "cost": Money(8000),
        "cabinet": "A",
        "shelf": 1,
        "position": n,
    }
    base.update(kw)
    return ProductFields(**base)  # type: ignore[arg-type]


@pytest.fixture
def counts(core: Core) -> StockCountService:
    return StockCountService(core)


@pytest.fixture
def shop(core: Core, owner: Actor) -> dict[str, int]:
    """Three products on the cabinet (4, 4, 2 units) and spare bulbs in the store."""
    stock = StockService(core)
    ids = {}
    for n, qty in ((1, 4), (2, 4), (3, 2)):
        pid = stock.create_product(owner, _fields(n)).id
        stock.receive(owner, pid, qty, location="display")
        ids[f"p{n}"] = pid
    bulb = stock.create_product(
        owner,
        _fields(
            9, name_zh="射灯灯泡", category="consumable", cabinet="", shelf=None, position=None
        ),
    )
    stock.receive(owner, bulb.id, 6)
    ids["bulb"] = bulb.id
    return ids


def _sell(core: Core, actor: Actor, pid: int, qty: int = 1) -> None:
    with core.db.tx() as s:
        moves.sell_in(s, core.clock, actor, product_id=pid, qty=qty, sale_ref="S")


def _snapshot(core: Core) -> tuple[int, ...]:
    with core.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(StockMovement)) or 0,
            s.scalar(select(func.sum(StockMovement.qty))) or 0,
            s.scalar(select(func.count()).select_from(StockCount)) or 0,
            s.scalar(select(func.count()).select_from(StockCountLine)) or 0,
        )


def _by_product(counts: StockCountService, count_id: int) -> dict[int, int]:
    return {ln.product_id: ln.id for ln in counts.lines(count_id)}


def test_blind_count_with_a_sale_during_the_count(
    core: Core, counts: StockCountService, counter: Actor, manager: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(counter, "display")
    lines = counts.lines(count.id)
    assert [ln.product_id for ln in lines] == [shop["p1"], shop["p2"], shop["p3"]]
    assert all(ln.expected is None and ln.variance is None for ln in lines)  # blind
    ids = _by_product(counts, count.id)
    # p1: counted 4, then one is sold before posting: no difference.
    counts.set_counted(counter, count.id, ids[shop["p1"]], 4)
    _sell(core, counter, shop["p1"])
    # p2: one sold before it is counted; 3 found: no difference.
    _sell(core, counter, shop["p2"])
    for _ in range(3):
        counts.scan(counter, count.id, "2000001000002")
    # p3: steppers; one unit is missing.
    counts.step(counter, count.id, ids[shop["p3"]], +1)
    counts.step(counter, count.id, ids[shop["p3"]], +1)
    row = counts.step(counter, count.id, ids[shop["p3"]], -1)
    assert (row.counted, row.expected) == (1, None)
    counts.finish(counter, count.id)
    checked = {ln.product_id: ln for ln in counts.lines(count.id)}
    assert (checked[shop["p1"]].expected, checked[shop["p1"]].variance) == (4, 0)
    assert (checked[shop["p2"]].expected, checked[shop["p2"]].variance) == (3, 0)
    p3 = checked[shop["p3"]]
    assert (p3.expected, p3.variance, p3.variance_value) == (2, -1, Money(-8000))
    with pytest.raises(Invalid):  # a difference needs a reason
        counts.post(counter, count.id)
    counts.set_reason(counter, count.id, p3.id, "lost", "柜台找过")
    posted = counts.post(counter, count.id)
    assert (posted.status, posted.variance_value, posted.approved_by) == (
        "posted",
        Money(-8000),
        None,
    )
    stock = StockService(core)
    assert [stock.product(shop[k]).on_display for k in ("p1", "p2", "p3")] == [3, 3, 1]
    adjust = stock.movements(shop["p3"])[0]
    assert (adjust.reason, adjust.qty, adjust.ref, adjust.note) == (
        "count_adjust",
        -1,
        posted.number,
        "柜台找过",
    )
    assert stock.movements(shop["p1"])[0].reason == "sold"


def test_posting_twice_changes_nothing(
    core: Core, counts: StockCountService, counter: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(counter, "display")
    for ln in counts.lines(count.id):
        counts.set_counted(counter, count.id, ln.id, 1)
    counts.finish(counter, count.id)
    for ln in counts.lines(count.id):
        counts.set_reason(counter, count.id, ln.id, "miscount")
    with pytest.raises(Forbidden):  # 8 units short at ¥80: above the ¥200 threshold
        counts.post(counter, count.id)
    grant = Grant(1, "王店长", Perm.STOCK_COUNT_APPROVE)
    posted = counts.post(counter.with_grant(grant), count.id)
    assert posted.approved_by == "王店长"
    before = _snapshot(core)
    with pytest.raises(Conflict):
        counts.post(counter.with_grant(grant), count.id)
    with pytest.raises(Conflict):
        counts.set_counted(counter, count.id, counts.lines(count.id)[0].id, 5)
    assert _snapshot(core) == before
    audit = entries(core.db, action_prefix="stock_count.post")
    assert len(audit) == 1 and audit[0].authorised_by == 1


def test_manager_approves_a_large_difference(
    core: Core, counts: StockCountService, manager: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(manager, "display")
    counts.finish(manager, count.id, uncounted_as_zero=True)
    for ln in counts.lines(count.id):
        assert ln.counted == 0
        counts.set_reason(manager, count.id, ln.id, "lost")
    posted = counts.post(manager, count.id)
    assert posted.approved_by == "李经理"
    assert posted.variance_value == Money(-8000 * 10)


def test_bad_counts_save_nothing(
    core: Core, counts: StockCountService, counter: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(counter, "display")
    line = counts.lines(count.id)[0]
    before = _snapshot(core)
    for bad in (-1, 1.5, "3", True, None):
        with pytest.raises(Invalid):
            counts.set_counted(counter, count.id, line.id, bad)  # type: ignore[arg-type]
    with pytest.raises(Invalid):
        counts.step(counter, count.id, line.id, -1)  # below zero
    with pytest.raises(NotFound) as unknown:
        counts.scan(counter, count.id, "6901234567892")
    assert unknown.value.field == "barcode"
    with pytest.raises(Invalid):
        counts.scan(counter, count.id, "2000001000009", location="store")  # not in this count
    with pytest.raises(Invalid):
        counts.finish(counter, count.id)  # three lines not counted yet
    with pytest.raises(Invalid):
        counts.post(counter, count.id)  # still counting
    with pytest.raises(Conflict):
        counts.start(counter, "store")  # one count at a time
    assert _snapshot(core) == before
    assert all(ln.counted is None for ln in counts.lines(count.id))


def test_scan_adds_a_product_missing_from_the_sheet(
    core: Core, counts: StockCountService, counter: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(counter, "both")
    assert {(ln.product_id, ln.location) for ln in counts.lines(count.id)} == {
        (shop["p1"], "display"),
        (shop["p2"], "display"),
        (shop["p3"], "display"),
        (shop["bulb"], "store"),
    }
    row = counts.scan(counter, count.id, "2000001000009")  # bulbs on the cabinet
    assert (row.product_id, row.location, row.counted) == (shop["bulb"], "display", 1)
    assert len(counts.lines(count.id)) == 5


def test_a_count_resumes_after_restart(
    core: Core, counts: StockCountService, counter: Actor, shop: dict[str, int]
) -> None:
    count = counts.start(counter, "display")
    first = counts.lines(count.id)[0]
    counts.set_counted(counter, count.id, first.id, 4)
    url = core.db.engine.url.render_as_string(hide_password=False)
    again = Core.build(Database.open(url), clock=core.clock)
    try:
        resumed = StockCountService(again).current()
        assert resumed is not None and resumed.id == count.id
        assert (resumed.status, resumed.lines, resumed.counted) == ("counting", 3, 1)
        assert StockCountService(again).lines(count.id)[0].counted == 4
    finally:
        again.close()


def test_sold_below_zero_is_flagged_until_counted(
    core: Core, counts: StockCountService, counter: Actor, manager: Actor, shop: dict[str, int]
) -> None:
    _sell(core, counter, shop["p3"], 3)  # two on the books, three sold
    stock = StockService(core)
    assert stock.product(shop["p3"]).needs_count
    count = counts.start(counter, "display")
    flagged = [ln for ln in counts.lines(count.id) if ln.flagged]
    assert [ln.product_id for ln in flagged] == [shop["p3"]]
    for ln in counts.lines(count.id):
        counts.set_counted(counter, count.id, ln.id, 4 if ln.product_id != shop["p3"] else 0)
    counts.finish(counter, count.id)
    counts.set_reason(counter, count.id, flagged[0].id, "miscount")
    counts.post(counter, count.id)
    p3 = stock.product(shop["p3"])
    assert (p3.on_display, p3.needs_count) == (0, False)


def test_cancel_and_history(core: Core, counts: StockCountService, counter: Actor) -> None:
    count = counts.start(counter, "store")
    cancelled = counts.cancel(counter, count.id, "换班")
    assert cancelled.status == "cancelled"
    assert counts.current() is None
    with pytest.raises(Conflict):
        counts.cancel(counter, count.id)
    second = counts.start(counter, "display")
    assert [c.number for c in counts.history()] == [second.number, count.number]
    assert count.number.startswith("20261128-")
