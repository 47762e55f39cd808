"""Booking: the phone sheet, double-booking refused with suggestions, book anyway,
rotation (点钟/轮钟), and bad input that saves nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.models import Booking, BookingEvent
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import ServiceRow
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import local_datetime
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid

DAY = date(2026, 11, 28)


@dataclass
class Shop:
    core: Core
    staff: dict[str, int]
    services: dict[str, ServiceRow]

    def at(self, hour: int, minute: int = 0, day: date = DAY) -> datetime:
        return local_datetime(day, time(hour, minute), self.core.settings.tz())

    def draft(
        self, number: str | None, hour: int, minute: int = 0, day: date = DAY, **kw: object
    ) -> BookingDraft:
        values: dict[str, object] = {
            "guest_name": "张三",
            "guest_phone": "13812345678",
            "service_ids": (self.services["F01"].id,),
            "starts_at": self.at(hour, minute, day),
            "staff_id": self.staff[number] if number else None,
            "source": "phone",
        }
        values.update(kw)
        return BookingDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return build_shop(core, owner)


def build_shop(core: Core, owner: Actor) -> Shop:
    """Beauticians 1–3 on 9:00–18:00 with a break 12:00–13:00, 4号 on 12:00–21:00."""
    staff = demo.add_beauticians(core, owner, count=4)
    services = demo.add_catalogue(core, owner, staff)
    roster = RosterService(core)
    for number, staff_id in staff.items():
        if number == "4":
            roster.set_shift(owner, staff_id, DAY, time(12), time(21))
        else:
            roster.set_shift(owner, staff_id, DAY, time(9), time(18), time(12), time(13))
    return Shop(core, staff, services)


def count(core: Core, table: type) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_book_by_number_records_everything(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    draft = shop.draft("2", 10, 15, service_ids=(shop.services["F01"].id, shop.services["F03"].id))
    row = service.book(counter, draft)
    assert row.staff_number == "2" and row.requested
    assert row.ends_at - row.starts_at == timedelta(minutes=105)
    assert row.price.fen == 19800 + 15800
    assert row.status == "booked"
    assert row.late_due_at == shop.at(10, 45)
    assert row.number == "20261128-0001"
    assert [e.kind for e in service.history(row.id)] == ["created"]
    assert audit.entries(shop.core.db, object_type="booking", object_id=row.id)[0].action == (
        "booking.create"
    )
    assert [b.id for b in service.day(DAY)] == [row.id]


def test_double_booking_is_refused_with_the_nearest_free_times(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    service.book(counter, shop.draft("1", 10, 30))
    before = count(shop.core, Booking)
    with pytest.raises(Conflict) as err:
        service.book(counter, shop.draft("1", 11, guest_name="李四", guest_phone="13900001111"))
    assert count(shop.core, Booking) == before
    params = err.value.params
    # 1号 is busy 10:30–11:30 and on a break 12:00–13:00: a 60-minute facial fits at 13:00
    # or 9:00 earlier... but the clock says 10:00, so the past is not offered.
    assert [t.astimezone(shop.core.settings.tz()).strftime("%H:%M") for t in params["slots"]] == [
        "13:00",
        "13:15",
        "13:30",
    ]
    assert set(params["free_staff"]) == {shop.staff["2"], shop.staff["3"]}
    assert "1" in params["name"] or params["number"] == "1"


def test_book_anyway_needs_a_manager_and_a_reason_and_is_audited(
    shop: Shop, counter: Actor, manager: Actor
) -> None:
    service = BookingService(shop.core)
    service.book(counter, shop.draft("1", 11))
    other = {"guest_name": "李四", "guest_phone": "13900001111"}
    with pytest.raises(Forbidden):
        service.book(counter, shop.draft("1", 11, anyway_reason="老顾客", **other))
    with pytest.raises(Invalid):
        service.book(manager, shop.draft("1", 11, anyway_reason="  ", **other))
    row = service.book(manager, shop.draft("1", 11, anyway_reason="老顾客坚持", **other))
    assert row.overbooked
    entries = audit.entries(shop.core.db, action_prefix="booking.overbook")
    assert entries[0].reason == "老顾客坚持" and entries[0].staff_id == manager.staff_id


def test_next_in_turn_follows_the_rotation_and_skips_the_busy(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    RosterService(shop.core).set_first(counter, DAY, shop.staff["2"])
    # 点钟 for 3号 does not use a turn
    service.book(counter, shop.draft("3", 10, 30, guest_name="丁", guest_phone="13800000004"))
    first = service.book(counter, shop.draft(None, 10, 30, guest_phone="13800000001"))
    second = service.book(counter, shop.draft(None, 10, 30, guest_phone="13800000002"))
    # 2号 is first; 3号 is busy with her 点钟; 4号 starts only at 12:00; so 1号
    assert (first.staff_number, first.requested) == ("2", False)
    assert second.staff_number == "1"
    # at 14:00 everyone is free: the turn continues after 1号, so 2号 again
    third = service.book(counter, shop.draft(None, 14, guest_phone="13800000003"))
    assert third.staff_number == "2"
    assert (
        BookingService(shop.core).next_in_turn(DAY, shop.at(14), [shop.services["F01"].id])
        == (shop.staff["3"])
    )


def test_nobody_free_in_turn_is_a_clear_conflict(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    for i, number in enumerate(("1", "2", "3")):
        service.book(counter, shop.draft(number, 10, 30, guest_phone=f"1380000000{i}"))
    before = count(shop.core, Booking)
    with pytest.raises(Conflict):
        service.book(counter, shop.draft(None, 10, 30, guest_phone="13800000009"))
    assert count(shop.core, Booking) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "outside"}, "starts_at"),  # 20:30 + 60 min ends after closing
        ({"staff": "4", "hour": 10}, "starts_at"),  # 4号 starts at 12:00
        ({"hour": 12}, "starts_at"),  # 1号's break
        ({"service": "U01"}, "staff_id"),  # bust care: only 2号 and 5号
        ({"hour": 9}, None),  # in the past for a counter (needs back-dating)
        ({"guest_phone": ""}, "phone"),
        ({"guest_phone": "12345"}, "phone"),
        ({"guest_name": " "}, "guest_name"),
        ({"service_ids": ()}, "service_ids"),
        ({"source": "email"}, "source"),
    ],
)
def test_bad_input_saves_nothing(
    shop: Shop, counter: Actor, change: dict[str, object], field: str | None
) -> None:
    kw: dict[str, object] = {}
    number = str(change.get("staff", "1"))
    hour = int(change.get("hour", 11))  # type: ignore[call-overload]
    if "service" in change:
        kw["service_ids"] = (shop.services[str(change["service"])].id,)
    for key in ("guest_phone", "guest_name", "service_ids", "source"):
        if key in change:
            kw[key] = change[key]
    if change.get("starts_at") == "outside":
        kw["starts_at"] = shop.at(20, 30)
        number = "4"
    events, bookings = count(shop.core, BookingEvent), count(shop.core, Booking)
    with pytest.raises((Invalid, Forbidden)) as err:
        BookingService(shop.core).book(counter, shop.draft(number, hour, **kw))
    if field is None:
        assert isinstance(err.value, Forbidden)
    else:
        assert isinstance(err.value, Invalid) and err.value.field == field
    assert (count(shop.core, BookingEvent), count(shop.core, Booking)) == (events, bookings)


def test_the_same_member_cannot_be_booked_twice_at_once(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    service.book(counter, shop.draft("1", 11))
    with pytest.raises(Conflict):
        service.book(counter, shop.draft("2", 11, 30, guest_phone="138 1234 5678"))
    assert count(shop.core, Booking) == 1


def test_back_dating_is_allowed_to_a_manager(shop: Shop, manager: Actor) -> None:
    row = BookingService(shop.core).book(manager, shop.draft("1", 9))
    assert row.starts_at == shop.at(9)


def test_move_refuses_an_overlap_and_moves_when_free(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    a = service.book(counter, shop.draft("1", 11))
    b = service.book(counter, shop.draft("2", 14, guest_phone="13900001111", guest_name="李四"))
    with pytest.raises(Conflict):
        service.move(counter, b.id, staff_id=shop.staff["1"], starts_at=shop.at(10, 30))
    assert service.get(b.id).starts_at == shop.at(14)
    moved = service.move(counter, b.id, staff_id=shop.staff["1"], starts_at=shop.at(14, 15))
    assert (moved.staff_number, moved.starts_at) == ("1", shop.at(14, 15))
    assert [e.kind for e in service.history(b.id)] == ["created", "moved"]
    assert service.get(a.id).starts_at == shop.at(11)


def test_move_refuses_a_time_when_she_is_booked_elsewhere(
    shop: Shop, counter: Actor, manager: Actor
) -> None:
    """The same member cannot be at two beauticians at once: a move is refused as a new
    booking is, even over a manager's "book anyway"."""
    service = BookingService(shop.core)
    service.book(counter, shop.draft("1", 11))
    later = service.book(counter, shop.draft("2", 14))  # 张三 again, later that day
    for reason in (None, "她坚持"):
        with pytest.raises(Conflict) as refused:
            service.move(
                manager if reason else counter,
                later.id,
                staff_id=shop.staff["3"],
                starts_at=shop.at(10, 30),
                anyway_reason=reason,
            )
        assert refused.value.params.get("name") == "张三"
    assert service.get(later.id).starts_at == shop.at(14)
    moved = service.move(counter, later.id, staff_id=shop.staff["3"], starts_at=shop.at(15))
    assert (moved.staff_number, moved.starts_at) == ("3", shop.at(15))
