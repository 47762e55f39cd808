"""Staff, PINs and permissions: checked in the service, recorded in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Perm, Role, check_pin, hash_pin
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, Locked, NotFound
from salon_desk.core.i18n import error_text
from salon_desk.core.models import Staff


def staff_count(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Staff)) or 0)


def test_pins_are_stored_as_slow_salted_hashes(core: Core, owner: Actor) -> None:
    with core.db.read() as s:
        stored = s.scalars(select(Staff.pin_hash)).one()
    assert "8888" not in stored and stored.startswith("scrypt$")
    assert check_pin("8888", stored) and not check_pin("8889", stored)
    assert hash_pin("8888") != hash_pin("8888")  # salted


def test_first_start_creates_the_owner_once(core: Core) -> None:
    assert not core.auth.has_staff()
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    assert owner.role == Role.OWNER and core.auth.has_staff()
    with pytest.raises(Conflict):
        core.auth.create_owner(name="冒充者", number="1", pin="1111")
    assert staff_count(core) == 1
    assert audit.entries(core.db, action_prefix="staff.create")[0].after == {
        "number": "8888",
        "name": "王店长",
        "role": "owner",
        "active": True,
    }


def test_sign_in_with_the_right_pin(core: Core, owner: Actor, counter: Actor) -> None:
    actor = core.auth.sign_in("101", "1234")
    assert actor == counter
    with pytest.raises(Invalid) as info:
        core.auth.sign_in("101", "9999")
    assert error_text(info.value) == "密码错误。"
    with pytest.raises(NotFound):
        core.auth.sign_in("404", "1234")


def test_five_wrong_pins_lock_the_account_for_one_minute(
    core: Core, owner: Actor, counter: Actor, clock: FixedClock
) -> None:
    for _ in range(4):
        with pytest.raises(Invalid):
            core.auth.sign_in("101", "0000")
    with pytest.raises(Locked):
        core.auth.sign_in("101", "0000")
    # Locked: even the right PIN is refused, and the message says how long.
    clock.advance(seconds=30)
    with pytest.raises(Locked) as info:
        core.auth.sign_in("101", "1234")
    assert info.value.params == {"seconds": 31}
    assert "31" in error_text(info.value)
    assert core.auth.get(counter.staff_id).locked
    # Other staff are not affected.
    assert core.auth.sign_in("8888", "8888") == owner
    clock.advance(seconds=31)
    assert not core.auth.get(counter.staff_id).locked
    assert core.auth.sign_in("101", "1234") == counter
    assert audit.entries(core.db, action_prefix="staff.locked")[0].object_id == str(
        counter.staff_id
    )


def test_a_right_pin_resets_the_count_of_wrong_ones(
    core: Core, owner: Actor, counter: Actor
) -> None:
    for _ in range(4):
        with pytest.raises(Invalid):
            core.auth.sign_in("101", "0000")
    core.auth.sign_in("101", "1234")
    for _ in range(4):
        with pytest.raises(Invalid):
            core.auth.sign_in("101", "0000")
    assert core.auth.sign_in("101", "1234") == counter


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "", " 1234", "１２３４"])
def test_a_pin_that_is_not_4_to_6_digits_is_refused_and_nothing_saved(
    core: Core, owner: Actor, pin: str
) -> None:
    with pytest.raises(Invalid) as info:
        core.auth.create_staff(owner, name="小周", number="102", pin=pin, role=Role.COUNTER)
    assert info.value.field == "pin"
    assert error_text(info.value) == "密码为 4 到 6 位数字。"
    assert staff_count(core) == 1


def test_a_duplicate_staff_number_is_refused_and_nothing_saved(
    core: Core, owner: Actor, counter: Actor
) -> None:
    entries = len(audit.entries(core.db))
    with pytest.raises(Conflict) as info:
        core.auth.create_staff(owner, name="小周", number="101", pin="2222", role=Role.COUNTER)
    assert error_text(info.value) == "工号 101 已被占用。"
    assert staff_count(core) == 2
    assert len(audit.entries(core.db)) == entries


@pytest.mark.parametrize(
    ("name", "number"),
    [("", "102"), ("   ", "102"), ("小周", ""), ("小周", "1 2"), ("x" * 41, "7")],
)
def test_bad_names_and_numbers_are_refused(
    core: Core, owner: Actor, name: str, number: str
) -> None:
    with pytest.raises(Invalid):
        core.auth.create_staff(owner, name=name, number=number, pin="2222", role=Role.COUNTER)
    assert staff_count(core) == 1


def test_only_managers_manage_staff(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    with pytest.raises(Forbidden) as info:
        core.auth.create_staff(counter, name="小周", number="102", pin="2222", role=Role.COUNTER)
    assert error_text(info.value) == "此操作需要经理授权：员工管理"
    with pytest.raises(Forbidden):
        core.auth.set_active(counter, manager.staff_id, False)
    with pytest.raises(Forbidden):
        core.auth.change_pin(counter, manager.staff_id, "5555")
    with pytest.raises(Forbidden):
        core.auth.create_staff(manager, name="二店长", number="7777", pin="7777", role=Role.OWNER)
    row = core.auth.create_staff(
        manager, name="小周", number="102", pin="2222", role=Role.BEAUTICIAN
    )
    assert row.role == Role.BEAUTICIAN and row.active


def test_deactivated_staff_cannot_sign_in_and_a_reset_pin_works(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    core.auth.change_pin(counter, counter.staff_id, "4321")  # one's own PIN
    assert core.auth.sign_in("101", "4321") == counter
    core.auth.change_pin(manager, counter.staff_id, "2468")
    assert core.auth.sign_in("101", "2468") == counter
    core.auth.set_active(manager, counter.staff_id, False)
    with pytest.raises(NotFound):
        core.auth.sign_in("101", "2468")
    assert [r.number for r in core.auth.list_staff()] == ["8888", "9001"]
    assert len(core.auth.list_staff(active_only=False)) == 3
    actions = [e.action for e in audit.entries(core.db, object_id=counter.staff_id)]
    assert actions[:3] == ["staff.active", "staff.pin", "staff.pin"]


def test_a_manager_authorises_one_action_with_a_pin(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    assert not counter.can(Perm.REFUND)
    grant = core.auth.authorise("9001", "1234", Perm.REFUND)
    assert grant.manager_id == manager.staff_id and grant.perm == Perm.REFUND
    allowed = counter.with_grant(grant)
    assert allowed.can(Perm.REFUND) and not allowed.can(Perm.VOID)
    assert allowed.authorised_by == manager.staff_id
    with pytest.raises(Forbidden):
        core.auth.authorise("101", "1234", Perm.REFUND)  # counter staff cannot authorise
    with pytest.raises(Forbidden):
        core.auth.authorise("9001", "1234", Perm.RESTORE)  # only the owner restores
    with pytest.raises(Invalid):
        core.auth.authorise("9001", "0000", Perm.REFUND)


def test_roles_change_with_the_permission_and_are_audited(
    core: Core, owner: Actor, manager: Actor, counter: Actor
) -> None:
    row = core.auth.set_role(manager, counter.staff_id, Role.BEAUTICIAN)
    assert row.role == Role.BEAUTICIAN
    assert core.auth.sign_in("101", "1234").role == Role.BEAUTICIAN
    entry = audit.entries(core.db, action_prefix="staff.role")[0]
    assert entry.before is not None and entry.before["role"] == "counter"
    assert entry.after is not None and entry.after["role"] == "beautician"
    with pytest.raises(Forbidden):
        core.auth.set_role(counter, manager.staff_id, Role.COUNTER)  # no permission
    with pytest.raises(Forbidden):
        core.auth.set_role(manager, manager.staff_id, Role.OWNER)  # not one's own
    with pytest.raises(Forbidden):
        core.auth.set_role(manager, owner.staff_id, Role.MANAGER)  # only the owner
    with pytest.raises(Forbidden):
        core.auth.set_role(manager, counter.staff_id, Role.OWNER)
    assert core.auth.set_role(owner, manager.staff_id, Role.OWNER).role == Role.OWNER
    assert len(audit.entries(core.db, action_prefix="staff.role")) == 2
