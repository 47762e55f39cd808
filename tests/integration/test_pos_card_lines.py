"""Cards sold (开卡) and stored value topped up (充值) on the same ticket as services and
products: one transaction, the same tenders, kept apart as money received; never paid
from a card; bad input refused with nothing saved."""

from __future__ import annotations

import uuid

import pytest
from escpos_decode import decode
from sqlalchemy import func, select, text
from test_pos_checkout import Shop, make_shop, open_till
from test_pos_members import member_with_cards

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import Payment, Sale, SaleLine
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.rules import Tender


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def ref(m: MemberRow) -> MemberRef:
    return MemberRef(m.id, m.name, m.tier_name, m.tier_bp)


def rows(core: Core) -> dict[str, int]:
    with core.db.read() as s:
        return {
            t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Sale, SaleLine, Payment, PrintJob, CardAccount, CardLedger)
        }


def year_pack(core: Core, owner: Actor, shop: Shop) -> int:
    return (
        CardService(core)
        .save_product(
            owner,
            CardProductInput(
                code="P20",
                name="补水20次卡",
                kind="sessions",
                category="pack",
                price=Money(360000),
                sessions=20,
                service_ids=(shop.facial,),
            ),
        )
        .id
    )


def test_a_card_a_top_up_and_a_treatment_on_one_ticket(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, _pack, value = member_with_cards(core, owner, shop)  # 金卡 12 %, ¥100 stored
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("service", shop.facial, "深层补水", Money(28800))
    t.add("card_sale", pack20, "补水20次卡", Money(360000), seller_id=counter.staff_id)
    t.add("top_up", value.id, f"储值卡 {value.number}", Money(100000), bonus=Money(5000))
    t.set_ticket_discount(counter, amount=Money(1000))  # ¥10 off: only the treatment
    p = t.priced()
    assert [ln.net for ln in p.lines] == [Money(28800 - 3456 - 1000), Money(360000), Money(100000)]
    assert t.card_total == Money(460000)
    due = p.total
    # stored value may pay the treatment only, never the card or the top-up
    with pytest.raises(Invalid) as err:
        CheckoutService(core).pay(
            counter,
            t,
            [
                Tender("stored_value", Money(30000), account_id=value.id),
                Tender("cash", due - Money(30000)),
            ],
            str(uuid.uuid4()),
        )
    assert err.value.params["amount"] == Money(24344)
    sale = CheckoutService(core).pay(
        counter,
        t,
        [
            Tender("stored_value", Money(10000), account_id=value.id),
            Tender("bank_card", Money(400000), "6222-9"),
            Tender("cash", Money(80000)),
        ],
        str(uuid.uuid4()),
    )
    assert sale.change == Money(10000 + 400000 + 80000 - due.fen)
    assert [ln.kind for ln in sale.lines] == ["service", "card_sale", "top_up"]
    cards = CardService(core)
    new = [a for a in cards.accounts_for_member(m.id) if a.sale_ref == sale.number]
    assert len(new) == 1 and new[0].sessions_left == 20 and new[0].price == Money(360000)
    assert sale.lines[1].card_account_id == new[0].id
    topped = cards.account(value.id)
    assert topped.principal == Money(100000) and topped.bonus == Money(5000)  # ¥100 spent first
    with core.db.read() as s:  # money received for cards, apart from revenue, to the fen
        got = s.execute(
            text(
                "SELECT kind, SUM(net_fen), SUM(bonus_fen) FROM pos_sale_line "
                "WHERE sale_id = :id GROUP BY kind ORDER BY kind"
            ),
            {"id": sale.id},
        ).all()
    assert [tuple(r) for r in got] == [
        ("card_sale", 360000, 0),
        ("service", 24344, 0),
        ("top_up", 100000, 5000),
    ]
    slip = "\n".join(decode(PrintQueue(core).printer_bytes(ref=sale.number, reprint=False)).lines)
    for words in ("补水20次卡", "开卡", "充值", "赠送 ￥50.00", "剩余 20 次", "余额 ￥1,050.00"):
        assert words in slip, (words, slip)


def test_a_card_sale_replayed_makes_one_card(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, _pack, _value = member_with_cards(core, owner, shop)
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("card_sale", pack20, "补水20次卡", Money(360000))
    k = str(uuid.uuid4())
    first = CheckoutService(core).pay(counter, t, [Tender("wechat", Money(360000), "WX1")], k)
    again = CheckoutService(core).pay(counter, t, [Tender("wechat", Money(360000), "WX1")], k)
    assert again.replayed and again.number == first.number
    assert len(CardService(core).accounts_for_member(m.id)) == 3


def test_card_lines_refuse_bad_input_and_save_nothing(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, pack, value = member_with_cards(core, owner, shop)
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter)
    before = rows(core)
    t = Ticket()
    with pytest.raises(Invalid):  # a card is for a member
        t.add("card_sale", pack20, "补水20次卡", Money(360000))
    t.attach_member(ref(m))
    for amount in (Money(0), Money(-100)):
        with pytest.raises(Invalid):
            t.add("top_up", value.id, "储值卡", amount)
    with pytest.raises(Invalid):
        t.add("card_sale", pack20, "补水20次卡", Money(360000), qty=2)
    line = t.add("card_sale", pack20, "补水20次卡", Money(360000))
    with pytest.raises(Invalid):
        t.set_line_discount(owner, line.key, bp=1000)
    with pytest.raises(Invalid):
        t.set_qty(line.key, 3)
    other = MemberService(core).create(owner, MemberInput(name="李四", phone="13900001111"))
    with pytest.raises(Invalid):  # the card on the ticket is 张丽's
        t.attach_member(ref(other))
    t.remove(line.key)

    def pay(ticket: Ticket, actor: Actor = counter) -> None:
        due = ticket.priced().total
        CheckoutService(core).pay(actor, ticket, [Tender("cash", due)], str(uuid.uuid4()))

    # a card no longer sold
    CardService(core).save_product(
        owner,
        CardProductInput(
            code="P20",
            name="补水20次卡",
            kind="sessions",
            category="pack",
            price=Money(360000),
            sessions=20,
            service_ids=(shop.facial,),
            active=False,
        ),
        product_id=pack20,
    )
    t1 = Ticket()
    t1.attach_member(ref(m))
    t1.add("service", shop.facial, "深层补水", Money(28800))
    t1.add("card_sale", pack20, "补水20次卡", Money(360000))
    with pytest.raises(NotFound):
        pay(t1)
    # a treatment card cannot be topped up
    t2 = Ticket()
    t2.attach_member(ref(m))
    t2.add("top_up", pack.id, "补水10次卡", Money(50000))
    with pytest.raises(Conflict):
        pay(t2)
    # someone else's card
    t3 = Ticket()
    t3.attach_member(ref(other))
    t3.add("top_up", value.id, "储值卡", Money(50000))
    with pytest.raises(Conflict):
        pay(t3)
    # a bonus beyond the counter's limit needs a manager
    t4 = Ticket()
    t4.attach_member(ref(m))
    t4.add("top_up", value.id, "储值卡", Money(100000), bonus=Money(20000))
    with pytest.raises(Forbidden):
        pay(t4)
    assert rows(core) == before
    assert CardService(core).account(value.id).value == Money(10000)
    pay(t4, owner)  # the owner may give it
    assert CardService(core).account(value.id).value == Money(130000)


def test_a_parked_ticket_keeps_its_card_lines(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    m, _pack, value = member_with_cards(core, owner, shop)
    t = Ticket()
    t.attach_member(ref(m))
    t.add("top_up", value.id, "储值卡", Money(100000), bonus=Money(8000))
    back = Ticket.from_dict(t.to_dict())
    assert back.lines == t.lines and back.card_total == Money(100000)
