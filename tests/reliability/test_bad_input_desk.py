"""Bad input at the desk, one table per form: the member profile, the booking sheet, the
settings. Every case is refused with a Chinese message and saves nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from bad_input import CONTROL, EMOJI, HUGE, LONG, SQL, Case, refusal_problems
from salon_world import World

from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


# --- the member profile --------------------------------------------------------------------
def _member(**kw: object) -> Case:
    label = ", ".join(f"{k}={str(v)[:24]!r}" for k, v in kw.items())

    def prepare(w: World) -> object:
        data = replace(MemberInput("林小姐", "13911112222"), **kw)  # type: ignore[arg-type]
        return lambda: MemberService(w.core).create(w.owner, data)

    return Case(f"member {label}", prepare)  # type: ignore[arg-type]


def _member_taken_phone() -> Case:
    def prepare(w: World) -> object:
        taken = w.member()
        return lambda: MemberService(w.core).create(w.owner, MemberInput("林小姐", taken.phone))

    return Case("member with another member's phone", prepare)  # type: ignore[arg-type]


MEMBER = [
    _member(name=""),
    _member(name="   "),
    _member(name=LONG),
    _member(name=CONTROL),
    _member(name=None),
    _member(name=12345),
    _member(phone=""),
    _member(phone="1391111222"),  # ten digits
    _member(phone="139111122223"),  # twelve
    _member(phone="23911112222"),  # not a mobile
    _member(phone="1391111222" + EMOJI),
    _member(phone=SQL),
    _member(phone="０１２３４５６７８９"),
    _member(phone=13911112222),
    _member(phone=-1),
    _member(birthday=date(2027, 1, 1)),  # after today
    _member(birthday=date(1850, 2, 28)),
    _member(birthday="1990-02-30"),
    _member(gender="X"),
    _member(skin_type=SQL),
    _member(tier_id=HUGE),
    _member(tier_id=-1),
    _member(notes=LONG),
    _member(allergies=LONG),
    _member(number="A" * 40),
    _member(number=EMOJI),
    _member(number=SQL),
    _member_taken_phone(),
]


# --- the booking sheet ---------------------------------------------------------------------
def _booking(label: str, **kw: object) -> Case:
    def prepare(w: World) -> object:
        values: dict[str, object] = {
            "guest_name": "张三",
            "guest_phone": "13812345678",
            "service_ids": (w.service_id,),
            "starts_at": w.at(15, 0),
            "staff_id": w.beautician,
            "source": "phone",
        }
        for key, value in kw.items():
            values[key] = value(w) if callable(value) else value
        draft = BookingDraft(**values)  # type: ignore[arg-type]
        return lambda: BookingService(w.core).book(w.owner, draft)

    return Case(f"booking {label}", prepare)  # type: ignore[arg-type]


BOOKING = [
    _booking("without a name", guest_name=""),
    _booking("with a name too long", guest_name=LONG),
    _booking("with control characters in the name", guest_name=CONTROL),
    _booking("with a name that is not text", guest_name=42),
    _booking("without a phone", guest_phone=""),
    _booking("with a short phone", guest_phone="1381234567"),
    _booking("with emoji for a phone", guest_phone=EMOJI),
    _booking("with SQL for a phone", guest_phone=SQL),
    _booking("with no service", service_ids=()),
    _booking("with an unknown service", service_ids=(HUGE,)),
    _booking("with a negative service id", service_ids=(-1,)),
    _booking("with one service twice", service_ids=lambda w: (w.service_id, w.service_id)),
    _booking("without a start", starts_at=None),
    _booking("with a date as text", starts_at="2026-11-31 15:00"),
    _booking("with a time without a zone", starts_at=datetime(2026, 11, 28, 15, 0)),
    _booking("before opening", starts_at=lambda w: w.at(6, 0)),
    _booking("running past closing", starts_at=lambda w: w.at(20, 45)),
    _booking("in the night", starts_at=lambda w: w.at(23, 30)),
    _booking("with an unknown beautician", staff_id=HUGE),
    _booking("with a beautician off duty", staff_id=lambda w: w.new_staff()),
    _booking("from an unknown source", source=SQL),
    _booking("with a note too long", note=LONG),
    _booking("with an empty reason to book over", anyway_reason="  "),
    _booking("five years ahead", starts_at=lambda w: w.at(15, 0) + timedelta(days=5 * 365)),
]


# --- settings ------------------------------------------------------------------------------
def _setting(name: str, value: object) -> Case:
    def prepare(w: World) -> object:
        return lambda: w.core.settings.set_many(w.owner, {name: value})

    return Case(f"setting {name}={str(value)[:24]!r}", prepare)  # type: ignore[arg-type]


def _settings_partly_bad() -> Case:
    def prepare(w: World) -> object:
        changes = {"shop.name": "新店名", "booking.late_grace_minutes": -5}
        return lambda: w.core.settings.set_many(w.owner, changes)

    return Case("settings with one good and one bad value", prepare)  # type: ignore[arg-type]


SETTINGS = [
    _setting("shop.name", LONG),
    _setting("shop.name", CONTROL),
    _setting("shop.phone", "1" * 200),
    _setting("shop.timezone", "Mars/Olympus"),
    _setting("shop.timezone", SQL),
    _setting("hours.open", "25:00"),
    _setting("hours.open", "九点"),
    _setting("hours.close", "06:00"),  # closing before opening
    _setting("stock.count_approval_yuan", -1),
    _setting("stock.count_approval_yuan", HUGE),
    _setting("stock.count_approval_yuan", "二百"),
    _setting("stock.count_approval_yuan", 1.5),
    _setting("stock.count_approval_yuan", True),
    _setting("booking.late_grace_minutes", 0),
    _setting("booking.late_grace_minutes", EMOJI),
    _setting("ui.auto_lock_minutes", -1),
    _setting("calls.latest", "2026-11-28"),
    _setting("no.such.setting", "1"),
    _setting(SQL, "1"),
    _settings_partly_bad(),
]


def _run(core: Core, owner: Actor, tmp_path: Path, cases: list[Case]) -> list[str]:
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018  (staff first, so that only the call under test can write)
    return refusal_problems(w, cases)


def test_the_member_form_refuses_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _run(core, owner, tmp_path, MEMBER) == []


def test_the_booking_form_refuses_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    w = World(core, owner, tmp_path)
    w.service_id  # noqa: B018
    assert refusal_problems(w, BOOKING) == []


def test_the_settings_refuse_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    local = tmp_path / "local.json"
    before = local.read_bytes() if local.exists() else None
    assert _run(core, owner, tmp_path, SETTINGS) == []
    assert (local.read_bytes() if local.exists() else None) == before
