"""Commission: rates per beautician and kind set by a manager (audited; bad input saves
nothing), services split into 点钟 (a booking by number) and 轮钟, and the commission in
the performance table checked against values summed here with raw SQL."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text
from test_booking_book import DAY, build_shop
from test_pos_checkout import open_till

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Invalid, NotFound
from salon_desk.core.i18n import set_language
from salon_desk.core.models import AuditEntry
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender
from salon_desk.reports.commission import CommissionService
from salon_desk.reports.models import CommissionRate
from salon_desk.reports.service import ReportService
from salon_desk.stock.models import Product
from salon_desk.stock.moves import add_movement_in

SERVICE_SQL = """
SELECT COALESCE(SUM(l.net_fen), 0) FROM pos_sale_line l
JOIN pos_sale_line_beautician b ON b.line_id = l.id
JOIN pos_sale s ON s.id = l.sale_id
WHERE b.staff_id = :staff AND s.day = :d AND {asked} EXISTS (
  SELECT 1 FROM booking k WHERE k.sale_ref = s.number AND k.staff_id = b.staff_id
  AND k.requested = :yes)
"""


def _cut(fen: int, bp: int) -> int:
    return int((Decimal(fen) * bp / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _serum(core: Core, owner: Actor) -> int:
    with core.db.tx() as s:
        p = Product(barcode="6901234567892", brand="雅诗", name_zh="玻尿酸精华",
                    category="retail", price_fen=16800, created_at=core.clock.now())  # fmt: skip
        s.add(p)
        s.flush()
        add_movement_in(s, core.clock.now(), owner, product_id=p.id, location="display", qty=5,
                        reason="opening")  # fmt: skip
        return p.id


def test_commission_by_kind_matches_the_rows(
    core: Core, owner: Actor, manager: Actor, counter: Actor, tmp_path: Path
) -> None:
    shop = build_shop(core, owner)
    clock = core.clock
    assert isinstance(clock, FixedClock)
    books, life = BookingService(core), LifecycleService(core)
    asked = books.book(counter, shop.draft("1", 10, 0))
    turn = books.book(
        counter, shop.draft(None, 10, 0, guest_name="李四", guest_phone="13900001111")
    )
    assert asked.requested and not turn.requested
    for b in (asked, turn):
        life.arrive(counter, b.id)
        life.start(counter, b.id)
    clock.set(shop.at(11, 30))
    for b in (asked, turn):
        life.complete(counter, b.id)
    serum = _serum(core, owner)
    open_till(core, counter)
    pay = CheckoutService(core).pay
    f01 = shop.services["F01"]
    one, other = shop.staff["1"], turn.staff_id
    for b in (asked, turn):
        t = Ticket()
        t.add("service", f01.id, f01.name_zh, f01.price, beautician_ids=(b.staff_id,),
              booking_id=b.id)  # fmt: skip
        pay(counter, t, [Tender("cash", f01.price)], str(uuid.uuid4()))
    t = Ticket()  # a walk-in with 1号, no booking: 轮钟; and a serum she sold
    f03 = shop.services["F03"]
    t.add("service", f03.id, f03.name_zh, f03.price, beautician_ids=(one,))
    t.add("product", serum, "玻尿酸精华", Money(16800), seller_id=one)
    pay(counter, t, [Tender("cash", f03.price + Money(16800))], str(uuid.uuid4()))
    member = MemberService(core).create(owner, MemberInput(name="张丽", phone="13812345678"))
    cards = CardService(core)
    value = cards.save_product(owner, CardProductInput(
        code="V1", name="储值卡", kind="value", category="value", price=Money(100000)))  # fmt: skip
    cards.sell(counter, member_id=member.id, product_id=value.id, price=Money(100050),
               sale_ref="M-1")  # fmt: skip

    rates = CommissionService(core)
    rates.set_rate(manager, one, "requested", 1000)
    rates.set_rate(manager, one, "rotation", 550)
    rates.set_rate(manager, one, "product", 800)
    rates.set_rate(manager, counter.staff_id, "card", 150)
    assert {r.staff_id: r.rates["rotation"] for r in rates.rates(manager)}[one] == 550

    service = ReportService(core)
    report = service.daily(owner, DAY)
    rows = {b.name: b for b in report.register.by_beautician}
    with core.db.read() as s:
        name = {i: n for i, n in s.execute(text("SELECT id, name FROM staff"))}

        def value_of(staff: int, yes: bool) -> int:
            q = SERVICE_SQL.format(asked="" if yes else "NOT")
            return int(s.execute(text(q), {"staff": staff, "d": DAY, "yes": True}).scalar_one())

        want_asked, want_turn = value_of(one, True), value_of(one, False)
    first = rows[name[one]]
    assert (first.requested, first.rotation) == ((1, 2) if other == one else (1, 1))
    assert first.requested_value.fen == want_asked == f01.price.fen
    assert first.rotation_value.fen == want_turn
    assert (first.products, first.product_value.fen) == (1, 16800)
    assert first.commission is not None and first.commission.fen == (
        _cut(want_asked, 1000) + _cut(want_turn, 550) + _cut(16800, 800)
    )
    seller = rows[counter.name]
    assert (seller.cards, seller.card_value.fen) == (1, 100050)
    assert seller.commission == Money(_cut(100050, 150)) == Money(1501)
    if other != one:
        assert rows[name[other]].commission is None and rows[name[other]].rotation == 1

    set_language("zh_CN")
    joined = "\n".join(p.extract_text() for p in PdfReader(
        service.save(owner, report, tmp_path / "c.pdf", "pdf")).pages)  # fmt: skip
    assert "提成" in joined and first.commission.format("") in joined and "15.01" in joined


def test_bad_rates_save_nothing_and_changes_are_audited(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    shop = build_shop(core, owner)
    one = shop.staff["1"]
    rates = CommissionService(core)

    def saved() -> tuple[int, int]:
        with core.db.read() as s:
            return (
                int(s.scalar(select(func.count()).select_from(CommissionRate)) or 0),
                int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
            )

    before = saved()
    with pytest.raises(Forbidden):
        rates.set_rate(counter, one, "product", 500)
    for kind, bp in (("tips", 500), ("product", 10_001), ("product", -1)):
        with pytest.raises(Invalid):
            rates.set_rate(manager, one, kind, bp)
    with pytest.raises(NotFound):
        rates.set_rate(manager, 999_999, "product", 500)
    assert saved() == before
    rates.set_rate(manager, one, "product", 500)
    rates.set_rate(manager, one, "product", 650)
    with core.db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "commission.rate"
        assert (last.before, last.after) == (
            {"kind": "product", "rate_bp": 500}, {"kind": "product", "rate_bp": 650}
        )  # fmt: skip
    assert saved() == (before[0] + 1, before[1] + 2)
