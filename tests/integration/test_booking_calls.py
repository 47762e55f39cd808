"""Tomorrow's reminder calls and the follow-up call list."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select
from test_booking_book import DAY, Shop, build_shop

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import FollowUpCall, ReminderCall
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import _
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

TOMORROW = DAY + timedelta(days=1)


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    made = build_shop(core, owner)
    for staff_id in made.staff.values():
        RosterService(core).set_shift(owner, staff_id, TOMORROW, time(9), time(21))
    return made


def test_reminders_list_tomorrows_bookings_and_record_outcomes(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    a = service.book(counter, shop.draft("1", 10, day=TOMORROW))
    b = service.book(counter, shop.draft("2", 11, day=TOMORROW, guest_phone="13900001111"))
    service.book(counter, shop.draft("3", 11))  # today: not on tomorrow's list
    calls = CallsService(shop.core)
    listed = calls.reminders()
    assert [r.booking.id for r in listed] == [a.id, b.id]
    assert all(r.outcome is None for r in listed)
    calls.mark_reminder(counter, a.id, "no_answer")
    row = calls.mark_reminder(counter, a.id, "confirmed", "会准时到")
    assert (row.outcome, row.calls) == ("confirmed", 2)
    with pytest.raises(Invalid):
        calls.mark_reminder(counter, b.id, "maybe")
    with shop.core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ReminderCall)) == 2


def test_follow_up_never_twice_on_one_day(shop: Shop, counter: Actor) -> None:
    calls = CallsService(shop.core)
    calls.plan(counter, due_day=DAY, name="李秀英", phone="13900011122", purpose="promotion")
    with pytest.raises(Conflict):
        calls.plan(counter, due_day=DAY, name="李秀英", phone="139 0001 1122", purpose="reminder")
    with pytest.raises(Invalid):
        calls.plan(counter, due_day=DAY, name="王", phone="", purpose="promotion")
    with pytest.raises(Invalid):
        calls.plan(
            counter,
            due_day=DAY - timedelta(days=1),
            name="王",
            phone="13900011123",
            purpose="promotion",
        )
    with shop.core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(FollowUpCall)) == 1


def test_facial_suggests_a_home_care_call_three_days_later(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    life.arrive(counter, row.id)
    life.start(counter, row.id)
    life.complete(counter, row.id)
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(days=3)
    calls = CallsService(shop.core)
    added = calls.suggest(counter)
    assert [(f.name, f.purpose, f.due_day) for f in added] == [
        ("张三", "home_care", date(2026, 12, 1))
    ]
    assert calls.suggest(counter) == []  # already on the list
    done = calls.record_outcome(
        counter, added[0].id, "call_back", "忙，下周再打", date(2026, 12, 8)
    )
    assert done.outcome == "call_back"
    assert [f.name for f in calls.follow_ups(date(2026, 12, 8))] == ["张三"]
    with pytest.raises(Conflict):
        calls.record_outcome(counter, added[0].id, "done")


def test_the_after_facial_call_is_after_care_and_offers_need_consent(
    shop: Shop, owner: Actor, counter: Actor
) -> None:
    """The home-care check after a facial is after-care: every client gets it. Offers are
    marketing: a member who has not agreed to calls about offers gets no birthday call,
    and her after-facial call says to make no offers."""
    members = MemberService(shop.core)
    agreed = members.create(
        owner, MemberInput("刘芳", "13700001111", birthday=date(1990, 12, 2), marketing_ok=True)
    )
    refused = members.create(
        owner, MemberInput("陈静", "13700002222", birthday=date(1990, 12, 2), marketing_ok=False)
    )
    booking, life = BookingService(shop.core), LifecycleService(shop.core)
    for m, number, hour in ((agreed, "1", 10), (refused, "2", 11)):
        draft = shop.draft(number, hour, guest_name=m.name, guest_phone=m.phone, member_id=m.id)
        row = booking.book(counter, draft)
        life.arrive(counter, row.id)
        life.start(counter, row.id)
        life.complete(counter, row.id)
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(days=3)
    added = {f.name: f for f in CallsService(shop.core).suggest(counter)}
    assert sorted((f.name, f.origin, f.purpose) for f in added.values()) == [
        ("刘芳", "facial", "home_care"),  # birthday too, but one call a day: the first found
        ("陈静", "facial", "home_care"),
    ]
    no_offers = _("No offers")
    assert no_offers == "不推介优惠"
    assert added["陈静"].key_points.startswith(no_offers)
    assert no_offers not in added["刘芳"].key_points
    clock.advance(days=1)  # the next day only the member who agreed gets her birthday call
    assert [(f.name, f.purpose) for f in CallsService(shop.core).suggest(counter)] == [
        ("刘芳", "promotion")
    ]


def test_call_window_follows_the_settings(shop: Shop, counter: Actor) -> None:
    calls = CallsService(shop.core)
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    assert calls.may_call_now()  # 10:00
    clock.set(shop.at(12, 30))
    assert not calls.may_call_now()  # lunch
    clock.set(shop.at(9, 30))
    assert not calls.may_call_now()
