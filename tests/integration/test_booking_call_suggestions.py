"""Suggested follow-up calls for members: a card about to expire (the number of days is a
setting) and a birthday this week, each with its reason, never twice for the same card or
the same birthday, and a member never twice on one day's list (frozen clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from salon_desk.booking.calls_service import ORIGINS, CallsService
from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.i18n import _
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardAccountRow, CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

DAY = date(2026, 11, 28)  # the clock fixture's day (a Saturday)


@dataclass
class Cards:
    core: Core
    owner: Actor
    pack: int
    value: int
    month: int

    def sell(self, member_id: int, product: int) -> CardAccountRow:
        return CardService(self.core).sell(
            self.owner, member_id=member_id, product_id=product, price=Money(1000), sale_ref="S"
        )


@pytest.fixture
def cards(core: Core, owner: Actor) -> Cards:
    svc = CardService(core)
    with core.db.tx() as s:
        item = ServiceItem(
            code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
        )
        s.add(item)
        s.flush()
        facial = item.id

    def product(code: str, name: str, kind: str, category: str, **kw: object) -> int:
        services = () if kind == "value" else (facial,)
        data = CardProductInput(
            code, name, kind, category, Money(100000), service_ids=services, **kw
        )  # type: ignore[arg-type]
        return svc.save_product(owner, data).id

    return Cards(
        core,
        owner,
        pack=product("P5", "补水5次卡", "sessions", "pack", sessions=5, valid_days=10),
        value=product("V1", "储值卡", "value", "value", valid_days=30),
        month=product("M1", "美容月卡", "period", "month", valid_days=14),
    )


def member(core: Core, owner: Actor, name: str, phone: str, **kw: object) -> int:
    return MemberService(core).create(owner, MemberInput(name, phone, **kw)).id  # type: ignore[arg-type]


def test_a_card_about_to_expire_is_suggested_once(
    core: Core, owner: Actor, counter: Actor, cards: Cards
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    liu = member(core, owner, "刘芳", "13700001111")
    pack = cards.sell(liu, cards.pack)
    far = cards.sell(liu, cards.value)  # expires in a month: not yet
    assert pack.expires_on is not None and far.expires_on is not None
    assert (pack.expires_on - DAY).days < 14 < (far.expires_on - DAY).days
    calls = CallsService(core)

    added = calls.suggest(counter)
    assert [(f.name, f.contact, f.origin, f.due_day) for f in added] == [
        ("刘芳", "13700001111", "card_expiry", DAY)
    ]
    assert added[0].key_points == f"补水5次卡 → {pack.expires_on:%m-%d}"
    assert ORIGINS["card_expiry"] == "Card about to expire"
    assert calls.suggest(counter) == []  # already on today's list

    clock.advance(days=1)
    assert calls.suggest(counter) == []  # that card was suggested already
    # The stored value card comes into the window later: a call of its own.
    clock.advance(days=(far.expires_on - DAY).days - 14 - 1)
    [later] = calls.suggest(counter)
    assert later.key_points == f"储值卡 → {far.expires_on:%m-%d}"


def test_cards_that_need_no_call(core: Core, owner: Actor, counter: Actor, cards: Cards) -> None:
    svc = CardService(core)
    used = member(core, owner, "赵敏", "13700002222")  # nothing left on the pack
    svc.adjust(owner, cards.sell(used, cards.pack).id, sessions=-5, reason="纸卡已用完")
    frozen = member(core, owner, "钱红", "13700003333")  # the clock of a frozen card stops
    svc.freeze(owner, cards.sell(frozen, cards.pack).id, "出差")
    # A month card has nothing left to lose: renewing it is a sales call, only with consent.
    cards.sell(member(core, owner, "孙丽", "13700004444"), cards.month)
    cards.sell(member(core, owner, "周洁", "13700005555", marketing_ok=True), cards.month)
    left = member(core, owner, "吴静", "13700006666")
    cards.sell(left, cards.pack)
    calls = CallsService(core)
    core.settings.set(owner, "calls.card_expiry_days", 0)
    assert calls.suggest(counter) == []  # 0 days: the rule is off
    core.settings.set(owner, "calls.card_expiry_days", 14)
    assert sorted(f.name for f in calls.suggest(counter)) == sorted(["周洁", "吴静"])


def test_birthdays_this_week(core: Core, owner: Actor, counter: Actor) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    member(core, owner, "刘芳", "13700001111", birthday=date(1990, 12, 2), marketing_ok=True)
    member(core, owner, "陈静", "13700002222", birthday=date(1985, 11, 28), marketing_ok=True)
    member(core, owner, "王五", "13700003333", birthday=date(1980, 12, 5), marketing_ok=True)
    member(core, owner, "李四", "13700004444", birthday=date(1991, 12, 1))  # no calls wanted
    member(core, owner, "赵小", "13700005555", birthday=date(1992, 11, 27), marketing_ok=True)
    calls = CallsService(core)
    added = calls.suggest(counter)
    assert sorted((f.name, f.origin, f.purpose) for f in added) == [
        ("刘芳", "birthday", "promotion"),
        ("陈静", "birthday", "promotion"),
    ]
    liu = next(f for f in added if f.name == "刘芳")
    assert "12-02" in liu.key_points
    clock.advance(days=1)  # 11-29: 王五's birthday (12-05) is within the week now
    assert [f.name for f in calls.suggest(counter)] == ["王五"]  # 刘芳 is not suggested again
    clock.advance(days=1)
    assert calls.suggest(counter) == []


def test_a_birthday_over_new_year_and_on_29_february(core: Core, owner: Actor) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    member(core, owner, "新年", "13700001111", birthday=date(1990, 1, 2), marketing_ok=True)
    member(core, owner, "闰日", "13700002222", birthday=date(1992, 2, 29), marketing_ok=True)
    calls = CallsService(core)
    clock.advance(days=(date(2026, 12, 29) - DAY).days)
    assert [f.name for f in calls.suggest(owner)] == ["新年"]
    clock.advance(days=(date(2027, 2, 25) - date(2026, 12, 29)).days)
    [leap] = calls.suggest(owner)
    assert leap.name == "闰日" and "02-28" in leap.key_points  # 2027 has no 29 February


def test_a_member_is_never_twice_on_one_days_list(
    core: Core, owner: Actor, counter: Actor, cards: Cards
) -> None:
    liu = member(core, owner, "刘芳", "13700001111", birthday=date(1990, 12, 1), marketing_ok=True)
    cards.sell(liu, cards.pack)
    calls = CallsService(core)
    calls.plan(counter, due_day=DAY, name="刘芳", phone="13700001111", purpose="satisfaction")
    assert calls.suggest(counter) == []
    assert [f.origin for f in calls.follow_ups()] == ["hand"]
    next_day = calls.suggest(counter, DAY + timedelta(days=1))
    assert len(next_day) == 1 and next_day[0].origin in ("card_expiry", "birthday")


def test_no_suggestions_for_someone_who_does_not_want_calls(
    core: Core, owner: Actor, counter: Actor, cards: Cards
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    liu = member(core, owner, "刘芳", "13700001111", birthday=date(1990, 12, 10), marketing_ok=True)
    chen = member(
        core, owner, "陈静", "13700002222", birthday=date(1990, 12, 10), marketing_ok=True
    )
    calls = CallsService(core)
    asked = calls.plan(counter, due_day=DAY, name="刘芳", phone="13700001111", purpose="promotion")
    calls.record_outcome(counter, asked.id, "declined", "不要再打电话")
    again = calls.plan(counter, due_day=DAY, name="陈静", phone="13700002222", purpose="promotion")
    calls.record_outcome(counter, again.id, "no_answer")
    cards.sell(liu, cards.pack)
    cards.sell(chen, cards.pack)
    clock.advance(days=5)  # both cards expire within 14 days, both birthdays are this week
    assert [f.name for f in calls.suggest(counter)] == ["陈静"]
    # She may still be put on the list by hand (she called to ask for it).
    calls.plan(counter, due_day=DAY + timedelta(days=6), name="刘芳", phone="13700001111",
               purpose="reminder")  # fmt: skip


def test_the_follow_up_call_sheet_shows_why_each_call_is_on_it(
    core: Core, owner: Actor, counter: Actor, cards: Cards, tmp_path: Path
) -> None:
    liu = member(core, owner, "刘芳", "13700001111")
    card = cards.sell(liu, cards.pack)
    member(core, owner, "陈静", "13700002222", birthday=date(1990, 12, 1), marketing_ok=True)
    calls = CallsService(core)
    calls.suggest(counter)
    done = calls.plan(counter, due_day=DAY, name="王五", phone="13700003333", purpose="promotion")
    calls.record_outcome(counter, done.id, "done")  # already called: not on the sheet
    target = tmp_path / "follow-ups.pdf"
    calls.follow_up_sheet(target)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert card.expires_on is not None
    assert "刘芳" in text and "13700001111" in text and f"{card.expires_on:%m-%d}" in text
    assert _(ORIGINS["card_expiry"]) in text and _(ORIGINS["birthday"]) in text
    assert "陈静" in text and "12-01" in text
    assert "王五" not in text
