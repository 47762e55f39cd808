"""Cards changed after the sale: reversal with the sale, a void refused once used, refund,
transfer, adjustment and extension, expiry, bad sales saving nothing, the signature."""

from __future__ import annotations

import pytest
from card_shop import CardShop, build_card_shop, consistent, ledger_count

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.members.cards import (
    reverse_sale_in,
    sell_card_in,
    spend_value_in,
    top_up_in,
    use_sessions_in,
)
from salon_desk.pos.card_payout import CardPayoutService


@pytest.fixture
def shop(core: Core, owner: Actor) -> CardShop:
    return build_card_shop(core, owner)


def test_reversing_a_sale_undoes_its_card_entries(shop: CardShop, counter: Actor) -> None:
    core = shop.core
    with core.db.tx() as s:
        pack = sell_card_in(
            s,
            core.clock,
            counter,
            member_id=shop.member.id,
            product_id=shop.pack.id,
            price=Money(150000),
            sale_ref="R1",
        )
        value = sell_card_in(
            s,
            core.clock,
            counter,
            member_id=shop.member.id,
            product_id=shop.value.id,
            price=Money(500000),
            sale_ref="R1",
        )
    with core.db.tx() as s:
        use_sessions_in(
            s,
            core.clock,
            counter,
            account_id=pack.id,
            service_id=shop.facial,
            sessions=1,
            sale_ref="R2",
        )
        spend_value_in(
            s, core.clock, counter, account_id=value.id, amount=Money(30000), sale_ref="R2"
        )
        top_up_in(
            s,
            core.clock,
            counter,
            account_id=value.id,
            amount=Money(10000),
            bonus=Money(1000),
            sale_ref="R2",
        )
    with core.db.tx() as s:
        undone = reverse_sale_in(s, core.clock, counter, sale_ref="R2", reason="顾客改主意")
    assert [e.kind for e in undone] == ["reversal"] * 4
    assert consistent(shop, pack.id) == (10, 0, 0)
    assert consistent(shop, value.id) == (0, 500000, 100000)
    with core.db.tx() as s:  # twice is harmless
        assert reverse_sale_in(s, core.clock, counter, sale_ref="R2", reason="again") == []
    with core.db.tx() as s:
        undone = reverse_sale_in(s, core.clock, counter, sale_ref="R1", reason="退单")
    assert shop.cards.account(pack.id).status == "void"
    assert consistent(shop, value.id) == (0, 0, 0)


def test_a_sold_card_used_since_cannot_be_voided(shop: CardShop, counter: Actor) -> None:
    core = shop.core
    with core.db.tx() as s:
        pack = sell_card_in(
            s,
            core.clock,
            counter,
            member_id=shop.member.id,
            product_id=shop.pack.id,
            price=Money(150000),
            sale_ref="R1",
        )
    shop.cards.use_sessions(
        counter, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="R2"
    )
    before = ledger_count(core)
    with pytest.raises(Conflict), core.db.tx() as s:
        reverse_sale_in(s, core.clock, counter, sale_ref="R1", reason="退单")
    assert ledger_count(core) == before and shop.cards.account(pack.id).status == "active"


def test_refund_needs_a_manager_and_follows_the_rule(
    shop: CardShop, counter: Actor, manager: Actor
) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    c.use_sessions(counter, account_id=pack.id, service_id=shop.facial, sessions=3, sale_ref="S2")
    with pytest.raises(Forbidden):
        CardPayoutService(shop.core).refund_card(counter, pack.id, "搬家", method="wechat")
    slip = CardPayoutService(shop.core).refund_card(manager, pack.id, "搬家", method="wechat")
    assert slip.refund == Money(150000 - 3 * 19800) and slip.sessions_void == 7
    assert slip.used[0].service_name == "深层清洁" and slip.member_name == "张三"
    printed = slip.receipt_payload()
    assert (printed["sessions_total"], printed["sessions_used"]) == (10, 3)
    assert (printed["paid_fen"], printed["refund_fen"]) == (150000, 150000 - 3 * 19800)
    assert consistent(shop, pack.id) == (0, 0, 0)
    with pytest.raises(Conflict):
        CardPayoutService(shop.core).refund_card(manager, pack.id, "again", method="wechat")
    value = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S3",
    )
    c.spend_value(counter, account_id=value.id, amount=Money(120000), sale_ref="S4")
    slip = CardPayoutService(shop.core).refund_card(manager, value.id, "不想用了", method="wechat")
    assert slip.refund == Money(400000) and slip.bonus_void == Money(80000)
    assert audit.entries(shop.core.db, action_prefix="card.refund")[0].reason == "不想用了"


