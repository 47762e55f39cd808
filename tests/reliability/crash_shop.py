"""The shop the crash run trades in, and the plan of its operations.

Operation ``i`` is the same every time it is planned (a seeded generator per index), so a
process started after a SIGKILL retries an unfinished operation with exactly the same
ticket, tenders and idempotency key. Three kinds, through the calls the UI makes:

* ``sale`` — a checkout (``CheckoutService.pay``) of services and products paid in cash
  or WeChat plus cash;
* ``card`` — a member's checkout that takes a treatment off a session card and pays a
  product from a stored-value card (the card uses of the members feature);
* ``booking`` — ``BookingService.book`` of one half hour with one beautician. A booking
  has no key column; its natural key is the guest's phone and start time, unique per
  operation, and a retry looks it up before booking again.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from salon_desk.booking.booking_service import BookingDraft
from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import local_datetime
from salon_desk.core.context import Core
from salon_desk.core.money import ZERO, Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
DAY = date(2026, 11, 28)
BEAUTICIANS = 3
SLOTS = 20  # half hours a beautician is booked per day, 10:00–20:00
MEMBERS = 12
NAMESPACE = uuid.UUID("6f1c1a6e-8d0e-4f61-9f3e-5d1a0c2b7e11")


@dataclass(frozen=True)
class Shop:
    """Ids the plan refers to (all made by :func:`build`, so equal in every process)."""

    counter: Actor
    beauticians: tuple[int, ...]
    services: tuple[tuple[int, str, int], ...]  # id, name, price in fen
    products: tuple[tuple[int, str, int], ...]
    members: tuple[tuple[int, str, int, int], ...]  # member id, name, pack card, value card


@dataclass
class Op:
    index: int
    kind: str  # sale | card | booking
    key: str
    ticket: Ticket = field(default_factory=Ticket)
    tenders: list[Tender] = field(default_factory=list)
    booking: BookingDraft | None = None
    member: int | None = None
    pack: int | None = None  # the session card used, with the sessions taken
    sessions: int = 0
    value: int | None = None  # the stored-value card paying, with the amount
    value_paid: Money = ZERO


def at(op_index: int) -> datetime:
    """The clock while operation ``op_index`` runs: half a second per operation."""
    return START + timedelta(milliseconds=500 * op_index)


def days_needed(ops: int) -> int:
    return ops // (BEAUTICIANS * SLOTS) + 2


def build(core: Core, ops: int) -> Shop:
    """Staff, price list, roster for every day a booking may fall on, products, members
    with a session card and a stored-value card each, and today's float."""
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    row = core.auth.create_staff(owner, name="小陈", number="101", pin="1357", role=Role.COUNTER)
    counter = Actor(row.id, row.number, row.name, row.role)
    beauticians = tuple(
        core.auth.create_staff(
            owner, name=f"技师{n}", number=f"{n}", pin="2468", role=Role.BEAUTICIAN
        ).id
        for n in range(1, BEAUTICIANS + 1)
    )
    roster = RosterService(core)
    for d in range(1, days_needed(ops) + 1):
        for staff_id in beauticians:
            roster.set_shift(owner, staff_id, DAY + timedelta(days=d), time(9), time(21))
    catalogue = CatalogueService(core)
    services = []
    for code, name, fen in (("F01", "深层补水", 28800), ("E01", "眼部护理", 9800)):
        s = catalogue.create(
            owner, ServiceDraft(code, name, "", "facial", 30, Money(fen), beauticians, 0)
        )
        services.append((s.id, name, fen))
    stock = StockService(core)
    products = []
    for n, (name, fen) in enumerate((("玻尿酸精华", 16800), ("面膜", 3990), ("防晒霜", 25800))):
        p = stock.create_product(
            owner,
            ProductFields(brand="雅诗", name_zh=name, price=Money(fen), cost=Money(fen // 3),
                          barcode=f"690123456{n:04d}"),
        )  # fmt: skip
        stock.receive(owner, p.id, 500, location="display")
        products.append((p.id, name, fen))
    cards = CardService(core)
    pack = cards.save_product(
        owner,
        CardProductInput(code="P10", name="补水十次卡", kind="sessions", category="pack",
                         price=Money(150000), sessions=999, service_ids=(services[0][0],)),
    )  # fmt: skip
    value = cards.save_product(
        owner,
        CardProductInput(code="V1K", name="储值卡", kind="value", category="value",
                         price=Money(1000000), bonus=Money(200000)),
    )  # fmt: skip
    members = []
    for n in range(MEMBERS):
        m = MemberService(core).create(owner, MemberInput(f"会员{n}", f"139{n:08d}"))
        p = cards.sell(owner, member_id=m.id, product_id=pack.id, price=pack.price,
                       sale_ref=f"SETUP-P{n}")  # fmt: skip
        v = cards.sell(owner, member_id=m.id, product_id=value.id, price=value.price,
                       sale_ref=f"SETUP-V{n}")  # fmt: skip
        members.append((m.id, m.name, p.id, v.id))
    TillService(core).open_day(owner, {10000: 5})
    return Shop(counter, beauticians, tuple(services), tuple(products), tuple(members))


def plan(shop: Shop, seed: int, i: int) -> Op:
    rng = random.Random(seed * 1_000_003 + i)
    roll = rng.random()
    key = str(uuid.uuid5(NAMESPACE, f"{seed}-{i}"))
    if roll < 0.2:
        return _booking(shop, i, key)
    if roll < 0.45:
        return _card(shop, rng, i, key)
    return _sale(shop, rng, i, key)


def _sale(shop: Shop, rng: random.Random, i: int, key: str) -> Op:
    op = Op(i, "sale", key)
    t = op.ticket
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.5:
            sid, name, fen = rng.choice(shop.services)
            t.add("service", sid, name, Money(fen), beautician_ids=(rng.choice(shop.beauticians),))
        else:
            pid, name, fen = rng.choice(shop.products)
            line = t.add("product", pid, name, Money(fen), seller_id=shop.counter.staff_id)
            t.set_qty(line.key, rng.randint(1, 3))
    due = t.priced().total
    if rng.random() < 0.5 and due.fen > 1000:
        wx = Money(rng.randint(1, due.fen - 1))
        op.tenders = [Tender("wechat", wx, f"WX{i:08d}"), Tender("cash", due - wx)]
    else:
        op.tenders = [Tender("cash", Money(((due.fen + 9999) // 10000) * 10000))]
    return op


def _card(shop: Shop, rng: random.Random, i: int, key: str) -> Op:
    member_id, name, pack, value = rng.choice(shop.members)
    op = Op(i, "card", key, member=member_id, pack=pack, value=value, sessions=1)
    t = op.ticket
    t.attach_member(MemberRef(member_id, name))
    sid, sname, fen = shop.services[0]
    line = t.add("service", sid, sname, Money(fen), beautician_ids=(shop.beauticians[0],))
    t.use_card(line.key, pack, "补水十次卡")
    pid, pname, pfen = rng.choice(shop.products)
    t.add("product", pid, pname, Money(pfen), seller_id=shop.counter.staff_id)
    op.value_paid = t.priced().total
    op.tenders = [Tender("stored_value", op.value_paid, "", value)]
    return op


def _booking(shop: Shop, i: int, key: str) -> Op:
    per_day = BEAUTICIANS * SLOTS
    day = DAY + timedelta(days=1 + i // per_day)
    staff = shop.beauticians[(i % per_day) // SLOTS]
    start = local_datetime(day, time(10), TZ) + timedelta(minutes=30 * (i % SLOTS))
    draft = BookingDraft("顾客", f"150{i:08d}", (shop.services[1][0],), start, staff)
    return Op(i, "booking", key, booking=draft)
