"""Period cards in the reports: what was paid is earned evenly by the day the card runs,
frozen days earn nothing, and a refund settles the rest — replayed from the ledger the
card services write, checked day by day against a count made here by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from card_shop import build_card_shop
from pypdf import PdfReader
from sqlalchemy import event

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.core.money import Money
from salon_desk.members.cards import reverse_sale_in
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.reports import period_figures
from salon_desk.reports.service import ReportService

DAY = date(2026, 11, 28)


def _on(clock: FixedClock, n: int) -> None:
    """Move the clock to ``n`` days after DAY (same time of day)."""
    while (clock.now().date() - DAY).days < n:
        clock.advance(timedelta(days=1))


def test_a_month_card_earns_by_the_day_and_its_refund_settles_the_rest(
    core: Core, owner: Actor, tmp_path: Path
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    shop = build_card_shop(core, owner)
    card = shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.month.id, price=Money(90000), sale_ref="S1"
    )
    assert card.expires_on == DAY + timedelta(days=29)
    service = ReportService(core)
    today = service.daily(owner, DAY).cards
    assert today.period_earned == Money(3000)  # ¥900 over 30 days
    assert today.earned == Money(3000) and today.received == Money(90000)

    # what the card still owes at the end of day 5: the 24 days it has not yet run
    owed = service.period(owner, DAY, DAY + timedelta(days=5)).members.owed
    assert (owed.period_cards, owed.period_unearned) == (1, Money(72000))
    assert owed.total == Money(72000) and owed.cards == 1

    _on(clock, 10)
    shop.cards.freeze(owner, card.id, "出差")
    _on(clock, 14)
    shop.cards.unfreeze(owner, card.id)  # four days frozen: the card now runs to day 33
    _on(clock, 20)
    slip = CardPayoutService(shop.core).refund_card(owner, card.id, "搬家", method="wechat")
    assert slip.refund == Money(90000)  # never used: everything is paid back

    period = service.period(owner, DAY, DAY + timedelta(days=40))
    by_day = [d.cards_earned.fen for d in period.days]
    # 10 days at ¥30, 4 frozen, 6 more at ¥30; the refund pays back more than the ¥420
    # still unearned, so the ¥480 earned comes back out on that day
    assert by_day[:10] == [3000] * 10
    assert by_day[10:14] == [0] * 4
    assert by_day[14:20] == [3000] * 6
    assert by_day[20] == 90000 - 48000 - 90000
    assert by_day[21:] == [0] * 20
    assert sum(by_day) == 0 == period.cards.period_earned.fen
    assert period.cards.refund == Money(90000)
    assert period.members.owed.period_unearned == Money(0)  # refunded: nothing owed
    frozen = service.period(owner, DAY, DAY + timedelta(days=12)).members.owed
    assert frozen.period_unearned == Money(90000 - 30000)  # frozen days run nothing

    set_language("zh_CN")
    pdf = service.save(
        owner, service.daily(owner, DAY + timedelta(days=3)), tmp_path / "d.pdf", "pdf"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "期限卡（按天摊销）" in text and "30.00" in text
    ranged = service.period(owner, DAY, DAY + timedelta(days=5))
    pdf = service.save(owner, ranged, tmp_path / "p.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "期限卡（未到期部分）" in text and "720.00" in text


def test_a_year_card_starts_earning_at_its_first_treatment(core: Core, owner: Actor) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    shop = build_card_shop(core, owner)
    card = shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.year.id, price=Money(365000), sale_ref="Y"
    )
    service = ReportService(core)
    # not yet used: the whole price is owed
    assert service.period(owner, DAY, DAY).members.owed.period_unearned == Money(365000)
    _on(clock, 3)
    shop.cards.use_sessions(
        owner, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U1"
    )
    period = service.period(owner, DAY, DAY + timedelta(days=4))
    assert [d.cards_earned.fen for d in period.days] == [0, 0, 0, 1000, 1000]
    assert period.members.owed.period_unearned == Money(365000 - 2000)
    # 365 days from day 3 to day 367: a year of reports earns all of it, no fen lost
    year = service.period(owner, DAY, DAY + timedelta(days=365)).cards
    rest = service.period(owner, DAY + timedelta(days=366), DAY + timedelta(days=400))
    assert year.period_earned == Money(363000)
    assert [d.cards_earned.fen for d in rest.days if d.cards_earned] == [1000, 1000]
    assert year.period_uses == 1  # the treatment itself is still not money


def test_the_card_figures_of_a_day_find_the_ledger_by_day(sqlite_core: Core) -> None:
    """No query of the card figures reads the whole card ledger (SQLite's plan)."""
    core = sqlite_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    shop = build_card_shop(core, owner)
    shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.month.id, price=Money(90000), sale_ref="S"
    )
    seen: list[tuple[str, object]] = []

    def keep(conn: object, cursor: object, statement: str, params: object, *_: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    engine = core.db.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert ReportService(core).daily(owner, DAY).cards.period_earned == Money(3000)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ledger = [(q, p) for q, p in seen if "card_ledger" in q]
    assert ledger
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        plans = [
            " | ".join(str(r[-1]) for r in raw.execute("EXPLAIN QUERY PLAN " + q, p))
            for q, p in ledger
        ]
    assert not [p for p in plans if "SCAN card_ledger" in p], plans
    assert any("ix_card_ledger_day" in p for p in plans), plans


def test_a_first_treatment_undone_with_its_ticket_stops_the_card_and_takes_back(
    core: Core, owner: Actor
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    shop = build_card_shop(core, owner)
    card = shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.year.id, price=Money(365000), sale_ref="Y"
    )
    shop.cards.use_sessions(
        owner, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U1"
    )
    _on(clock, 2)
    with core.db.tx() as s:  # the whole ticket undone: the card is unused again
        reverse_sale_in(s, clock, owner, sale_ref="U1", reason="顾客退单")
    assert shop.cards.account(card.id).starts_on is None
    service = ReportService(core)
    period = service.period(owner, DAY, DAY + timedelta(days=3))
    assert [d.cards_earned.fen for d in period.days] == [1000, 1000, -2000, 0]
    assert period.members.owed.period_unearned == Money(365000)
    _on(clock, 4)
    shop.cards.use_sessions(
        owner, account_id=card.id, service_id=shop.slim, sessions=1, sale_ref="U2"
    )
    again = service.period(owner, DAY, DAY + timedelta(days=4))
    assert [d.cards_earned.fen for d in again.days][-1] == 1000


def test_the_cards_closed_since_a_day_are_found_alike_either_way(
    core: Core, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looked up card by card (a range long ago) or among the ledger's entries since the
    range began (a recent one): the same cards, so the same figures."""
    clock = core.clock
    assert isinstance(clock, FixedClock)
    shop = build_card_shop(core, owner)
    refunded = shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.month.id, price=Money(90000), sale_ref="A"
    )
    shop.cards.sell(
        owner, member_id=shop.member.id, product_id=shop.month.id, price=Money(60000), sale_ref="B"
    )
    _on(clock, 20)
    CardPayoutService(shop.core).refund_card(owner, refunded.id, "搬家", method="wechat")
    service = ReportService(core)
    ranges = [(0, 40), (15, 20), (21, 25), (5, 5)]

    def figures() -> list[tuple[list[int], int, int]]:
        found = []
        for a, b in ranges:
            p = service.period(owner, DAY + timedelta(days=a), DAY + timedelta(days=b))
            owed = p.members.owed
            found.append(
                ([d.cards_earned.fen for d in p.days], owed.period_cards, owed.period_unearned.fen)
            )
        return found

    monkeypatch.setattr(period_figures, "_PER_CARD", 10**9)  # among the entries since
    among_entries = figures()
    monkeypatch.setattr(period_figures, "_PER_CARD", 0)  # card by card
    card_by_card = figures()
    assert card_by_card == among_entries
    whole, _n, _fen = among_entries[0]
    # the ¥600 card earns ¥20 a day over its 30 days; the refunded one ¥30 a day for 20
    # days, then the refund of all ¥900 takes those ¥600 back
    assert whole[:20] == [5000] * 20 and whole[20] == 2000 - 60000
    assert whole[21:30] == [2000] * 9 and sum(whole[30:]) == 0
    assert among_entries[2][1:] == (1, 60000 - 2000 * 26)  # owed at the end of day 25
