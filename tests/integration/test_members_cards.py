"""Cards: sale, use, top-up, stored value, caps, validity, freeze, reversal, transfer, refund."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from salon_desk.booking.models import ServiceItem
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_rows import CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.members.cards import (
    reverse_sale_in,
    sell_card_in,
    spend_value_in,
    top_up_in,
    use_sessions_in,
)
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService


@dataclass
class CardShop:
    core: Core
    cards: CardService
    facial: int  # 深层清洁 ¥198
    slim: int  # 纤体塑形 ¥380
    month: CardProductRow  # 月卡: 30 days from sale, 1 a day, 3 a week
    year: CardProductRow  # 年卡: 365 days from first use
    pack: CardProductRow  # 10 facials ¥1,500
    value: CardProductRow  # pay ¥5,000, bonus ¥1,000
    member: MemberRow
    other: MemberRow


def add_service(core: Core, code: str, name: str, price_yuan: int) -> int:
    with core.db.tx() as s:
        item = ServiceItem(
            code=code,
            name_zh=name,
            category="facial",
            duration_min=60,
            price_fen=price_yuan * 100,
        )
        s.add(item)
        s.flush()
        return item.id


def build_card_shop(core: Core, owner: Actor) -> CardShop:
    facial = add_service(core, "F01", "深层清洁", 198)
    slim = add_service(core, "S01", "纤体塑形", 380)
    cards = CardService(core)
    month = cards.save_product(
        owner,
        CardProductInput(
            code="M1",
            name="面部护理月卡",
            kind="period",
            category="month",
            price=Money(98000),
            valid_days=30,
            per_day_cap=1,
            per_week_cap=3,
            service_ids=(facial,),
        ),
    )
    year = cards.save_product(
        owner,
        CardProductInput(
            code="Y1",
            name="纤体年卡",
            kind="period",
            category="year",
            price=Money(880000),
            valid_days=365,
            from_first_use=True,
            min_gap_hours=48,
            service_ids=(slim,),
        ),
    )
    pack = cards.save_product(
        owner,
        CardProductInput(
            code="P10",
            name="清洁10次卡",
            kind="sessions",
            category="pack",
            price=Money(150000),
            sessions=10,
            valid_days=180,
            service_ids=(facial,),
        ),
    )
    value = cards.save_product(
        owner,
        CardProductInput(
            code="V5000",
            name="储值卡5000送1000",
            kind="value",
            category="value",
            price=Money(500000),
            bonus=Money(100000),
        ),
    )
    members = MemberService(core)
    member = members.create(owner, MemberInput(name="张三", phone="13812345678"))
    other = members.create(owner, MemberInput(name="李四", phone="13912345678"))
    return CardShop(core, cards, facial, slim, month, year, pack, value, member, other)


def ledger_sums(core: Core, account_id: int) -> tuple[int, int, int]:
    """The balance as the sum of the ledger."""
    with core.db.read() as s:
        row = s.execute(
            select(
                func.coalesce(func.sum(CardLedger.sessions), 0),
                func.coalesce(func.sum(CardLedger.principal_fen), 0),
                func.coalesce(func.sum(CardLedger.bonus_fen), 0),
            ).where(CardLedger.account_id == account_id)
        ).one()
        return int(row[0]), int(row[1]), int(row[2])


def stored_balance(core: Core, account_id: int) -> tuple[int, int, int]:
    with core.db.read() as s:
        a = s.get(CardAccount, account_id)
        assert a is not None
        return a.sessions_left, a.principal_fen, a.bonus_fen


def ledger_count(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(CardLedger)) or 0)


@pytest.fixture
def shop(core: Core, owner: Actor) -> CardShop:
    return build_card_shop(core, owner)


def consistent(shop: CardShop, account_id: int) -> tuple[int, int, int]:
    sums = ledger_sums(shop.core, account_id)
    assert sums == stored_balance(shop.core, account_id)
    assert min(sums) >= 0
    return sums


def test_selling_each_kind_of_card(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    month = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(88000),
        sale_ref="S1",
    )
    assert (month.starts_on.isoformat(), month.expires_on.isoformat()) == (  # type: ignore[union-attr]
        "2026-11-28",
        "2026-12-27",
    )
    assert month.number == "20261128-0001" and month.price == Money(88000)
    year = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.year.id,
        price=Money(880000),
        sale_ref="S1",
    )
    assert year.starts_on is None and year.expires_on is None  # runs from the first use
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    assert pack.sessions_left == 10
    value = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S1",
    )
    assert (value.principal, value.bonus, value.value) == (
        Money(500000),
        Money(100000),
        Money(600000),
    )
    assert [a.id for a in c.accounts_for_member(shop.member.id)] == [
        month.id,
        year.id,
        pack.id,
        value.id,
    ]
    assert [e.kind for e in c.ledger(value.id)] == ["sale", "bonus"]
    for a in (month, year, pack, value):
        consistent(shop, a.id)


def test_session_pack_use_and_its_limits(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    pack = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.pack.id,
        price=Money(150000),
        sale_ref="S1",
    )
    e = c.use_sessions(
        counter, account_id=pack.id, service_id=shop.facial, sessions=2, sale_ref="S2"
    )
    assert (e.sessions, e.sessions_after, e.list_price) == (-2, 8, Money(39600))
    before = ledger_count(shop.core)
    with pytest.raises(Conflict) as err:
        c.use_sessions(
            counter, account_id=pack.id, service_id=shop.facial, sessions=9, sale_ref="S3"
        )
    assert err.value.params["left"] == 8
    with pytest.raises(Conflict):  # not a service of this card
        c.use_sessions(counter, account_id=pack.id, service_id=shop.slim, sessions=1, sale_ref="S3")
    for bad in (0, -1, 100):
        with pytest.raises(Invalid):
            c.use_sessions(
                counter, account_id=pack.id, service_id=shop.facial, sessions=bad, sale_ref="S3"
            )
    with pytest.raises(NotFound):
        c.use_sessions(counter, account_id=9999, service_id=shop.facial, sessions=1, sale_ref="S3")
    assert ledger_count(shop.core) == before
    c.use_sessions(counter, account_id=pack.id, service_id=shop.facial, sessions=8, sale_ref="S4")
    assert consistent(shop, pack.id) == (0, 0, 0)
    with pytest.raises(Conflict):
        c.use_sessions(
            counter, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="S5"
        )


def test_period_card_caps_hold_at_their_boundaries(
    shop: CardShop, counter: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(98000),
        sale_ref="S1",
    )

    def use(ref: str) -> None:
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref=ref
        )

    use("A")  # Saturday 28 Nov
    with pytest.raises(Conflict) as err:
        use("B")  # a second one the same day
    assert err.value.code == "Card {number} allows {limit} treatment(s) a day."
    clock.advance(days=1)  # Sunday: same week
    use("C")
    clock.advance(days=1)  # Monday: a new week
    use("D")
    clock.advance(days=1)
    use("E")
    clock.advance(days=1)
    use("F")  # the third this week
    clock.advance(days=1)
    with pytest.raises(Conflict) as err:
        use("G")
    assert err.value.params["limit"] == 3
    # the last day (27 Dec) still works; the day after does not
    clock.set(clock.now().replace(day=27, month=12))
    use("H")
    clock.advance(days=1)
    with pytest.raises(Conflict) as err:
        use("I")
    assert err.value.code == "Card {number} expired on {day}."
    assert c.account(card.id).uses == 6


def test_a_card_from_first_use_starts_then_and_keeps_a_gap(
    shop: CardShop, counter: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.year.id,
        price=Money(880000),
        sale_ref="S1",
    )
    clock.advance(days=10)
    c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U1")
    after = c.account(card.id)
    assert after.starts_on is not None and after.starts_on.isoformat() == "2026-12-08"
    assert after.expires_on is not None and after.expires_on.isoformat() == "2027-12-07"
    clock.advance(hours=47)
    with pytest.raises(Conflict) as err:
        c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U2")
    assert err.value.params["limit"] == 48
    clock.advance(hours=1)
    c.use_sessions(counter, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U2")


def test_stored_value_is_spent_in_proportion_and_topped_up(shop: CardShop, counter: Actor) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.value.id,
        price=Money(500000),
        sale_ref="S1",
    )
    spent = c.spend_value(counter, account_id=card.id, amount=Money(60000), sale_ref="S2")
    assert (spent.principal, spent.bonus) == (Money(50000), Money(10000))
    spent = c.spend_value(counter, account_id=card.id, amount=Money(1), sale_ref="S3")
    assert spent.amount == Money(1)
    with pytest.raises(Conflict):
        c.spend_value(counter, account_id=card.id, amount=Money(600000), sale_ref="S4")
    for bad in (Money(0), Money(-100)):
        with pytest.raises(Invalid):
            c.spend_value(counter, account_id=card.id, amount=bad, sale_ref="S4")
        with pytest.raises(Invalid):
            c.top_up(counter, account_id=card.id, amount=bad, bonus=Money(0), sale_ref="S4")
    entry = c.top_up(
        counter, account_id=card.id, amount=Money(200000), bonus=Money(20000), sale_ref="S5"
    )
    assert entry.kind == "top_up"
    p, b = consistent(shop, card.id)[1:]
    assert p + b == 600000 - 60000 - 1 + 220000
    with pytest.raises(Conflict):  # sessions from a value card
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref="S6"
        )


def test_freeze_stops_the_clock(
    shop: CardShop, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    c = shop.cards
    card = c.sell(
        counter,
        member_id=shop.member.id,
        product_id=shop.month.id,
        price=Money(98000),
        sale_ref="S1",
    )
    with pytest.raises(Forbidden):
        c.freeze(counter, card.id, "出差")
    with pytest.raises(Invalid):
        c.freeze(manager, card.id, "  ")
    c.freeze(manager, card.id, "出差两周")
    with pytest.raises(Conflict):
        c.use_sessions(
            counter, account_id=card.id, service_id=shop.facial, sessions=1, sale_ref="S2"
        )
    clock.advance(days=14)
    row = c.unfreeze(counter, card.id)
    assert row.expires_after is not None and row.expires_after.isoformat() == "2027-01-10"
    actions = [e.action for e in audit.entries(shop.core.db, object_type="card_account")]
    assert actions[:2] == ["card.unfreeze", "card.freeze"]
    with pytest.raises(Conflict):
        c.unfreeze(counter, card.id)
    # an expired card cannot be frozen
    clock.advance(days=60)
    with pytest.raises(Conflict) as err:
        c.freeze(manager, card.id, "太晚")
    assert err.value.code == "Card {number} expired on {day}."


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
