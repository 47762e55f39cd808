"""The member's booking history panel that the member screen embeds."""

from __future__ import annotations

from datetime import date, time

from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import local_datetime
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.ui.appointments.member_bookings import MemberBookings
from salon_desk.ui.context import UiContext

DAY = date(2026, 11, 28)


def test_the_panel_lists_her_bookings_and_their_changes(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    staff = demo.add_beauticians(core, gui_owner, count=2)
    services = demo.add_catalogue(core, gui_owner, staff)
    for staff_id in staff.values():
        RosterService(core).set_shift(gui_owner, staff_id, DAY, time(9), time(18))
    member = MemberService(core).create(gui_owner, MemberInput("刘芳", "13700001111"))
    tz = core.settings.tz()
    booking = BookingService(core)

    def book(hour: int) -> int:
        at = local_datetime(DAY, time(hour), tz)
        draft = BookingDraft("", "", (services["F01"].id,), at, staff["1"], member_id=member.id)
        return booking.book(gui_owner, draft).id

    first, second = book(11), book(15)
    LifecycleService(core).cancel(gui_owner, first, "改天再来")

    panel = MemberBookings(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_member(member.id)
    assert panel.model.rowCount() == 2
    assert panel.title.text() == "预约记录（2 次）"
    assert [r.booking.id for r in panel.rows] == [second, first]
    panel.show_changes(1)
    texts = [panel.changes.item(i).text() for i in range(panel.changes.count())]
    assert "已取消" in texts[0] and "王店长" in texts[0] and "改天再来" in texts[0]
    assert "已预约" in texts[1]

    # A booking made elsewhere shows up at once.
    book(17)
    ui_ctx.hub.notify("bookings")
    assert panel.model.rowCount() == 3

    panel.show_member(None)
    assert panel.model.rowCount() == 0 and panel.changes.count() == 0
