"""The member screen's bookings tab: every booking of the chosen member, cancelled and
no-shows too, following the member picked and the bookings made elsewhere."""

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
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.members_tab import MembersTab

DAY = date(2026, 11, 28)


def test_the_bookings_tab_follows_the_member_and_the_hub(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    staff = demo.add_beauticians(core, gui_owner, count=2)
    services = demo.add_catalogue(core, gui_owner, staff)
    for staff_id in staff.values():
        RosterService(core).set_shift(gui_owner, staff_id, DAY, time(9), time(20))
    members = MemberService(core)
    liu = members.create(gui_owner, MemberInput("刘芳", "13700001111", gender="F"))
    chen = members.create(gui_owner, MemberInput("陈静", "13700002222", gender="F"))
    tz = core.settings.tz()
    booking = BookingService(core)

    def book(member_id: int, hour: int, beautician: str = "1") -> int:
        at = local_datetime(DAY, time(hour), tz)
        draft = BookingDraft(
            "", "", (services["F01"].id,), at, staff[beautician], member_id=member_id
        )
        return booking.book(gui_owner, draft).id

    cancelled, missed, kept = book(liu.id, 11), book(liu.id, 13), book(liu.id, 16)
    book(chen.id, 14, "2")
    lifecycle = LifecycleService(core)
    lifecycle.cancel(gui_owner, cancelled, "改天再来")
    core.clock.advance(hours=3, minutes=10)  # type: ignore[attr-defined]
    lifecycle.no_show(gui_owner, missed)

    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)
    panel = tab.panel
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert "预约记录" in titles
    assert panel.bookings is panel.tabs.widget(titles.index("预约记录"))  # built when asked

    panel.tabs.setCurrentWidget(panel.bookings)  # a page is read when its tab is tapped
    tab.search_box.set_text("刘芳")
    page = panel.bookings
    assert [r.booking.id for r in page.rows] == [kept, missed, cancelled]
    statuses = [page.model.data(page.model.index(i, 6)) for i in range(3)]
    assert statuses[1] == "爽约" and statuses[2] == "已取消", statuses

    tab.search_box.set_text("陈静")
    assert len(page.rows) == 1 and page.rows[0].booking.member_id == chen.id

    tab.search_box.set_text("刘芳")
    another = book(liu.id, 18)
    ui_ctx.hub.notify("bookings")
    assert page.rows[0].booking.id == another and len(page.rows) == 4
