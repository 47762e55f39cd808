"""What the shift hands over by itself: parked tickets not paid, follow-up calls due
today and tomorrow's reminders not yet reached, and products at or below their reorder
level — each gone from the list once it is dealt with."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import update
from test_booking_book import DAY, build_shop
from test_pos_checkout import make_shop, ticket

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.frontdesk.open_items import open_items
from salon_desk.pos.parking_service import ParkingService
from salon_desk.stock.models import Product


def test_open_items_list_what_the_next_shift_must_do(
    core: Core, owner: Actor, counter: Actor
) -> None:
    assert not open_items(core) and open_items(core).lines() == []
    shop = make_shop(core, owner)
    booking = build_shop(core, owner)
    tomorrow = DAY + timedelta(days=1)
    RosterService(core).set_shift(owner, booking.staff["1"], tomorrow, time(9), time(18))
    booked = BookingService(core).book(
        counter,
        booking.draft("1", 10, day=tomorrow, guest_name="王芳", guest_phone="13800000011"),
    )
    calls = CallsService(core)
    call = calls.plan(counter, due_day=DAY, name="李娜", phone="13800000022", purpose="home_care")
    parked = ParkingService(core).park(counter, ticket(shop, counter), "3号床")
    with core.db.tx() as s:  # the mask: one on the shelf, reorder at two
        s.execute(update(Product).where(Product.id == shop.mask).values(reorder_level=2))

    items = open_items(core)
    assert [p.label for p in items.parked] == ["3号床"]
    assert [f.name for f in items.follow_ups] == ["李娜"]
    assert [r.booking.guest_name for r in items.reminders] == ["王芳"]
    assert [p.name_zh for p in items.low_stock] == ["面膜"]
    set_language("zh_CN")
    assert items.lines() == [
        "挂单未结：1 张（3号床）",
        "今天还要回访：1 个（李娜）",
        "明天的预约未确认：1 个（王芳）",
        "库存不足：1 种（自然堂 面膜）",
    ]

    calls.mark_reminder(counter, booked.id, "no_answer")  # still to reach
    assert len(open_items(core).reminders) == 1
    calls.record_outcome(counter, call.id, "done")
    calls.mark_reminder(counter, booked.id, "confirmed")
    ParkingService(core).resume(counter, parked.id)
    items = open_items(core)
    assert not (items.parked or items.follow_ups or items.reminders)
    assert [p.name_zh for p in items.low_stock] == ["面膜"]


def test_a_long_list_names_the_first_five(core: Core, owner: Actor, counter: Actor) -> None:
    calls = CallsService(core)
    for i in range(7):
        calls.plan(counter, due_day=DAY, name=f"客{i}", phone=f"1380000010{i}", purpose="promotion")
    set_language("en")
    try:
        [line] = open_items(core).lines()
    finally:
        set_language("zh_CN")
    assert line == ("Follow-up calls still to make today: 7 (客0, 客1, 客2, 客3, 客4 and 2 more)")
