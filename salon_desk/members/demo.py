"""Demo data for the members side: two member levels, about forty members with Chinese
names, the shop's cards (月卡、季卡、半年卡、年卡、促销卡, session packs, stored value),
cards sold over the past months with their treatments, and slimming and bust-care records.
Everything goes through the services and the register's card functions."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from salon_desk.booking.demo import add_beauticians, add_catalogue
from salon_desk.booking.rows import ServiceRow
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock, local_datetime, local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import SalonError
from salon_desk.core.money import Money
from salon_desk.members import cards
from salon_desk.members.card_rows import CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.members.demo_data import MEMBERS, PRODUCTS, SOLD
from salon_desk.members.record_service import RecordService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


def seed(core: Core, owner: Actor) -> None:
    staff = add_beauticians(core, owner)
    services = add_catalogue(core, owner, staff)
    now = core.clock.now()
    joined = {i: _joined(core, i, now) for i in range(len(MEMBERS))}
    # The levels and cards are on offer before the first member joins.
    opening = _at(core, min(joined.values()) - timedelta(days=1))
    ids = _add_members(core, owner, joined, _add_levels(opening, owner))
    products = _add_products(opening, owner, services)
    for n, (who, code, days_ago, uses, service) in enumerate(SOLD, start=1):
        _sell_with_history(
            core,
            owner,
            ids[who],
            products[code],
            now,
            days_ago,
            uses,
            services[service].id if service else None,
            n,
        )
    _records(core, owner, ids, now)


def _at(core: Core, when: datetime) -> Core:
    """The same database with the clock at ``when``: what happened then is dated then."""
    return Core.build(core.db, clock=FixedClock(when), local_settings=core.settings.local_file)


def _add_levels(core: Core, owner: Actor) -> dict[str, int]:
    members = MemberService(core)
    platinum = members.save_tier(owner, name="白金会员", discount_bp=1200, sort=1)
    members.save_tier(owner, name="普通会员", discount_bp=0, sort=0)
    return {"白金会员": platinum.id}


def _add_members(
    core: Core, owner: Actor, joined: dict[int, datetime], levels: dict[str, int]
) -> list[int]:
    """Each member added when she joined, in that order (so numbers follow it)."""
    ids = [0] * len(MEMBERS)
    for i in sorted(joined, key=lambda k: joined[k]):
        name, phone, gender, birthday, level, skin, allergy = MEMBERS[i]
        row = MemberService(_at(core, joined[i])).create(
            owner,
            MemberInput(
                name=name,
                phone=phone,
                gender=gender,
                birthday=birthday,
                tier_id=levels[level] if level else None,
                skin_type=skin,
                allergies=allergy,
                referral="朋友介绍" if i % 3 == 0 else ("大众点评" if i % 3 == 1 else ""),
                marketing_ok=i % 4 != 0,
            ),
        )
        ids[i] = row.id
    return ids


def _add_products(
    core: Core, owner: Actor, services: dict[str, ServiceRow]
) -> dict[str, CardProductRow]:
    card_service = CardService(core)
    products = {}
    for code, name, kind, category, yuan, n, bonus, days, first, day, week, gap, codes in PRODUCTS:
        products[code] = card_service.save_product(
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
                service_ids=tuple(services[c].id for c in codes),
            ),
        )
    return products


def _joined(core: Core, i: int, now: datetime) -> datetime:
    """When member ``i`` joined: some weeks or months before her first card, and at least a
    week ago — before the bookings and sales the other features' demos give her."""
    first = max((days for who, _c, days, _u, _s in SOLD if who == i), default=0)
    day = local_day(now, core.settings.tz()) - timedelta(days=first + 7 + (i * 37) % 180)
    return local_datetime(day, time(10 + i % 9, (i * 13) % 60), core.settings.tz())


def _sell_with_history(
    core: Core,
    owner: Actor,
    member_id: int,
    product: object,
    now: datetime,
    days_ago: int,
    uses: int,
    service_id: int | None,
    n: int,
) -> None:
    assert isinstance(product, CardProductRow)
    past = FixedClock(now - timedelta(days=days_ago))
    with core.db.tx() as s:
        card = cards.sell_card_in(
            s,
            past,
            owner,
            member_id=member_id,
            product_id=product.id,
            price=product.price,
            sale_ref=f"DEMO-{n:04d}",
        )
    step = max(1, days_ago // max(1, uses))
    for u in range(uses):
        past.advance(days=step)
        if past.now() > now:
            break
        try:
            with core.db.tx() as s:
                ref = f"DEMO-{n:04d}-{u + 1:02d}"
                if product.kind == "value":
                    cards.spend_value_in(
                        s,
                        past,
                        owner,
                        account_id=card.id,
                        amount=Money.yuan(198 + 70 * (u % 3)),
                        sale_ref=ref,
                    )
                elif service_id is not None:
                    cards.use_sessions_in(
                        s,
                        past,
                        owner,
                        account_id=card.id,
                        service_id=service_id,
                        sessions=1,
                        sale_ref=ref,
                    )
        except SalonError:  # a cap or the balance: the member simply did not come that week
            continue


def _records(core: Core, owner: Actor, ids: list[int], now: datetime) -> None:
    records = RecordService(core)
    today = local_day(now, core.settings.tz())
    for week in range(8):
        day = today - timedelta(days=7 * (7 - week))
        records.add(
            owner,
            member_id=ids[3],
            kind="slimming",
            day=day,
            values={
                "weight": f"{68.4 - week * 0.6:.1f}",
                "waist": f"{82.0 - week * 0.9:.1f}",
                "abdomen": f"{90.5 - week * 1.1:.1f}",
                "hip": f"{98.0 - week * 0.5:.1f}",
                "thigh_left": f"{58.0 - week * 0.3:.1f}",
                "thigh_right": f"{58.4 - week * 0.3:.1f}",
            },
            notes="饮食控制良好" if week % 3 == 0 else "",
        )
    for visit in range(6):
        day = today - timedelta(days=14 * (5 - visit))
        records.add(
            owner,
            member_id=ids[7],
            kind="bust",
            day=day,
            values={
                "upper_bust": f"{83.0 + visit * 0.4:.1f}",
                "under_bust": "70.0",
                "bust_gap": f"{4.0 - visit * 0.2:.1f}",
            },
        )
    records.add(
        owner,
        member_id=ids[9],
        kind="skin",
        day=today,
        values={"moisture": "32", "oil": "18", "elasticity": "65"},
        notes="两颊泛红，避免去角质",
    )
