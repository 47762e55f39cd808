"""Bookings of members: a booking names the member (chosen in the form, or found by her
phone), a new caller becomes a member with just name and phone, and a member's history
shows every booking with its state changes, newest first."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select
from test_booking_book import Shop, build_shop

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.history_service import BookingHistoryService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return build_shop(core, owner)


def bookings(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Booking)) or 0)


def test_a_chosen_member_is_linked_and_her_profile_fills_the_blanks(
    shop: Shop, counter: Actor
) -> None:
    member = MemberService(shop.core).create(counter, MemberInput("刘芳", "13700001111"))
    service = BookingService(shop.core)
    row = service.book(
        counter, shop.draft("1", 11, guest_name="", guest_phone="", member_id=member.id)
    )
    assert (row.member_id, row.guest_name, row.guest_phone) == (member.id, "刘芳", "13700001111")
    # Her daughter calls for her from another phone: the booking keeps what was said.
    other = service.book(
        counter, shop.draft("2", 14, guest_name="刘芳(女儿)", guest_phone="13600002222",
                            member_id=member.id),
    )  # fmt: skip
    assert (other.member_id, other.guest_name, other.guest_phone) == (
        member.id,
        "刘芳(女儿)",
        "13600002222",
    )


def test_a_members_phone_links_the_booking_a_strangers_does_not(shop: Shop, counter: Actor) -> None:
    member = MemberService(shop.core).create(counter, MemberInput("刘芳", "13700001111"))
    service = BookingService(shop.core)
    assert service.book(counter, shop.draft("1", 11, guest_phone="137 0000 1111")).member_id == (
        member.id
    )
    assert service.book(counter, shop.draft("2", 11, guest_phone="13812345678")).member_id is None


def test_a_new_caller_becomes_a_member_with_name_and_phone(shop: Shop, counter: Actor) -> None:
    members = MemberService(shop.core)
    new = members.create(counter, MemberInput("陈静", "13500003333"))
    assert members.search("13500003333")[0].id == new.id
    draft = shop.draft("1", 15, member_id=new.id, guest_name="", guest_phone="")
    row = BookingService(shop.core).book(counter, draft)
    assert row.member_id == new.id
    # The phone belongs to one member only: a second "new caller" with it is refused.
    with pytest.raises(Conflict) as info:
        members.create(counter, MemberInput("陈小静", "13500003333"))
    assert info.value.params["member_id"] == new.id


def test_an_unknown_member_or_a_clash_saves_nothing(shop: Shop, counter: Actor) -> None:
    member = MemberService(shop.core).create(counter, MemberInput("刘芳", "13700001111"))
    service = BookingService(shop.core)
    with pytest.raises(Invalid) as info:
        service.book(counter, shop.draft("1", 11, member_id=member.id + 100))
    assert info.value.field == "member_id"
    service.book(counter, shop.draft("1", 11, member_id=member.id, guest_phone=""))
    # The same member at the same time from another phone, with another beautician.
    with pytest.raises(Conflict):
        service.book(
            counter, shop.draft("2", 11, 30, member_id=member.id, guest_phone="13600002222")
        )
    assert bookings(shop.core) == 1


def test_member_history_has_every_booking_newest_first_with_its_changes(
    shop: Shop, counter: Actor, clock: FixedClock
) -> None:
    core = shop.core
    member = MemberService(core).create(counter, MemberInput("刘芳", "13700001111"))
    service, life = BookingService(core), LifecycleService(core)
    mine = replace(shop.draft("1", 10), guest_name="", guest_phone="", member_id=member.id)
    by_phone = replace(mine, guest_name="刘芳", guest_phone="13700001111", member_id=None)
    absent = service.book(counter, by_phone)
    late = service.book(counter, replace(mine, starts_at=shop.at(11), staff_id=shop.staff["2"]))
    gone = service.book(counter, replace(mine, starts_at=shop.at(14)))
    done = service.book(counter, replace(mine, starts_at=shop.at(16)))
    service.book(counter, shop.draft("3", 15))  # somebody else
    life.arrive(counter, done.id)
    life.complete(counter, done.id)
    life.cancel(counter, gone.id, "出差")
    clock.advance(minutes=15)
    life.no_show(counter, absent.id)
    clock.advance(minutes=76)
    assert [b.id for b in life.auto_cancel_due()] == [late.id]

    history = BookingHistoryService(core).of_member(member.id)
    assert [h.booking.id for h in history] == [done.id, gone.id, late.id, absent.id]
    assert [h.booking.status for h in history] == [
        "completed",
        "cancelled",
        "auto_cancelled",
        "no_show",
    ]
    by_id = {h.booking.id: [e.kind for e in h.events] for h in history}
    assert by_id[done.id] == ["created", "arrived", "completed"]
    assert by_id[gone.id] == ["created", "cancelled"]
    assert by_id[late.id] == ["created", "auto_cancelled"]
    assert by_id[absent.id] == ["created", "no_show"]
    assert history[-1].events[0].staff_name == counter.name
    assert BookingHistoryService(core).of_member(member.id, limit=2)[1].booking.id == gone.id


def test_a_callers_bookings_are_in_her_history_once_she_is_a_member(
    shop: Shop, counter: Actor
) -> None:
    early = BookingService(shop.core).book(counter, shop.draft("1", 11))  # 张三 13812345678
    assert early.member_id is None
    member = MemberService(shop.core).create(counter, MemberInput("张三", "13812345678"))
    history = BookingHistoryService(shop.core).of_member(member.id)
    assert [h.booking.id for h in history] == [early.id]
