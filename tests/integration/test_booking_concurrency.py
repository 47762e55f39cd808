"""Two counters book the same beautician for the same slot at the same moment: exactly one
booking is saved, the other counter is told the slot is taken (SQLite file and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from test_booking_book import Shop, build_shop

from salon_desk.booking import placing
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.models import Booking
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return build_shop(core, owner)


@pytest.fixture
def slow_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Widen the race: after a counter has found the slot free, it waits before writing,
    long enough for the other counter to look at the same slot if nothing holds it back."""
    real = placing.is_free
    seen: list[str] = []

    def is_free(*args: Any, **kwargs: Any) -> bool:
        free = real(*args, **kwargs)
        seen.append(threading.current_thread().name)
        time.sleep(0.4)
        return free

    monkeypatch.setattr(placing, "is_free", is_free)
    yield seen


def test_two_counters_cannot_both_take_one_slot(
    shop: Shop, counter: Actor, manager: Actor, slow_check: list[str]
) -> None:
    service = BookingService(shop.core)
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def book(name: str, actor: Actor, phone: str) -> None:
        start.wait()
        try:
            results[name] = service.book(
                actor, shop.draft("1", 11, guest_name=name, guest_phone=phone)
            )
        except Exception as exc:  # the test looks at what each counter got
            results[name] = exc

    threads = [
        threading.Thread(target=book, args=("甲", counter, "13800000001"), name="counter-a"),
        threading.Thread(target=book, args=("乙", manager, "13800000002"), name="counter-b"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["BookingRow", "Conflict"], results
    assert set(slow_check) == {"counter-a", "counter-b"}  # both really checked the slot
    with shop.core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Booking)) == 1
    loser = next(r for r in results.values() if isinstance(r, Conflict))
    assert loser.params["number"] == "1"
