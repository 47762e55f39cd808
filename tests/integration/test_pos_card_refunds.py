"""Refunding part of a sale that used member cards: treatments and stored value go back on
the cards as new ledger entries, a card sold is voided only while unused, a top-up only
while the card still holds it; money back never goes to a card for a card line."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from test_pos_card_lines import ref, year_pack
from test_pos_checkout import Shop, make_shop, open_till
from test_pos_members import member_with_cards

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import error_text
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardLedger
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import Refund
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def ledger_count(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(CardLedger)) or 0)


def test_refund_by_line_puts_treatments_and_stored_value_back(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, pack, value = member_with_cards(core, owner, shop)  # 10 treatments, ¥100 stored
    open_till(core, counter)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("service", shop.facial, "深层补水", Money(28800), qty=2)
    t.use_card(1, pack.id, "补水10次卡")
    t.add("product", shop.serum, "玻尿酸精华", Money(15800), qty=2)  # 12 % off: ¥278.08
    due = t.priced().total
    sale = CheckoutService(core).pay(
        counter,
        t,
        [Tender("stored_value", Money(10000), account_id=value.id), Tender("cash", due)],
        str(uuid.uuid4()),
    )
    cards = CardService(core)
    assert cards.account(pack.id).sessions_left == 8
    assert cards.account(value.id).value == Money(0)
    facial, serum = sale.lines

    refunds = RefundService(core)
    r1 = refunds.refund(owner, sale.number, {facial.id: 1}, "少做一次")
    assert r1.total == Money(0) and r1.payments == ()
    assert cards.account(pack.id).sessions_left == 9
    r2 = refunds.refund(owner, sale.number, {serum.id: 1}, "过敏")
    assert r2.total == Money(13904)
    back = dict(r2.payments)
    # the serum was paid ¥100 from the card and the rest in cash: back in that proportion
    assert sum(a.fen for a in back.values()) == 13904
    assert back["stored_value"] == Money(13904 * 10000 // 27808)
    assert cards.account(value.id).value == back["stored_value"]
    # the rest: the last treatment and the last serum, everything exact
    refunds.refund(owner, sale.number, {facial.id: 1, serum.id: 1}, "都不要了")
    assert cards.account(pack.id).sessions_left == 10
    assert cards.account(value.id).value == Money(10000)
    assert CheckoutService(core).sale(sale.number).refunded == due
    with core.db.read() as s:  # the last return of each card entry points at it
        ends = s.scalar(
            select(func.count()).where(
                CardLedger.sale_ref == sale.number, CardLedger.reverses_id.is_not(None)
            )
        )
    assert ends == 2


def test_a_card_sold_and_a_top_up_are_refunded_while_untouched(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, _pack, value = member_with_cards(core, owner, shop)
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("service", shop.eye, "眼部护理", Money(9800))  # ¥86.24 after the level
    t.add("card_sale", pack20, "补水20次卡", Money(360000))
    t.add("top_up", value.id, "储值卡", Money(50000), bonus=Money(2000))
    sale = CheckoutService(core).pay(
        owner,
        t,
        [
            Tender("stored_value", Money(8624), account_id=value.id),
            Tender("wechat", Money(300000), "WX9"),
            Tender("cash", Money(110000)),
        ],
        str(uuid.uuid4()),
    )
    eye, card_line, top_up = sale.lines
    cards = CardService(core)
    new_card = cards.account(card_line.card_account_id or 0)
    assert cards.account(value.id).value == Money(10000 - 8624 + 52000)

    refunds = RefundService(core)
    r = refunds.refund(owner, sale.number, {top_up.id: 1}, "充错了")
    assert r.total == Money(50000) and "stored_value" not in dict(r.payments)
    assert cards.account(value.id).value == Money(10000 - 8624)  # the bonus went too
    r = refunds.refund(owner, sale.number, {card_line.id: 1}, "不办卡了")
    assert "stored_value" not in dict(r.payments)
    assert cards.account(new_card.id).status == "void"
    r = refunds.refund(owner, sale.number, {eye.id: 1}, "没做")
    assert dict(r.payments) == {"stored_value": Money(8624)}  # what is left is the card's
    assert cards.account(value.id).value == Money(10000)


def test_a_used_card_or_a_spent_top_up_is_refused_with_nothing_saved(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, _pack, value = member_with_cards(core, owner, shop)
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("card_sale", pack20, "补水20次卡", Money(360000))
    t.add("top_up", value.id, "储值卡", Money(50000))
    sale = CheckoutService(core).pay(owner, t, [Tender("cash", Money(410000))], str(uuid.uuid4()))
    card_line, top_up = sale.lines
    cards = CardService(core)
    # the new card is used and the top-up spent on a later ticket
    later = Ticket()
    later.attach_member(ref(m))
    later.add("service", shop.facial, "深层补水", Money(28800))
    later.use_card(1, card_line.card_account_id or 0, "补水20次卡")
    later.add("product", shop.serum, "玻尿酸精华", Money(15800), qty=4)
    due = later.priced().total
    CheckoutService(core).pay(
        owner,
        later,
        [Tender("stored_value", due, account_id=value.id)],
        str(uuid.uuid4()),
    )
    before = ledger_count(core), cards.account(value.id).value
    refunds = RefundService(core)
    with pytest.raises(Conflict) as used:
        refunds.refund(owner, sale.number, {card_line.id: 1}, "不办了")
    assert "退卡" in error_text(used.value)
    with pytest.raises(Conflict):
        refunds.refund(owner, sale.number, {top_up.id: 1}, "不充了")
    assert (ledger_count(core), cards.account(value.id).value) == before
    with core.db.read() as s:
        assert not s.scalar(select(func.count()).select_from(Refund))
