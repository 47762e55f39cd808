"""The members demo: forty members with cards sold over past months, their ledgers
consistent, slimming and bust-care records to chart."""

from __future__ import annotations

from sqlalchemy import func, select

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.members import demo
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_service import CardService
from salon_desk.members.record_service import RecordService
from salon_desk.members.service import MemberService


def test_the_demo_fills_members_cards_and_records(core: Core, owner: Actor) -> None:
    demo.seed(core, owner)
    members = MemberService(core)
    assert [m.name for m in members.search("zs")][:1] == ["张三"]
    assert len(members.search("1", limit=500)) >= 40
    cards = CardService(core)
    assert {p.category for p in cards.products()} >= {
        "month",
        "quarter",
        "half_year",
        "year",
        "promo",
        "pack",
        "value",
    }
    zhang = members.search("13812345678")[0]
    held = cards.accounts_for_member(zhang.id)
    assert len(held) == 2 and any(a.uses > 0 for a in held)
    with core.db.read() as s:
        sums = dict(
            s.execute(
                select(
                    CardLedger.account_id,
                    func.sum(CardLedger.sessions + CardLedger.principal_fen + CardLedger.bonus_fen),
                ).group_by(CardLedger.account_id)
            ).all()
        )
        for a in s.scalars(select(CardAccount)):
            assert a.sessions_left + a.principal_fen + a.bonus_fen == sums[a.id]
    zhao = members.search("15988776655")[0]
    weight = RecordService(core).series(zhao.id, "slimming")["weight"]
    assert len(weight) == 8 and weight[0].value > weight[-1].value
