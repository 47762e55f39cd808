"""Two counters put the same person on the same day's call list at the same moment — one
by hand, one from the suggestions: she is on the list once, and the counter that lost is
told so (a Conflict, or skipped among the suggestions), never a database error."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from salon_desk.booking import follow_up_list
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.models import FollowUpCall
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

DAY = date(2026, 11, 28)


@pytest.fixture
def slow_audit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Widen the race: a counter that has written its call waits before committing, long
    enough for the other counter to look at the list and write its own."""
    real = follow_up_list.record

    def record(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.4)
        return real(*args, **kwargs)

    monkeypatch.setattr(follow_up_list, "record", record)
    yield


def race(*calls: Any) -> list[object]:
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:  # the test looks at what each counter got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def on_list(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(FollowUpCall)) or 0)


def test_two_counters_add_the_same_person_by_hand(
    core: Core, counter: Actor, manager: Actor, slow_audit: None
) -> None:
    calls = CallsService(core)

    def plan(actor: Actor) -> Any:
        return lambda: calls.plan(
            actor, due_day=DAY, name="李秀英", phone="13900011122", purpose="promotion"
        )

    results = race(plan(counter), plan(manager))
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "FollowUpRow"], results
    assert on_list(core) == 1


def test_a_call_by_hand_and_the_suggestions_at_the_same_moment(
    core: Core, owner: Actor, counter: Actor, manager: Actor, slow_audit: None
) -> None:
    MemberService(core).create(
        owner,
        MemberInput("刘芳", "13700001111", birthday=date(1990, 12, 1), marketing_ok=True),
    )
    calls = CallsService(core)
    results = race(
        lambda: calls.plan(
            counter, due_day=DAY, name="刘芳", phone="13700001111", purpose="satisfaction"
        ),
        lambda: calls.suggest(manager),
    )
    by_hand, suggested = results
    assert not isinstance(by_hand, Exception) or isinstance(by_hand, Conflict), by_hand
    assert isinstance(suggested, list), suggested
    assert (0 if isinstance(by_hand, Conflict) else 1) + len(suggested) == 1
    assert on_list(core) == 1
