"""A finished treatment booked for a member is rung up as hers: picking it at the register
attaches her (greeted by name, her level's discount) without asking who she is."""

from __future__ import annotations

from datetime import time, timedelta

from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock, local_datetime, local_day
from salon_desk.core.money import Money
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.picker_service import PickerService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.register_tab import RegisterTab


def test_a_booked_members_treatment_brings_her_to_the_ticket(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    clock = core.clock
    assert isinstance(clock, FixedClock)
    tz = core.settings.tz()
    day = local_day(clock.now(), tz)
    staff = demo.add_beauticians(core, gui_owner, count=1)
    services = demo.add_catalogue(core, gui_owner, staff)
    staff_id = next(iter(staff.values()))
    RosterService(core).set_shift(gui_owner, staff_id, day, time(9), time(21))
    members = MemberService(core)
    gold = members.save_tier(gui_owner, name="金卡", discount_bp=1000)
    m = members.create(gui_owner, MemberInput(name="张丽", phone="13812345678", tier_id=gold.id))
    facial = next(s for s in services.values() if s.code == "F01")
    starts = local_datetime(day, time(15), tz)
    draft = BookingDraft("张丽", "13812345678", (facial.id,), starts, staff_id, "phone",
                         member_id=m.id)  # fmt: skip
    booking = BookingService(core).book(gui_owner, draft)
    life = LifecycleService(core)
    clock.set(starts)
    life.arrive(gui_owner, booking.id)
    life.start(gui_owner, booking.id)
    clock.set(starts + timedelta(hours=1))
    life.complete(gui_owner, booking.id)

    tab = RegisterTab(ui_ctx)
    qtbot.addWidget(tab)
    [pick] = PickerService(core).completed_bookings()
    assert pick.member_id == m.id
    tab.add_booking(pick)
    assert tab.ticket.member is not None and tab.ticket.member.id == m.id
    assert "张丽" in tab.panel.member.text()  # greeted by name
    assert tab.ticket.priced().total == Money(facial.price.fen * 9 // 10)  # her 10 % off
