"""Treatment cards in the daily and period reports: money received for cards (sold and
topped up) kept apart from revenue earned (sessions and stored value used), each checked
against totals computed here with raw SQL from the card ledger, to the fen."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text
from test_pos_checkout import make_shop, open_till
from test_pos_members import member_with_cards

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender
from salon_desk.reports.service import ReportService
from salon_desk.reports.shares import worth

DAY = date(2026, 11, 28)

RECEIVED_SQL = """
SELECT
  (SELECT COALESCE(SUM(a.price_fen), 0) FROM card_ledger l
     JOIN card_account a ON a.id = l.account_id
     WHERE l.kind = 'sale' AND l.day = :d AND l.sale_ref NOT LIKE 'IMPORT-%')
- (SELECT COALESCE(SUM(a.price_fen), 0) FROM card_ledger l
     JOIN card_ledger o ON o.id = l.reverses_id JOIN card_account a ON a.id = l.account_id
     WHERE l.kind = 'reversal' AND o.kind = 'sale' AND l.day = :d
       AND l.sale_ref NOT LIKE 'IMPORT-%')
+ (SELECT COALESCE(SUM(l.principal_fen), 0) FROM card_ledger l
     LEFT JOIN card_ledger o ON o.id = l.reverses_id
     WHERE (l.kind = 'top_up' OR (l.kind = 'reversal' AND o.kind = 'top_up')) AND l.day = :d)
"""

EARNED_SQL = """
SELECT
  (SELECT COALESCE(SUM(
      (2 * a.price_fen * (l.sessions_after - l.sessions) + p.sessions) / (2 * p.sessions)
    - (2 * a.price_fen * l.sessions_after + p.sessions) / (2 * p.sessions)), 0)
   FROM card_ledger l
   JOIN card_account a ON a.id = l.account_id
   JOIN card_ledger p ON p.account_id = a.id AND p.kind = 'sale'
   LEFT JOIN card_ledger o ON o.id = l.reverses_id
   WHERE a.kind = 'sessions' AND l.day = :d
     AND (l.kind = 'use' OR (l.kind = 'reversal' AND COALESCE(o.kind, 'use') = 'use')))
- (SELECT COALESCE(SUM(l.principal_fen), 0)
   FROM card_ledger l
   JOIN card_account a ON a.id = l.account_id
   LEFT JOIN card_ledger o ON o.id = l.reverses_id
   WHERE a.kind = 'value' AND l.day = :d
     AND (l.kind = 'use' OR (l.kind = 'reversal' AND COALESCE(o.kind, 'use') = 'use')))
