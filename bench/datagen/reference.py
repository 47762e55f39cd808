"""The salon's few reference rows, made through the services as the owner would: staff,
opening hours, member levels, the service price list and the card products. Each of these
writes its audit entry, so the audit chain of a generated database is the services' own."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import time

from sqlalchemy import select

from bench.datagen import names
from salon_desk.booking.demo import add_catalogue
from salon_desk.core.auth import Actor, Role
from salon_desk.core.context import Core
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.members.demo_data import PRODUCTS as CARD_PRODUCTS
from salon_desk.members.service import MemberService

BEAUTICIANS = 30
COUNTERS = 4
MANAGERS = 2
OWNER_NUMBER = "8888"
PIN = "8888"
OPEN, CLOSE = time(9, 0), time(22, 0)


@dataclass(frozen=True)
class Service:
    id: int
    name: str
    minutes: int
    price_fen: int
    staff_ids: frozenset[int]  # empty: every beautician


@dataclass(frozen=True)
class CardProduct:
    id: int
    kind: str
    price_fen: int
    sessions: int
    bonus_fen: int
    valid_days: int | None
    from_first_use: bool
    service_ids: frozenset[int]


@dataclass(frozen=True)
class Reference:
    owner: Actor
    beauticians: tuple[int, ...]
    counters: tuple[int, ...]
    managers: tuple[int, ...]
    services: tuple[Service, ...]
    card_products: tuple[CardProduct, ...]
    tiers: tuple[tuple[int, int], ...]  # (tier id, discount bp)


def create(core: Core, rng: random.Random) -> Reference:
    owner = core.auth.create_owner(name="王店长", number=OWNER_NUMBER, pin=PIN)
    core.settings.set_many(owner, {"hours.open": OPEN, "hours.close": CLOSE})

    # The other staff share the owner's PIN hash: one slow scrypt instead of 37. They are
    # written directly (no audit entry each), like the other bulk rows.
    with core.db.tx() as s:
        pin_hash = s.scalars(select(Staff.pin_hash)).one()

        def staff(role: Role, number: str) -> int:
            row = Staff(
                number=number,
                name=names.name(rng),
                role=role.value,
                pin_hash=pin_hash,
                created_at=core.clock.now(),
            )
            s.add(row)
            s.flush()
            return row.id

        beauticians = {str(n): staff(Role.BEAUTICIAN, str(n)) for n in range(1, BEAUTICIANS + 1)}
        counters = tuple(staff(Role.COUNTER, str(100 + n)) for n in range(1, COUNTERS + 1))
        managers = tuple(staff(Role.MANAGER, str(90 + n)) for n in range(1, MANAGERS + 1))
    catalogue = add_catalogue(core, owner, beauticians)
    services = tuple(
        Service(r.id, r.name_zh, r.duration_min, r.price.fen, frozenset(r.staff_ids))
        for r in sorted(catalogue.values(), key=lambda r: r.id)
    )
    members = MemberService(core)
    tiers = (
        members.save_tier(owner, name="普通会员", discount_bp=0, sort=0),
        members.save_tier(owner, name="白金会员", discount_bp=1200, sort=1),
    )
    cards = CardService(core)
    made: list[CardProductRow] = []
    for (
        code,
        name,
        kind,
        category,
        yuan,
        n,
        bonus,
        days,
        first,
        day,
        week,
        gap,
        codes,
    ) in CARD_PRODUCTS:
        made.append(
            cards.save_product(
                owner,
                CardProductInput(
                    code=code,
                    name=name,
                    kind=kind,
                    category=category,
                    price=Money.yuan(yuan),
                    sessions=n,
                    bonus=Money.yuan(bonus),
                    valid_days=days,
                    from_first_use=first,
                    per_day_cap=day,
                    per_week_cap=week,
                    min_gap_hours=gap,
                    service_ids=tuple(catalogue[c].id for c in codes),
                ),
            )
        )
    card_products = tuple(
        CardProduct(
            p.id,
            p.kind,
            p.price.fen,
            p.sessions,
            p.bonus.fen,
            p.valid_days,
            p.from_first_use,
            frozenset(p.service_ids),
        )
        for p in made
    )
    return Reference(
        owner=owner,
        beauticians=tuple(beauticians.values()),
        counters=counters,
        managers=managers,
        services=services,
        card_products=card_products,
        tiers=tuple((t.id, t.discount_bp) for t in tiers),
    )
