"""Treatment records: a visit's measurements, corrections as new entries, the series."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid
from salon_desk.members.record_models import TreatmentMeasure, TreatmentRecord
from salon_desk.members.record_service import RecordService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

TODAY = date(2026, 11, 28)


def saved(core: Core) -> tuple[int, int]:
    with core.db.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(TreatmentRecord)) or 0),
            int(s.scalar(select(func.count()).select_from(TreatmentMeasure)) or 0),
        )


def test_slimming_visits_make_a_series(
    core: Core, owner: Actor, counter: Actor, clock: FixedClock
) -> None:
    member = MemberService(core).create(counter, MemberInput(name="张三", phone="13812345678"))
    b = core.auth.create_staff(owner, name="小美", number="07", pin="1234", role=Role.BEAUTICIAN)
    svc = RecordService(core)
    first = svc.add(
        counter,
        member_id=member.id,
        kind="slimming",
        day=TODAY,
        values={"weight": "65.5", "waist": "78", "hip": ""},
        beautician_id=b.id,
    )
    assert first.values == {"weight": Decimal("65.5"), "waist": Decimal("78")}
    assert first.beautician_name == "小美"
    clock.advance(days=7)
    svc.add(
        counter,
        member_id=member.id,
        kind="slimming",
        day=date(2026, 12, 5),
        values={"weight": "６４.２", "waist": 76},
    )
    series = svc.series(member.id, "slimming")
    assert [(p.day.day, p.value) for p in series["weight"]] == [
        (28, Decimal("65.5")),
        (5, Decimal("64.2")),
    ]
    assert series["hip"] == []


def test_bad_values_save_nothing(core: Core, counter: Actor) -> None:
    member = MemberService(core).create(counter, MemberInput(name="张三", phone="13812345678"))
    svc = RecordService(core)
    for values in ({"weight": "abc"}, {"weight": "6.55"}, {"weight": "900"}, {"height": "1"}, {}):
        with pytest.raises(Invalid):
            svc.add(counter, member_id=member.id, kind="slimming", day=TODAY, values=values)
    with pytest.raises(Invalid):
        svc.add(
            counter,
            member_id=member.id,
            kind="slimming",
            day=date(2026, 11, 29),
            values={"weight": "60"},
        )
    with pytest.raises(Invalid):
        svc.add(counter, member_id=member.id, kind="feet", day=TODAY, values={"weight": "60"})
    with pytest.raises(Forbidden):  # an earlier day needs a manager
        svc.add(
            counter,
            member_id=member.id,
            kind="slimming",
            day=date(2026, 11, 1),
            values={"weight": "60"},
        )
    assert saved(core) == (0, 0)


def test_a_correction_replaces_an_entry_once(core: Core, counter: Actor, manager: Actor) -> None:
    member = MemberService(core).create(counter, MemberInput(name="张三", phone="13812345678"))
    svc = RecordService(core)
    wrong = svc.add(
        counter,
        member_id=member.id,
        kind="bust",
        day=TODAY,
        values={"upper_bust": "86", "under_bust": "72"},
    )
    fixed = svc.add(
        counter,
        member_id=member.id,
        kind="bust",
        day=TODAY,
        values={"upper_bust": "84", "under_bust": "72"},
        replaces_id=wrong.id,
    )
    assert [r.id for r in svc.entries(member.id, "bust")] == [fixed.id]
    with pytest.raises(Conflict):
        svc.add(
            counter,
            member_id=member.id,
            kind="bust",
            day=TODAY,
            values={"upper_bust": "85"},
            replaces_id=wrong.id,
        )
    assert saved(core) == (2, 4)  # the wrong entry is kept
    back = svc.add(
        manager,
        member_id=member.id,
        kind="skin",
        day=date(2026, 11, 20),
        values={},
        notes="面部干燥，T区出油",
    )
    assert back.notes == "面部干燥，T区出油"
