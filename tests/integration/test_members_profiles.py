"""Member profiles: create with checks, one member per phone, updates, levels."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid
from salon_desk.core.models import AuditEntry
from salon_desk.members.models import Member, MemberSearchKey
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


def count(core: Core, table: type) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_a_new_member_gets_a_number_pinyin_and_is_audited(core: Core, counter: Actor) -> None:
    svc = MemberService(core)
    m = svc.create(
        counter,
        MemberInput(name="张三", phone="138 1234 5678", gender="F", birthday=date(1990, 3, 8)),
    )
    assert (m.number, m.phone, m.pinyin, m.initials) == ("000001", "13812345678", "zhangsan", "zs")
    second = svc.create(counter, MemberInput(name="李四", phone="13912345678"))
    assert second.number == "000002"
    assert svc.get(m.id) == m
    entries = audit.entries(core.db, object_type="member", object_id=m.id)
    assert [e.action for e in entries] == ["member.create"]


def test_a_phone_already_on_file_points_to_the_existing_member(core: Core, counter: Actor) -> None:
    svc = MemberService(core)
    first = svc.create(counter, MemberInput(name="张三", phone="13812345678"))
    with pytest.raises(Conflict) as err:
        svc.create(counter, MemberInput(name="张三三", phone="138-1234-5678"))
    assert err.value.params["member_id"] == first.id
    assert err.value.params["number"] == first.number
    assert count(core, Member) == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (MemberInput(name="王五", phone="1381234567x"), "phone"),
        (MemberInput(name="王五", phone="1381234567"), "phone"),
        (MemberInput(name="", phone="13812345678"), "name"),
        (MemberInput(name="王五", phone="13812345678", birthday=date(2027, 1, 1)), "birthday"),
        (MemberInput(name="王五", phone="13812345678", gender="X"), "gender"),
        (MemberInput(name="王五", phone="13812345678", tier_id=999), "tier_id"),
        (MemberInput(name="王五", phone="13812345678", notes="长" * 501), "notes"),
        (MemberInput(name="王五", phone="13812345678", number="12 34"), "number"),
    ],
)
def test_bad_input_saves_nothing(core: Core, counter: Actor, data: MemberInput, field: str) -> None:
    before = len(audit.entries(core.db))
    with pytest.raises(Invalid) as err:
        MemberService(core).create(counter, data)
    assert err.value.field == field
    assert count(core, Member) == 0 and count(core, MemberSearchKey) == 0
    assert len(audit.entries(core.db)) == before


def test_a_number_from_a_paper_card_is_kept_and_skipped_later(core: Core, counter: Actor) -> None:
    svc = MemberService(core)
    kept = svc.create(counter, MemberInput(name="赵六", phone="13700000001", number="000001"))
    assert kept.number == "000001"
    assert svc.create(counter, MemberInput(name="钱七", phone="13700000002")).number == "000002"
    with pytest.raises(Conflict):
        svc.create(counter, MemberInput(name="孙八", phone="13700000003", number="000001"))


def test_update_changes_the_keys_and_records_before_and_after(core: Core, counter: Actor) -> None:
    svc = MemberService(core)
    m = svc.create(counter, MemberInput(name="张三", phone="13812345678"))
    other = svc.create(counter, MemberInput(name="李四", phone="13912345678"))
    with pytest.raises(Conflict):
        svc.update(counter, m.id, MemberInput(name="张三", phone="13912345678"))
    changed = svc.update(counter, m.id, MemberInput(name="张珊", phone="13812340000"))
    assert (changed.name, changed.phone, changed.initials) == ("张珊", "13812340000", "zs")
    assert [r.id for r in svc.search("5678")] == [other.id]
    assert [r.id for r in svc.search("12340000")] == [m.id]
    last = audit.entries(core.db, object_type="member", object_id=m.id)[0]
    assert last.action == "member.update"
    assert last.before is None  # the log names the fields, never a member's personal data
    assert last.after == {"fields": ["name", "phone"]}


def test_levels_need_a_manager_and_give_their_discount(
    core: Core, counter: Actor, manager: Actor
) -> None:
    svc = MemberService(core)
    with pytest.raises(Forbidden):
        svc.save_tier(counter, name="白金", discount_bp=1500)
    gold = svc.save_tier(manager, name="白金", discount_bp=1500)
    with pytest.raises(Conflict):
        svc.save_tier(manager, name="白金", discount_bp=1000)
    with pytest.raises(Invalid):
        svc.save_tier(manager, name="钻石", discount_bp=10_001)
    zhang = MemberInput(name="张三", phone="13812345678", tier_id=gold.id)
    with pytest.raises(Forbidden) as refused:  # a higher level is a discount on every visit
        svc.create(counter, zhang)
    assert refused.value.permission == Perm.MEMBER_LEVEL
    assert svc.search("13812345678") == []
    granted = counter.with_grant(Grant(manager.staff_id, manager.name, Perm.MEMBER_LEVEL))
    m = svc.create(granted, zhang)
    assert (m.tier_name, m.tier_bp) == ("白金", 1500)
    assert [t.name for t in svc.tiers()] == ["白金"]
    silver = svc.save_tier(manager, name="银卡", discount_bp=500)
    lower = svc.update(counter, m.id, replace(zhang, tier_id=silver.id))  # lower: no manager
    assert lower.tier_name == "银卡"
    with pytest.raises(Forbidden):
        svc.update(counter, m.id, zhang)
    assert svc.get(m.id).tier_name == "银卡"
    assert svc.update(manager, m.id, zhang).tier_name == "白金"
    with core.db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "member.update" and last.after is not None
        assert last.after["tier"] == [silver.id, gold.id]


def test_birthdays_this_month(core: Core, counter: Actor) -> None:
    svc = MemberService(core)
    svc.create(counter, MemberInput(name="甲", phone="13700000001", birthday=date(1990, 11, 20)))
    svc.create(counter, MemberInput(name="乙", phone="13700000002", birthday=date(1985, 11, 2)))
    svc.create(counter, MemberInput(name="丙", phone="13700000003", birthday=date(1985, 12, 2)))
    assert [m.name for m in svc.birthdays(11)] == ["乙", "甲"]


def test_counter_staff_add_members_and_a_beautician_needs_a_manager(
    core: Core, owner: Actor, counter: Actor
) -> None:
    svc = MemberService(core)
    row = core.auth.create_staff(owner, name="小美", number="3", pin="1234", role=Role.BEAUTICIAN)
    beautician = Actor(row.id, row.number, row.name, row.role)
    data = MemberInput(name="周洁", phone="13800000006")
    with pytest.raises(Forbidden) as caught:
        svc.create(beautician, data)
    assert caught.value.permission == Perm.MEMBER_EDIT
    assert svc.by_phone("13800000006") is None
    added = svc.create(counter, data)
    with pytest.raises(Forbidden):
        svc.update(beautician, added.id, MemberInput(name="周洁", phone="13800000007"))
    assert svc.get(added.id).phone == "13800000006"
    grant = Grant(owner.staff_id, owner.name, Perm.MEMBER_EDIT)
    changed = svc.update(beautician.with_grant(grant), added.id, MemberInput("周洁", "13800000007"))
    assert changed.phone == "13800000007"
