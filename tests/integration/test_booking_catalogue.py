"""The price list (项目), the duty roster (值班表) and the walk-in queue."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select
from test_booking_book import DAY, Shop, build_shop

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.models import RosterShift, ServiceItem, WalkIn
from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return build_shop(core, owner)


def draft(**kw: object) -> ServiceDraft:
    values: dict[str, object] = {
        "code": "f09",
        "name_zh": "玻尿酸补水",
        "name_en": "Hyaluronic hydration",
        "category": "facial",
        "duration_min": 60,
        "price": Money.yuan(288),
    }
    values.update(kw)
    return ServiceDraft(**values)  # type: ignore[arg-type]


def rows(core: Core, table: type) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_manager_edits_the_price_list_and_it_is_audited(shop: Shop, manager: Actor) -> None:
    catalogue = CatalogueService(shop.core)
    row = catalogue.create(manager, draft(staff_ids=(shop.staff["2"],)))
    assert (row.code, row.price, row.staff_ids) == ("F09", Money(28800), (shop.staff["2"],))
    changed = catalogue.update(manager, row.id, draft(price=Money.yuan(268), staff_ids=()))
    assert changed.price == Money(26800) and changed.staff_ids == ()
    catalogue.set_active(manager, row.id, False)
    assert "F09" not in {r.code for r in catalogue.list()}
    assert "F09" in {r.code for r in catalogue.list(active_only=False)}
    actions = [e.action for e in audit.entries(shop.core.db, object_type="service_item")]
    assert actions[:3] == ["service.active", "service.update", "service.create"]
    before = audit.entries(shop.core.db, action_prefix="service.update")[0].before
    assert before is not None and before["price_fen"] == 28800


def test_counter_staff_may_not_edit_prices(shop: Shop, counter: Actor) -> None:
    before = rows(shop.core, ServiceItem)
    with pytest.raises(Forbidden):
        CatalogueService(shop.core).create(counter, draft())
    assert rows(shop.core, ServiceItem) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "F 1"}, "code"),
        ({"name_zh": " "}, "name_zh"),
        ({"category": "nails"}, "category"),
        ({"duration_min": 0}, "duration_min"),
        ({"duration_min": 50}, "duration_min"),
        ({"price": Money(-1)}, "price"),
    ],
)
def test_bad_service_input_saves_nothing(
    shop: Shop, manager: Actor, change: dict[str, object], field: str
) -> None:
    before = rows(shop.core, ServiceItem)
    with pytest.raises(Invalid) as err:
        CatalogueService(shop.core).create(manager, draft(**change))
    assert err.value.field == field
    assert rows(shop.core, ServiceItem) == before


def test_duplicate_code_and_non_beautician_refused(shop: Shop, manager: Actor) -> None:
    catalogue = CatalogueService(shop.core)
    with pytest.raises(Conflict):
        catalogue.create(manager, draft(code="F01"))
    with pytest.raises(Invalid):
        catalogue.create(manager, draft(staff_ids=(manager.staff_id,)))


def test_roster_validation_and_bookings_outside_a_new_shift(shop: Shop, counter: Actor) -> None:
    roster = RosterService(shop.core)
    one = shop.staff["1"]
    before = rows(shop.core, RosterShift)
    with pytest.raises(Invalid):
        roster.set_shift(counter, one, DAY, time(18), time(10))
    with pytest.raises(Invalid):
        roster.set_shift(counter, one, DAY, time(8), time(12))  # opens at 9:00
    with pytest.raises(Invalid):
        roster.set_shift(counter, one, DAY, time(9), time(18), time(8), time(9))
    with pytest.raises(Forbidden):
        roster.set_shift(counter, one, date(2026, 11, 27), time(9), time(18))
    assert rows(shop.core, RosterShift) == before
    BookingService(shop.core).book(counter, shop.draft("1", 16))
    with pytest.raises(Conflict):
        roster.set_shift(counter, one, DAY, time(9), time(15))
    with pytest.raises(Conflict):
        roster.set_day_off(counter, one, DAY)
    off = roster.set_day_off(counter, shop.staff["3"], DAY)
    assert off.day_off
    assert shop.staff["3"] not in {r.staff_id for r in roster.on_duty(DAY)}


def test_first_beautician_sets_the_rotation(shop: Shop, counter: Actor) -> None:
    roster = RosterService(shop.core)
    duty = roster.set_first(counter, DAY, shop.staff["3"])
    assert [d.number for d in duty] == ["3", "4", "1", "2"]
    assert duty[0].next_in_turn
    roster.set_day_off(counter, shop.staff["2"], DAY)
    with pytest.raises(Invalid):
        roster.set_first(counter, DAY, shop.staff["2"])
    assert roster.first_of(DAY) == shop.staff["3"]


def test_walk_in_is_offered_the_next_free_beautician_in_turn(shop: Shop, counter: Actor) -> None:
    queue = QueueService(shop.core)
    RosterService(shop.core).set_first(counter, DAY, shop.staff["2"])
    BookingService(shop.core).book(counter, shop.draft("2", 10))  # 2号 busy 10:00–11:00
    w = queue.add(counter, name="路人甲", phone="", service_id=shop.services["B01"].id)
    assert [r.id for r in queue.waiting()] == [w.id]
    offer = queue.offer(w.id)
    assert offer is not None and offer.number == "3"
    seated = queue.seat(counter, w.id)
    assert (seated.staff_number, seated.requested, seated.source) == ("3", False, "walk_in")
    assert queue.waiting() == []
    with pytest.raises(NotFound):  # no longer waiting
        queue.seat(counter, w.id)
    other = queue.add(
        counter, name="路人乙", phone="13800000009", service_id=shop.services["B01"].id
    )
    queue.leave(counter, other.id)
    with shop.core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(WalkIn)) == 2


def test_walk_in_bad_phone_saves_nothing(shop: Shop, counter: Actor) -> None:
    with pytest.raises(Invalid):
        QueueService(shop.core).add(counter, name="路人", phone="123", service_id=1)
    assert rows(shop.core, WalkIn) == 0
