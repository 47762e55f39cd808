"""A member at the register: their level's discount, a session card covering a treatment,
a stored-value card and cash with change, the card balances on the receipt, and a void
that puts the treatment and the money back on the cards."""

from __future__ import annotations

import uuid

import pytest
from escpos_decode import decode
from test_pos_checkout import Shop, make_shop, open_till

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardAccountRow, CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def member_with_cards(
    core: Core, owner: Actor, shop: Shop
) -> tuple[MemberRow, CardAccountRow, CardAccountRow]:
    members, cards = MemberService(core), CardService(core)
    gold = members.save_tier(owner, name="金卡", discount_bp=1200)
    m = members.create(owner, MemberInput(name="张丽", phone="13812345678", tier_id=gold.id))
    pack = cards.save_product(
        owner,
        CardProductInput(
            code="P10",
            name="补水10次卡",
            kind="sessions",
            category="pack",
            price=Money(198000),
            sessions=10,
            service_ids=(shop.facial,),
        ),
    )
    value = cards.save_product(
        owner,
        CardProductInput(
            code="V1", name="储值卡", kind="value", category="value", price=Money(100000)
        ),
    )
    s1 = cards.sell(
        owner, member_id=m.id, product_id=pack.id, price=Money(198000), sale_ref="OLD-1"
    )
    s2 = cards.sell(
        owner, member_id=m.id, product_id=value.id, price=Money(10000), sale_ref="OLD-2"
    )
    return m, s1, s2


def test_member_session_card_stored_value_and_cash_change(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, pack, value = member_with_cards(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    t.add("service", shop.facial, "深层补水", Money(28800))
    t.add("product", shop.serum, "玻尿酸精华", Money(15800))  # the member price
    t.use_card(1, pack.id, "补水10次卡")
    due = t.priced().total
    assert due == Money(15800 - 1896)  # the serum less the 12 % level discount
    sale = CheckoutService(core).pay(
        counter,
        t,
        [Tender("stored_value", Money(10000), account_id=value.id), Tender("cash", Money(5000))],
        str(uuid.uuid4()),
    )
    assert sale.change == Money(5000 + 10000 - due.fen)
    cards = CardService(core)
    assert cards.account(pack.id).sessions_left == 9
    assert cards.account(value.id).value == Money(0)
    from sqlalchemy import select

    from salon_desk.pos.print_models import PrintJob

    with core.db.read() as s:
        payload = s.scalars(select(PrintJob).where(PrintJob.ref == sale.number)).one().payload
    assert {c["name"]: (c["sessions_left"], c["balance_fen"]) for c in payload["cards"]} == {
        f"补水10次卡 {pack.number}": (9, None),
        f"储值卡 {value.number}": (None, 0),
    }
    for paper in (58, 80):  # what the printer gets, read back from GB18030
        core.settings.set(owner, "printer.paper_mm", paper)
        slip = decode(PrintQueue(core).printer_bytes(ref=sale.number, reprint=False))
        text = "\n".join(slip.lines)
        block = text[text.index("卡内余额") :]
        assert f"补水10次卡 {pack.number}" in block and "剩余 9 次" in block, text
        assert block.index("剩余 9 次") < block.index(f"储值卡 {value.number}")
        assert any(f"储值卡 {value.number}" in ln and "余额 ￥0.00" in ln for ln in slip.lines), (
            text
        )
    RefundService(core).void(owner, sale.number, "刷错卡")
    assert cards.account(pack.id).sessions_left == 10
    assert cards.account(value.id).value == Money(10000)


def test_cards_must_be_the_members_and_the_level_current(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, pack, _value = member_with_cards(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.add("service", shop.facial, "深层补水", Money(28800))
    with pytest.raises(Invalid):
        t.use_card(1, pack.id, "x")  # no member attached
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, 5000))  # a forged 50 % level
    with pytest.raises(Conflict):
        CheckoutService(core).pay(counter, t, [Tender("cash", Money(28800))], str(uuid.uuid4()))
    other = MemberService(core).create(owner, MemberInput(name="李四", phone="13900001111"))
    t.attach_member(MemberRef(other.id, other.name, other.tier_name, other.tier_bp))
    t.use_card(1, pack.id, "补水10次卡")
    with pytest.raises(Conflict):
        CheckoutService(core).pay(counter, t, [], str(uuid.uuid4()))
    assert CheckoutService(core).sales_of_day() == []
    assert CardService(core).account(pack.id).sessions_left == 10