def test_transfer_moves_what_is_left_to_a_new_card(
    shop: CardShop, counter: Actor, manager: Actor
) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    c.use_sessions(counter, account_id=pack.id, service_id=shop.facial, sessions=4, sale_ref="S2")
    with pytest.raises(Invalid):
        c.transfer(manager, pack.id, shop.member.id, "自己")
    new = c.transfer(manager, pack.id, shop.other.id, "转给妹妹")
    assert (new.member_id, new.sessions_left, new.expires_on) == (
        shop.other.id,
        6,
        c.account(pack.id).expires_on,
    )
    assert c.account(pack.id).status == "transferred"
    assert consistent(shop, pack.id) == (0, 0, 0) and consistent(shop, new.id) == (6, 0, 0)


def test_adjust_and_extend_are_audited_and_cannot_go_negative(
    shop: CardShop, counter: Actor, manager: Actor
) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    with pytest.raises(Forbidden):
        c.adjust(counter, pack.id, sessions=1, reason="补录")
    c.adjust(manager, pack.id, sessions=-2, reason="纸卡已用两次")
    with pytest.raises(Conflict):
        c.adjust(manager, pack.id, sessions=-9, reason="错")
    ext = c.extend(manager, pack.id, 30, "生病")
    assert ext.expires_after is not None and ext.expires_after.isoformat() == "2027-06-25"
    assert consistent(shop, pack.id) == (8, 0, 0)
    actions = [e.action for e in audit.entries(shop.core.db, object_type="card_account")]
    assert actions[:2] == ["card.extend", "card.adjust"]


def test_expiry_closes_what_is_left(shop: CardShop, counter: Actor, clock: FixedClock) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    clock.advance(days=179)
    assert c.expire_due() == []  # the last day
    clock.advance(days=1)
    done = c.expire_due()
    assert [(e.kind, e.sessions) for e in done] == [("expiry", -10)]
    assert c.account(pack.id).status == "expired" and consistent(shop, pack.id) == (0, 0, 0)


def test_bad_sales_save_nothing(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    before = ledger_count(shop.core)
    with pytest.raises(Invalid):
        c.sell(
            counter,
            member_id=shop.member.id,
            product_id=shop.pack.id,
            price=Money(-1),
            sale_ref="S1",
        )
    with pytest.raises(Invalid):
        c.sell(
            counter, member_id=shop.member.id, product_id=shop.pack.id, price=Money(1), sale_ref=" "
        )
    with pytest.raises(NotFound):
        c.sell(counter, member_id=999, product_id=shop.pack.id, price=Money(1), sale_ref="S1")
    with pytest.raises(NotFound):
        c.sell(counter, member_id=shop.member.id, product_id=999, price=Money(1), sale_ref="S1")
    assert ledger_count(shop.core) == before
    assert c.accounts_for_member(shop.member.id) == []


def test_signature_is_kept_once(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    e = c.use_sessions(
        counter, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="S2"
    )
    with pytest.raises(Invalid):
        c.sign(counter, e.id, [])
    c.sign(counter, e.id, [[[1, 2], [3, 4], [5, 6]]])
    with pytest.raises(Conflict):
        c.sign(counter, e.id, [[[1, 2]]])
    assert [x.signed for x in c.ledger(pack.id)] == [False, True]
