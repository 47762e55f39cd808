"""A small shop built through the services, for the tests that sweep every protected call
and every form: staff in each role, a service, a beautician on duty, a product on the
cabinet, members with cards, an open till. Each piece is made on first use.

``snapshot`` reads every table (row count and a checksum of the rows) so a test can prove
that a refused call saved nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path

from sqlalchemy import select, text

from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import BookingRow
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock, local_datetime, local_day
from salon_desk.core.context import Core
from salon_desk.core.db import Base
from salon_desk.core.money import Money
from salon_desk.features import load_models
from salon_desk.members.card_rows import CardAccountRow, CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService

ROLES = (Role.COUNTER, Role.BEAUTICIAN, Role.MANAGER, Role.OWNER)


def snapshot(core: Core) -> dict[str, tuple[int, str]]:
    """Every table: its row count and a SHA-256 of its rows in primary-key order."""
    load_models()
    out: dict[str, tuple[int, str]] = {}
    with core.db.read() as s:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = s.execute(select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            out[table.name] = (len(rows), digest)
    return out


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list:
    return sorted(name for name in after if before.get(name) != after[name])


class World:
    """The shop; ``owner`` (all permissions) builds whatever a case needs first."""

    def __init__(self, core: Core, owner: Actor, tmp: Path) -> None:
        self.core = core
        self.owner = owner
        self.tmp = tmp
        self._n = itertools.count(1)
        self._slots = itertools.count(0)

    def n(self) -> int:
        return next(self._n)

    # --- staff ---------------------------------------------------------------------
    @cached_property
    def actors(self) -> dict[Role, Actor]:
        found = {Role.OWNER: self.owner}
        for i, role in enumerate((Role.COUNTER, Role.BEAUTICIAN, Role.MANAGER), start=1):
            row = self.core.auth.create_staff(
                self.owner, name=f"员工{i}", number=f"70{i}", pin="2468", role=role
            )
            found[role] = Actor(row.id, row.number, row.name, row.role)
        return found

    def new_staff(self, role: Role = Role.BEAUTICIAN) -> int:
        k = self.n()
        row = self.core.auth.create_staff(
            self.owner, name=f"新人{k}", number=f"6{k:03d}", pin="1357", role=role
        )
        return row.id

    # --- time ----------------------------------------------------------------------
    @property
    def today(self) -> date:
        return local_day(self.core.clock.now(), self.core.settings.tz())

    def next_day(self) -> None:
        clock = self.core.clock
        assert isinstance(clock, FixedClock)
        clock.set(clock.now() + timedelta(days=1))

    def at(self, hour: int, minute: int = 0, day: date | None = None) -> datetime:
        return local_datetime(day or self.today, time(hour, minute), self.core.settings.tz())

    # --- the price list and the roster -------------------------------------------------
    @cached_property
    def beautician(self) -> int:
        staff_id = self.new_staff(Role.BEAUTICIAN)
        RosterService(self.core).set_shift(self.owner, staff_id, self.today, time(9), time(21))
        return staff_id

    @cached_property
    def service_id(self) -> int:
        row = CatalogueService(self.core).create(
            self.owner,
            ServiceDraft("F01", "深层补水", "Hydrating facial", "facial", 30, Money(28800),
                         (self.beautician,), 0),
        )  # fmt: skip
        return row.id

    def slot(self) -> datetime:
        """The next free half hour of the beautician today, from 10:30."""
        k = next(self._slots)
        return self.at(10, 30) + timedelta(minutes=30 * k)

    def booking(self, start: datetime | None = None) -> BookingRow:
        """A booking with the beautician, each in its own half hour."""
        k = self.n()
        return BookingService(self.core).book(
            self.owner,
            BookingDraft("张三", f"138{k:08d}", (self.service_id,), start or self.slot(),
                         self.beautician),
        )  # fmt: skip

    def set_time(self, hour: int, minute: int = 0) -> None:
        clock = self.core.clock
        assert isinstance(clock, FixedClock)
        clock.set(self.at(hour, minute))

    # --- products --------------------------------------------------------------------
    def product(self, qty: int = 20) -> int:
        k = self.n()
        stock = StockService(self.core)
        row = stock.create_product(
            self.owner,
            ProductFields(
                brand="雅诗", name_zh=f"精华{k}", price=Money(16800), cost=Money(6000),
                barcode=f"69000{k:08d}", cabinet="A", shelf=1, position=k,
            ),
        )  # fmt: skip
        if qty:
            stock.receive(self.owner, row.id, qty, location="display")
        return row.id

    @cached_property
    def product_id(self) -> int:
        return self.product()

    # --- members and cards ---------------------------------------------------------------
    def member(self) -> MemberRow:
        k = self.n()
        return MemberService(self.core).create(self.owner, MemberInput(f"会员{k}", f"139{k:08d}"))

    @cached_property
    def pack(self) -> CardProductRow:
        return CardService(self.core).save_product(
            self.owner,
            CardProductInput(code="P10", name="补水十次卡", kind="sessions", category="pack",
                             price=Money(150000), sessions=10, valid_days=365,
                             service_ids=(self.service_id,)),
        )  # fmt: skip

    @cached_property
    def value(self) -> CardProductRow:
        return CardService(self.core).save_product(
            self.owner,
            CardProductInput(code="V5K", name="储值卡", kind="value", category="value",
                             price=Money(500000), bonus=Money(100000)),
        )  # fmt: skip

    def card(self, product: CardProductRow, member: MemberRow | None = None) -> CardAccountRow:
        m = member or self.member()
        return CardService(self.core).sell(
            self.owner, member_id=m.id, product_id=product.id, price=product.price,
            sale_ref=f"S{self.n()}",
        )  # fmt: skip

    # --- the register --------------------------------------------------------------------
    def open_till(self) -> None:
        till = TillService(self.core)
        if not till.status().opened:
            till.open_day(self.owner, {10000: 5})

    def ticket(self) -> Ticket:
        t = Ticket()
        t.add("service", self.service_id, "深层补水", Money(28800),
              beautician_ids=(self.beautician,))  # fmt: skip
        t.add("product", self.product_id, "精华", Money(16800), seller_id=self.owner.staff_id)
        return t

    def sale(self) -> SaleRow:
        self.open_till()
        t = self.ticket()
        return CheckoutService(self.core).pay(
            self.owner, t, [Tender("cash", t.priced().total)], str(uuid.uuid4())
        )

    def member_ref(self, m: MemberRow) -> MemberRef:
        return MemberRef(m.id, m.name, m.tier_name, m.tier_bp)

    def exec(self, sql: str, **params: object) -> None:
        with self.core.db.tx() as s:
            s.execute(text(sql), params)
