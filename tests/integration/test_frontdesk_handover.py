"""Handover items carried from shift to shift, and search across the logs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.handover_service import HandoverService
from salon_desk.frontdesk.logs_service import LostPropertyService, VisitorService
from salon_desk.frontdesk.search_service import SearchService


def test_open_items_carry_over_until_closed(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    svc = HandoverService(core)
    a = svc.add(counter, "3号房空调漏水，已报修")
    b = svc.add(counter, "赵女士的套盒明天来取")
    with pytest.raises(Invalid):
        svc.add(counter, "   ")
    clock.advance(timedelta(days=1))  # the next shift still sees both
    assert [n.id for n in svc.notes()] == [a.id, b.id]
    closed = svc.close(manager, a.id, "师傅已修好")
    assert closed.closed_name == "李经理" and not closed.open
    with pytest.raises(Conflict):
        svc.close(counter, a.id)
    assert [n.id for n in svc.notes()] == [b.id]
    assert [n.id for n in svc.notes(open_only=False)] == [b.id, a.id]


def test_search_across_logs_by_text_and_day(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    VisitorService(core).sign_in(counter, name="赵女士", people=1, reason="取套盒")
    clock.advance(minutes=30)
    HandoverService(core).add(counter, "赵女士的套盒明天来取")
    clock.advance(timedelta(days=1))
    ComplaintService(core).register(
        counter, customer="赵女士", contact="", what="套盒少了一瓶", severity="medium"
    )
    LostPropertyService(core).record_found(
        counter, item="Umbrella 雨伞", place="门口", found_by="小陈", handed_to=manager.staff_id
    )
    search = SearchService(core)
    assert [h.kind for h in search.search(counter, "赵女士")] == [
        "complaint",
        "handover",
        "visitor",
    ]
    assert [h.kind for h in search.search(counter, "umbrella")] == ["lost"]
    day1 = date(2026, 11, 28)
    assert {h.kind for h in search.search(counter, "赵", first=day1, last=day1)} == {
        "visitor",
        "handover",
    }
    assert {h.kind for h in search.search(counter, first=date(2026, 11, 29))} == {
        "complaint",
        "lost",
    }
    assert search.search(counter, "100%") == []
    with pytest.raises(Invalid):
        search.search(counter, "")
    with pytest.raises(Invalid):
        search.search(counter, "赵", first=date(2026, 11, 29), last=day1)


def test_demo_fills_every_log(core: Core, owner: Actor) -> None:
    from salon_desk.frontdesk import demo
    from salon_desk.frontdesk.directory_service import DirectoryService

    demo.seed(core, owner)
    assert len(VisitorService(core).day()) == 2
    assert len(ComplaintService(core).open_complaints()) == 2
    assert len(LostPropertyService(core).items(unclaimed_only=True)) == 1
    assert len(DirectoryService(core).entries(owner)) == 7
    assert len(HandoverService(core).notes()) == 2