"""


def _sql(core: Core, query: str, day: date) -> int:
    with core.db.read() as s:
        return int(s.execute(text(query), {"d": day}).scalar_one())


def _day_of_cards(core: Core, owner: Actor, counter: Actor) -> dict[str, int]:
    """Sold: a 10-session pack ¥1,980 and ¥100 stored value; a ¥500 top-up with ¥50 bonus;
    a pack of 3 for ¥100 (a session is ¥33.33⅓). Used: one facial from the pack (¥198),
    ¥120 of stored value, two of the three (¥66.67); a sale voided gives a session back."""
    shop = make_shop(core, owner)
    m, pack, value = member_with_cards(core, owner, shop)
    cards = CardService(core)
    cards.top_up(
        owner, account_id=value.id, amount=Money(50000), bonus=Money(5000), sale_ref="TOP-1"
    )
    three = cards.save_product(
        owner,
        CardProductInput(
            code="P3",
            name="眼部3次卡",
            kind="sessions",
            category="pack",
            price=Money(10000),
            sessions=3,
            service_ids=(shop.eye,),
        ),
    )
    small = cards.sell(owner, member_id=m.id, product_id=three.id, price=Money(10000), sale_ref="X")
    open_till(core, counter)
    pay = CheckoutService(core).pay
    member = MemberRef(m.id, m.name, m.tier_name, m.tier_bp)
    t = Ticket()
    t.attach_member(member)
    t.add(
        "service", shop.facial, "深层补水", Money(28800), beautician_ids=(shop.beautician.staff_id,)
    )
    t.use_card(1, pack.id, "补水10次卡")
    pay(counter, t, [], str(uuid.uuid4()))
    t = Ticket()
    t.attach_member(member)
    t.add("product", shop.serum, "玻尿酸精华", Money(15800))
    due = t.priced().total
    pay(counter, t, [Tender("stored_value", due, account_id=value.id)], str(uuid.uuid4()))
    for _ in range(2):
        t = Ticket()
        t.attach_member(member)
        t.add(
            "service", shop.eye, "眼部护理", Money(9800), beautician_ids=(shop.beautician.staff_id,)
        )
        t.use_card(1, small.id, "眼部3次卡")
        pay(counter, t, [], str(uuid.uuid4()))
    t = Ticket()
    t.attach_member(member)
    t.add(
        "service", shop.facial, "深层补水", Money(28800), beautician_ids=(shop.beautician.staff_id,)
    )
    t.use_card(1, pack.id, "补水10次卡")
    wrong = pay(counter, t, [], str(uuid.uuid4()))
    RefundService(core).void(owner, wrong.number, "刷错卡")
    return {"spent": due.fen, "small": small.id}


def test_cards_received_and_earned_match_the_ledger(
    core: Core, owner: Actor, counter: Actor, tmp_path: Path
) -> None:
    facts = _day_of_cards(core, owner, counter)
    service = ReportService(core)
    c = service.daily(owner, DAY).cards
    assert c.received.fen == _sql(core, RECEIVED_SQL, DAY)
    assert c.earned.fen == _sql(core, EARNED_SQL, DAY)
    # by hand: ¥1,980 + ¥100 + ¥100 sold, ¥500 topped up
    assert (c.sold, c.sold_value.fen, c.topped_up, c.top_up.fen) == (3, 218000, 1, 50000)
    assert c.received.fen == 268000 and c.bonus.fen == 5000
    # ¥198 (one facial, the void gave the other back) + ¥66.67 (2 of 3 for ¥100)
    assert c.session_uses == 3 and c.session.fen == 19800 + 6667
    # stored value ¥100 principal + ¥500 topped up + ¥50 bonus: the spend splits pro rata
    principal = facts["spent"] - c.bonus_used.fen
    assert c.principal_used.fen == principal and c.bonus_used.fen > 0
    assert c.earned.fen == 19800 + 6667 + principal
    report = service.daily(owner, DAY)
    # the cards were sold at the members' desk, not on register tickets
    assert report.register.cards_on_tickets == Money(0)

    set_language("zh_CN")
    pdf = service.save(owner, report, tmp_path / "cards.pdf", "pdf")
    joined = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    for words in ("售卡与充值收款合计", "2,680.00", "耗卡收入合计", c.earned.format(""),
                  "次卡消耗", "赠送金额（非现金）", "50.00"):  # fmt: skip
        assert words in joined, words
    written = service.save(owner, report, tmp_path / "c.csv", "csv")
    rows = list(csv.reader(io.StringIO(written.read_bytes().decode("utf-8-sig"))))
    assert ["售卡与充值收款合计", "", "2680.00"] in rows
    assert ["耗卡收入合计", "", c.earned.format("", grouping=False)] in rows
    wb = load_workbook(service.save(owner, report, tmp_path / "c.xlsx", "xlsx"))
    values = [r for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
    assert any(r[0] == "售卡与充值收款合计" and float(r[2]) == 2680.0 for r in values)


def test_a_whole_pack_earns_its_price_and_the_period_shows_it_by_day(
    core: Core, owner: Actor, counter: Actor
) -> None:
    facts = _day_of_cards(core, owner, counter)
    assert sum(worth(10000, n, 3) - worth(10000, n - 1, 3) for n in (3, 2, 1)) == 10000
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1))
    shop_eye = _eye_id(core)
    CardService(core).use_sessions(
        owner, account_id=facts["small"], service_id=shop_eye, sessions=1, sale_ref="NEXT-1"
    )
    service = ReportService(core)
    period = service.period(owner, DAY, DAY + timedelta(days=1))
    first, second = period.days
    assert second.cards_earned.fen == 3333 == _sql(core, EARNED_SQL, DAY + timedelta(days=1))
    assert second.cards_received.fen == 0
    assert first.cards_received.fen == _sql(core, RECEIVED_SQL, DAY)
    assert period.cards.earned == first.cards_earned + second.cards_earned
    assert period.cards.session.fen == 19800 + 10000  # the pack of three, whole


def _eye_id(core: Core) -> int:
    with core.db.read() as s:
        return int(s.execute(text("SELECT id FROM service_item WHERE code = 'E01'")).scalar_one())


def test_a_card_sold_on_a_ticket_is_counted_once_as_money_received(
    core: Core, owner: Actor, counter: Actor, tmp_path: Path
) -> None:
    shop = make_shop(core, owner)
    m, _pack, value = member_with_cards(core, owner, shop)  # sold at the members' desk
    pack20 = CardService(core).save_product(
        owner,
        CardProductInput(code="P20", name="补水20次卡", kind="sessions", category="pack",
                         price=Money(360000), sessions=20, service_ids=(shop.facial,)),
    )  # fmt: skip
    open_till(core, counter)
    t = Ticket()
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    t.add(
        "service", shop.facial, "深层补水", Money(28800), beautician_ids=(shop.beautician.staff_id,)
    )
    t.add("card_sale", pack20.id, "补水20次卡", Money(360000), seller_id=shop.beautician.staff_id)
    t.add("top_up", value.id, "储值卡", Money(100000), bonus=Money(5000))
    due = t.priced().total
    sale = CheckoutService(core).pay(
        counter, t, [Tender("bank_card", due, "6222-1")], str(uuid.uuid4())
    )
    service = ReportService(core)
    report = service.daily(owner, DAY)
    r, c = report.register, report.cards
    with core.db.read() as s:
        by_kind = {
            k: int(v)
            for k, v in s.execute(
                text("SELECT kind, SUM(net_fen) FROM pos_sale_line GROUP BY kind")
            )
        }
    on_ticket = by_kind["card_sale"] + by_kind["top_up"]
    assert on_ticket == 460000
    # once, as money received: the desk's two cards and the ticket's card and top-up
    assert c.received.fen == _sql(core, RECEIVED_SQL, DAY) == 198000 + 10000 + on_ticket
    assert (c.sold, c.topped_up) == (3, 1)
    # not as a sale of services or products
    assert (r.services.fen, r.products.fen) == (by_kind["service"], 0)
    assert r.cards_on_tickets.fen == on_ticket
    assert r.services + r.products + r.cards_on_tickets == r.total == due
    assert sum(r.sales_by_hour) == by_kind["service"]  # the chart shows what was sold
    [day] = service.period(owner, DAY, DAY).days
    assert day.sales == r.services and day.cards_received == c.received
    # the takings are cash basis: the card money came in by bank card, once
    assert {t.tender: t.net.fen for t in r.tenders} == {"bank_card": due.fen}
    # the beautician who sold the card is credited with it; the top-up's cashier with hers
    rows = {b.name: b for b in r.by_beautician}
    assert rows["阿美"].card_value.fen == 360000 and rows["阿美"].cards == 1
    assert rows[counter.name].card_value.fen == 100000
    assert sale.number


def test_a_card_brought_over_is_not_money_received(
    core: Core, owner: Actor, counter: Actor
) -> None:
    from salon_desk.members.card_import import import_card_in
    from salon_desk.members.import_rows import CardCells

    shop = make_shop(core, owner)
    m, _pack, _value = member_with_cards(core, owner, shop)
    with core.db.tx() as s:
        cells = CardCells("P10", 4, Money(0), Money(0), None, None)
        import_card_in(s, core.clock, owner, member_id=m.id, cells=cells, reason="旧卡.csv")
    service = ReportService(core)
    c = service.daily(owner, DAY).cards
    assert c.received.fen == _sql(core, RECEIVED_SQL, DAY) == 198000 + 10000
    assert (c.sold, c.imported, c.imported_value.fen) == (2, 1, 79200)  # 4 of 10 at ¥1,980
    period = service.period(owner, DAY, DAY)
    assert period.members.owed.sessions == 10 + 4
    assert period.members.owed.sessions_value.fen == 198000 + 79200
    [top] = period.members.top
    assert top.spend.fen == 198000 + 10000  # not what was paid for the card brought over
    rows = {b.name: b for b in period.register.by_beautician}
    assert rows[owner.name].card_value.fen == 198000 + 10000


def test_a_refund_giving_part_of_a_card_payment_back_takes_the_earning_back(
    core: Core, owner: Actor, counter: Actor
) -> None:
    shop = make_shop(core, owner)
    m, pack, value = member_with_cards(core, owner, shop)  # 10 for ¥1,980; ¥100 stored
    open_till(core, counter)
    t = Ticket()
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    t.add("service", shop.facial, "深层补水", Money(28800), qty=2)
    t.use_card(1, pack.id, "补水10次卡")
    t.add("product", shop.serum, "玻尿酸精华", Money(15800), qty=2)
    due = t.priced().total
    sale = CheckoutService(core).pay(
        counter,
        t,
        [Tender("stored_value", Money(10000), account_id=value.id), Tender("cash", due)],
        str(uuid.uuid4()),
    )
    facial, serum = sale.lines
    service = ReportService(core)
    before = service.daily(owner, DAY).cards
    assert (before.session_uses, before.session.fen) == (2, 39600)
    assert before.principal_used.fen == 10000
    refunds = RefundService(core)
    refunds.refund(owner, sale.number, {facial.id: 1}, "少做一次")
    refunds.refund(owner, sale.number, {serum.id: 1}, "过敏")
    after = service.daily(owner, DAY).cards
    assert after.earned.fen == _sql(core, EARNED_SQL, DAY)
    assert (after.session_uses, after.session.fen) == (1, 19800)
    assert 0 < after.principal_used.fen < 10000 and after.value_uses == 1
