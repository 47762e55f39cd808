"""Visitor log and lost property on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import error_text
from salon_desk.frontdesk.logs_service import LostPropertyService, VisitorService
from salon_desk.frontdesk.models import LostItem, Visitor


def _count(core: Core, model: type) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_visitor_signs_in_and_out(core: Core, counter: Actor, clock: FixedClock) -> None:
    svc = VisitorService(core)
    v = svc.sign_in(counter, name=" 张女士 ", people=2, reason="咨询祛斑项目", visiting="李经理")
    assert (v.name, v.people, v.inside, v.staff_name) == ("张女士", 2, True, "小陈")
    other = svc.sign_in(counter, name="快递员", people=1, reason="送货")
    clock.advance(minutes=40)
    out = svc.sign_out(counter, v.id)
    assert out.signed_out_at == clock.now() and not out.inside
    today = svc.day()
    assert [r.id for r in today] == [other.id, v.id]  # still inside first
    assert svc.day(clock.now().date() + timedelta(days=1)) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "  ", "people": 1, "reason": "咨询"},
        {"name": "张", "people": 0, "reason": "咨询"},
        {"name": "张", "people": 1, "reason": ""},
        {"name": "张" * 41, "people": 1, "reason": "咨询"},
        {"name": "张", "people": 1, "reason": "咨询", "phone": "abc"},
    ],
)
def test_bad_visitor_saves_nothing(core: Core, counter: Actor, fields: dict) -> None:
    with pytest.raises(Invalid) as err:
        VisitorService(core).sign_in(counter, **fields)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error_text(err.value))
    assert _count(core, Visitor) == 0


def test_sign_out_before_sign_in_or_twice_is_refused(
    core: Core, counter: Actor, clock: FixedClock
) -> None:
    svc = VisitorService(core)
    v = svc.sign_in(counter, name="王先生", people=1, reason="找人")
    with pytest.raises(Invalid) as err:
        svc.sign_out(counter, v.id, at=clock.now() - timedelta(minutes=5))
    assert error_text(err.value) == "离开时间不能早于到达时间。"
    assert svc.day()[0].inside
    with pytest.raises(Invalid):
        svc.sign_out(counter, v.id, at=clock.now() + timedelta(minutes=5))
    svc.sign_out(counter, v.id)
    with pytest.raises(Conflict):
        svc.sign_out(counter, v.id)


def test_lost_item_found_and_claimed_once(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    svc = LostPropertyService(core)
    found = svc.record_found(
        counter,
        item="黑色雨伞",
        place="3号美容房",
        found_by="小美",
        handed_to=manager.staff_id,
        found_at=clock.now() - timedelta(hours=1),
    )
    assert found.handed_name == "李经理" and not found.claimed
    assert [i.id for i in svc.items(unclaimed_only=True)] == [found.id]
    claimed = svc.claim(counter, found.id, claimed_by="赵女士", contact="13800138000")
    assert claimed.claimed and claimed.claimed_at == clock.now()
    assert svc.items(unclaimed_only=True) == []
    with pytest.raises(Conflict) as err:
        svc.claim(counter, found.id, claimed_by="钱女士", contact="13900139000")
    assert "赵女士" in error_text(err.value)
    assert svc.items()[0].claimed_by == "赵女士"
    actions = [e.action for e in entries(core.db, object_type="lost_item")]
    assert actions == ["lost.claimed", "lost.found"]


def test_lost_item_needs_a_manager_and_the_fields(
    core: Core, counter: Actor, manager: Actor, clock: FixedClock
) -> None:
    svc = LostPropertyService(core)
    ok = {"item": "耳环", "place": "前台", "found_by": "小陈", "handed_to": manager.staff_id}
    for bad in (
        {"handed_to": counter.staff_id},
        {"handed_to": None},
        {"item": ""},
        {"place": " "},
        {"found_at": clock.now() + timedelta(hours=1)},
    ):
        with pytest.raises(Invalid):
            svc.record_found(counter, **{**ok, **bad})
    assert _count(core, LostItem) == 0
    item = svc.record_found(counter, **ok)
    with pytest.raises(Invalid):
        svc.claim(counter, item.id, claimed_by="", contact="138")
    assert not svc.items()[0].claimed
