"""Phone directory: confidential lines are hidden from counter staff in the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Invalid
from salon_desk.frontdesk.directory_service import DirectoryService
from salon_desk.frontdesk.models import DirectoryEntry
from salon_desk.frontdesk.search_service import SearchService


def test_confidential_lines_are_for_managers_only(
    core: Core, counter: Actor, manager: Actor
) -> None:
    svc = DirectoryService(core)
    svc.add(counter, name="美容仪器维修", category="service", phone="400-820-1234")
    secret = svc.add(
        manager, name="王店长手机", category="staff", phone="139 0000 8888", confidential=True
    )
    assert [e.name for e in svc.entries(counter)] == ["美容仪器维修"]
    assert {e.name for e in svc.entries(manager)} == {"美容仪器维修", "王店长手机"}
    assert svc.entries(counter, text="8888") == []
    assert SearchService(core).search(counter, "王店长") == []
    assert [h.id for h in SearchService(core).search(manager, "王店长")] == [secret.id]
    with pytest.raises(Forbidden):
        svc.add(counter, name="李经理", category="staff", phone="13800000000", confidential=True)
    with pytest.raises(Forbidden):
        svc.update(counter, secret.id, name="改", category="staff", phone="110")
    with pytest.raises(Forbidden):
        svc.remove(counter, secret.id)
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(DirectoryEntry)) == 2
    assert [e.action for e in entries(core.db, object_type="directory")] == [
        "directory.added",
        "directory.added",
    ]


def test_change_and_remove_are_audited(core: Core, counter: Actor) -> None:
    svc = DirectoryService(core)
    e = svc.add(counter, name="欧莱雅供货", category="supplier", phone="021-12345678")
    changed = svc.update(
        counter, e.id, name="欧莱雅供货 张经理", category="supplier", phone="021-12345679"
    )
    assert changed.phone == "021-12345679"
    with pytest.raises(Invalid):
        svc.update(counter, e.id, name="", category="supplier", phone="021")
    with pytest.raises(Invalid):
        svc.add(counter, name="x", category="friends", phone="12345")
    svc.remove(counter, e.id)
    assert svc.entries(counter) == []
    log = entries(core.db, object_type="directory")
    assert [x.action for x in log] == ["directory.removed", "directory.changed", "directory.added"]
    assert log[1].before is not None and log[1].before["phone"] == "021-12345678"


def test_review_reminder_after_a_month(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    svc = DirectoryService(core)
    assert svc.review_state().due
    with pytest.raises(Forbidden):
        svc.mark_reviewed(counter)
    state = svc.mark_reviewed(manager)
    assert not state.due and state.reviewer == "李经理"
    clock.advance(timedelta(days=29))
    assert not svc.review_state().due
    clock.advance(timedelta(days=1))
    assert svc.review_state().due
