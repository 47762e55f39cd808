"""Voids and refunds: new rows pointing at the sale, money back per tender, stock back on
the shelf or written off, never more than was paid, permission and reason, logged."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from test_pos_checkout import Shop, make_shop, open_till, ticket

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.models import AuditEntry
from salon_desk.core.money import Money
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import Refund, Sale
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.stock.moves import location_on_hand_in


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def sell(core: Core, actor: Actor, shop: Shop, serums: int = 1) -> SaleRow:
    t = ticket(shop, actor)
    if serums > 1:
        t.set_qty(2, serums)
    due = t.priced().total
    return CheckoutService(core).pay(
        actor,
        t,
        [
            Tender("wechat", Money(20000), "WX-" + str(uuid.uuid4())[:8]),
            Tender("cash", due - Money(20000)),
        ],
        str(uuid.uuid4()),
    )


def on_display(core: Core, product_id: int) -> int:
    with core.db.read() as s:
        return location_on_hand_in(s, product_id, "display")


def test_a_void_gives_back_every_tender_and_the_stock(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    sale = sell(core, counter, shop)
    svc = RefundService(core)
    with pytest.raises(Forbidden):
        svc.void(counter, sale.number, "录错单")
    with pytest.raises(Invalid):
        svc.void(manager, sale.number, "")
    granted = counter.with_grant(core.auth.authorise("9001", "1234", Perm.VOID))
    r = svc.void(granted, sale.number, "录错单")
    assert r.kind == "void" and r.total == sale.total
    assert dict(r.payments) == {"wechat": Money(20000), "cash": Money(25600)}
    assert on_display(core, shop.serum) == 5
    back = CheckoutService(core).sale(sale.number)
    assert back.voided and back.refunded == sale.total and back.total == Money(45600)
    with pytest.raises(Conflict):
        svc.void(manager, sale.number, "再来一次")
    x = TillService(core).x_report()
    assert x.net == Money(0) and x.by_tender["cash"] == Money(0)
    with core.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sale.void")).one()
        assert entry.authorised_by == manager.staff_id and entry.reason == "录错单"


def test_a_refund_by_line_never_exceeds_what_was_paid(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    t = ticket(shop, counter)
    t.set_qty(2, 3)
    t.set_ticket_discount(manager, amount=Money(1001))  # shares with odd fen
    sale = CheckoutService(core).pay(counter, t, [Tender("cash", Money(80000))], str(uuid.uuid4()))
    serum = sale.lines[1]
    svc = RefundService(core)
    first = svc.refund(manager, sale.number, {serum.id: 1}, "过敏", restock=False)
    second = svc.refund(manager, sale.number, {serum.id: 2}, "不想要了")
    assert first.total + second.total == serum.net
    with pytest.raises(Invalid):
        svc.refund(manager, sale.number, {serum.id: 1}, "再退")
    with pytest.raises(Invalid):
        svc.refund(manager, sale.number, {sale.lines[0].id: 2}, "多退")
    with pytest.raises(NotFound):
        svc.refund(manager, sale.number, {99999: 1}, "不存在")
    with pytest.raises(NotFound):
        svc.refund(manager, "20261128-9999", {serum.id: 1}, "不存在")
    with pytest.raises(Forbidden):
        svc.refund(counter, sale.number, {sale.lines[0].id: 1}, "不满意")
    # one damaged (written off), two back on the shelf: 5 - 3 + 2
    assert on_display(core, shop.serum) == 4
    assert CheckoutService(core).sale(sale.number).lines[1].refunded == serum.net
    assert [r.number for r in svc.refunds_of(sale.number)] == ["20261128-0001", "20261128-0002"]


def test_a_partial_refund_spreads_over_the_tenders(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    sale = sell(core, counter, shop)
    r = RefundService(core).refund(manager, sale.number, {sale.lines[1].id: 1}, "质量问题")
    assert r.total == Money(16800)
    assert sum(a.fen for _t, a in r.payments) == 16800
    assert dict(r.payments) == {"wechat": Money(7368), "cash": Money(9432)}


def test_a_refund_of_a_past_day_comes_out_of_todays_drawer(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    sale = sell(core, counter, shop)
    svc = RefundService(core)
    TillService(core).close_day(counter, {10000: 5}, kept_float=Money(50000), note="现金已入保险柜")
    with pytest.raises(Conflict):  # the day is closed
        svc.refund(manager, sale.number, {sale.lines[1].id: 1}, "过敏")
    core.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    open_till(core, counter)
    with pytest.raises(Conflict):
        svc.void(manager, sale.number, "昨天的")
    r = svc.refund(manager, sale.number, {sale.lines[1].id: 1}, "过敏")
    x = TillService(core).x_report()
    assert x.refunded == r.total and x.sales == 0
    assert x.expected_cash == Money(50000) - dict(r.payments)["cash"]
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Sale)) == 1
        assert s.scalar(select(func.count()).select_from(Refund)) == 1
