"""A session pack moved to another member (转卡) keeps earning at the price paid for the
pack: the sessions the new holder uses earn their share, so the two cards together earn
the pack's price, and the sessions still owed keep their worth in the member report."""

from __future__ import annotations

from datetime import date, timedelta

from card_shop import build_card_shop

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.reports.service import ReportService

DAY = date(2026, 11, 28)


def test_a_pack_moved_to_another_member_earns_the_rest_of_its_price(
    core: Core, owner: Actor
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    shop = build_card_shop(core, owner)
    pack = shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.pack.id, price=Money(150000), sale_ref="S"
    )
    shop.cards.use_sessions(
        owner, account_id=pack.id, service_id=shop.facial, sessions=1, sale_ref="U1"
    )
    moved = shop.cards.transfer(owner, pack.id, shop.other.id, "送给朋友")
    assert moved.sessions_left == 9
    service = ReportService(core)
    owed = service.period(owner, DAY, DAY).members.owed
    assert owed.sessions == 9 and owed.sessions_value == Money(135000)
    holder = moved
    for n in range(1, 4):
        clock.advance(timedelta(days=1))
        if n == 3:  # and moved on again, back to the first member
            holder = shop.cards.transfer(owner, holder.id, shop.member.id, "还回")
        shop.cards.use_sessions(
            owner, account_id=holder.id, service_id=shop.facial, sessions=3, sale_ref=f"M{n}"
        )
    days = service.period(owner, DAY, DAY + timedelta(days=3))
    assert [d.cards_earned.fen for d in days.days] == [15000, 45000, 45000, 45000]
    assert days.cards.session == Money(150000)
