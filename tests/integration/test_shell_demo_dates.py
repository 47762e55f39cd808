"""The demo salon tells a possible story: a member joined before anything of hers happened
(her cards, their treatments, her sales and bookings, her records), and a card was on offer
before it was sold."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from salon_desk import demo
from salon_desk.booking.models import Booking
from salon_desk.core.clock import FixedClock, local_day
from salon_desk.core.context import Core
from salon_desk.members.card_models import CardAccount, CardLedger, CardProduct
from salon_desk.members.models import Member
from salon_desk.members.record_models import TreatmentRecord
from salon_desk.pos.models import Sale


def test_nothing_of_a_member_is_older_than_the_member(core: Core, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 28, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai")))  # some paid
    demo.seed(core)
    tz = core.settings.tz()
    late: list[str] = []
    with core.db.read() as s:
        joined = dict(s.execute(select(Member.id, Member.created_at)).all())

        def check(what: str, member_id: int | None, at: datetime) -> None:
            if member_id is not None and at < joined[member_id]:
                late.append(f"{what} of member {member_id} at {at} < {joined[member_id]}")

        cards = s.execute(
            select(
                CardAccount.id,
                CardAccount.member_id,
                CardAccount.sold_at,
                CardProduct.created_at,
            ).join(CardProduct, CardProduct.id == CardAccount.product_id)
        ).all()
        for card_id, member_id, sold_at, offered_at in cards:
            check(f"card {card_id}", member_id, sold_at)
            if sold_at < offered_at:
                late.append(f"card {card_id} sold at {sold_at} before its product {offered_at}")
        uses = s.execute(
            select(CardLedger.id, CardAccount.member_id, CardLedger.at).join(
                CardAccount, CardAccount.id == CardLedger.account_id
            )
        ).all()
        for ledger_id, member_id, at in uses:
            check(f"card entry {ledger_id}", member_id, at)
        sales = s.execute(select(Sale.number, Sale.member_id, Sale.at)).all()
        for number, member_id, at in sales:
            check(f"sale {number}", member_id, at)
        bookings = s.execute(
            select(Booking.number, Booking.member_id, Booking.created_at, Booking.starts_at)
        ).all()
        for number, member_id, created_at, starts_at in bookings:
            check(f"booking {number}", member_id, min(created_at, starts_at))
        records = s.execute(
            select(TreatmentRecord.id, TreatmentRecord.member_id, TreatmentRecord.day)
        ).all()
        for record_id, member_id, day in records:
            if day < local_day(joined[member_id], tz):
                late.append(f"record {record_id} of member {member_id} on {day}")
    assert late == []
    # The check looked at real data: members with cards, treatments, sales and bookings.
    assert sum(1 for _n, m, _a in sales if m is not None) >= 1
    assert len(joined) >= 40 and len(cards) >= 10 and len(uses) > len(cards)
    assert sum(1 for _n, m, _c, _s in bookings if m is not None) >= 10
    # Members joined on different days, and their numbers follow the order they joined in.
    with core.db.read() as s:
        by_number = s.execute(select(Member.created_at).order_by(Member.number)).scalars().all()
    assert by_number == sorted(by_number) and len(set(by_number)) == len(by_number)
