"""A booking's life, the late auto-cancel (boundary, catch-up, running late, undo), and the
ticket handed to the register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from test_booking_book import DAY, Shop, build_shop

from salon_desk.booking.api import completed_unpaid, list_services, mark_paid_in
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return build_shop(core, owner)


def clock_of(shop: Shop) -> FixedClock:
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    return clock


def test_arrive_start_complete_then_the_register_rings_it_up(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    clock = clock_of(shop)
    clock.set(shop.at(10, 10))
    assert life.arrive(counter, row.id).status == "arrived"
    clock.set(shop.at(10, 15))
    assert life.start(counter, row.id).status == "in_service"
    assert completed_unpaid(shop.core.db, DAY) == []
    clock.set(shop.at(11, 15))
    done = life.complete(counter, row.id)
    assert done.status == "completed" and done.late_due_at is None
    tickets = completed_unpaid(shop.core.db, DAY)
    assert [(t.id, t.staff_id, t.requested, t.service_id, t.member_id) for t in tickets] == [
        (row.id, shop.staff["1"], True, shop.services["F01"].id, None)
    ]
    assert tickets[0].price.fen == 19800
    with shop.core.db.tx() as s:
        mark_paid_in(s, shop.core.clock, counter, booking_id=row.id, sale_ref="20261128-0001")
    assert completed_unpaid(shop.core.db, DAY) == []
    with pytest.raises(Conflict), shop.core.db.tx() as s:
        mark_paid_in(s, shop.core.clock, counter, booking_id=row.id, sale_ref="20261128-0002")
    assert BookingService(shop.core).get(row.id).sale_ref == "20261128-0001"
    kinds = [e.kind for e in BookingService(shop.core).history(row.id)]
    assert kinds == ["created", "arrived", "in_service", "completed", "paid"]


def test_only_a_completed_booking_is_paid(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    with pytest.raises(Conflict), shop.core.db.tx() as s:
        mark_paid_in(s, shop.core.clock, counter, booking_id=row.id, sale_ref="X-1")
    with pytest.raises(Invalid), shop.core.db.tx() as s:
        mark_paid_in(s, shop.core.clock, counter, booking_id=row.id, sale_ref=" ")


def test_list_services_in_a_session_or_on_the_database(shop: Shop) -> None:
    plain = list_services(shop.core.db)
    with shop.core.db.read() as s:
        assert list_services(s) == plain
    assert {r.code for r in plain} >= {"F01", "U01", "H01"}
    assert next(r for r in plain if r.code == "F01").price.fen == 19800


def test_auto_cancel_boundary(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    clock = clock_of(shop)
    assert life.next_due_at() == shop.at(10, 45)
    clock.set(shop.at(10, 44) + timedelta(seconds=59))  # 29 min 59 s late
    assert life.auto_cancel_due() == []
    clock.set(shop.at(10, 45))  # exactly 30 minutes: still booked
    assert life.auto_cancel_due() == []
    assert BookingService(shop.core).get(row.id).status == "booked"
    clock.set(shop.at(10, 45) + timedelta(seconds=1))  # 30 min 1 s late
    [cancelled] = life.auto_cancel_due()
    assert cancelled.id == row.id and cancelled.status == "auto_cancelled"
    assert life.next_due_at() is None
    entry = audit.entries(shop.core.db, action_prefix="booking.auto_cancel")[0]
    assert entry.object_id == str(row.id) and entry.staff_id is None
    # the beautician's time is free at once
    free = BookingService(shop.core).book(
        counter, shop.draft("1", 10, 45, guest_phone="13900001111")
    )
    assert free.staff_number == "1"
    # and arriving now is refused
    with pytest.raises(Conflict):
        life.arrive(counter, row.id)


def test_catch_up_at_start_up_cancels_everything_that_fell_due(shop: Shop, counter: Actor) -> None:
    service = BookingService(shop.core)
    rows = [
        service.book(counter, shop.draft(n, 10, 15, guest_phone=f"1380000000{n}"))
        for n in ("1", "2", "3")
    ]
    clock = clock_of(shop)
    clock.set(shop.at(10, 10))
    LifecycleService(shop.core).arrive(counter, rows[2].id)
    clock.set(shop.at(16))  # the app was closed all day
    cancelled = LifecycleService(shop.core).auto_cancel_due()
    assert sorted(r.id for r in cancelled) == sorted(r.id for r in rows[:2])
    assert service.get(rows[2].id).status == "arrived"


def test_running_late_extends_once(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    clock = clock_of(shop)
    clock.set(shop.at(10, 40))
    with pytest.raises(Invalid):
        life.running_late(counter, row.id, 0)
    extended = life.running_late(counter, row.id, 20)
    assert extended.late_due_at == shop.at(11, 5)
    with pytest.raises(Conflict):
        life.running_late(counter, row.id, 10)
    clock.set(shop.at(10, 50))
    assert life.auto_cancel_due() == []
    clock.set(shop.at(11, 5) + timedelta(seconds=1))
    assert [r.id for r in life.auto_cancel_due()] == [row.id]
    assert "running_late" in [e.kind for e in BookingService(shop.core).history(row.id)]


def test_undo_needs_the_permission_the_same_day_and_a_free_slot(
    shop: Shop, counter: Actor, manager: Actor
) -> None:
    service = BookingService(shop.core)
    life = LifecycleService(shop.core)
    row = service.book(counter, shop.draft("1", 10, 15))
    clock = clock_of(shop)
    clock.set(shop.at(10, 46))
    life.auto_cancel_due()
    with pytest.raises(Forbidden):
        life.undo_auto_cancel(counter, row.id)
    restored = life.undo_auto_cancel(manager, row.id, "顾客已到")
    assert restored.status == "booked" and restored.late_due_at is None
    clock.set(shop.at(17))
    assert life.auto_cancel_due() == []  # not cancelled a second time
    assert life.arrive(counter, row.id).status == "arrived"
    assert audit.entries(shop.core.db, action_prefix="booking.undo_auto_cancel")[0].staff_id == (
        manager.staff_id
    )


def test_undo_refused_when_the_slot_was_given_away(
    shop: Shop, counter: Actor, manager: Actor
) -> None:
    service = BookingService(shop.core)
    life = LifecycleService(shop.core)
    row = service.book(counter, shop.draft("1", 10, 15))
    clock_of(shop).set(shop.at(10, 46))
    life.auto_cancel_due()
    service.book(counter, shop.draft("1", 10, 45, guest_phone="13900001111"))
    with pytest.raises(Conflict):
        life.undo_auto_cancel(manager, row.id)
    assert service.get(row.id).status == "auto_cancelled"


def test_cancel_needs_a_reason_and_nothing_is_deleted(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    with pytest.raises(Invalid):
        life.cancel(counter, row.id, " ")
    cancelled = life.cancel(counter, row.id, "临时有事")
    assert cancelled.status == "cancelled" and cancelled.close_reason == "临时有事"
    with pytest.raises(Conflict):
        life.arrive(counter, row.id)
    with shop.core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Booking)) == 1


def test_no_show_only_after_the_start(shop: Shop, counter: Actor) -> None:
    row = BookingService(shop.core).book(counter, shop.draft("1", 10, 15))
    life = LifecycleService(shop.core)
    with pytest.raises(Conflict):
        life.no_show(counter, row.id)
    clock_of(shop).set(shop.at(10, 20))
    assert life.no_show(counter, row.id).status == "no_show"
