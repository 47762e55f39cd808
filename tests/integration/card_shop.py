"""A shop with card products for the card tests: two services, a month card, a year card
from first use, a pack of ten facials and a stored-value card; two members. Also the
balance as the ledger sums it, as the account stores it, and a check that both agree."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_rows import CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService


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


def consistent(shop: CardShop, account_id: int) -> tuple[int, int, int]:
    sums = ledger_sums(shop.core, account_id)
    assert sums == stored_balance(shop.core, account_id)
    assert min(sums) >= 0
    return sums
