"""A salon with thirty beauticians still fits a 1366-pixel screen: the week view's
beautician buttons scroll sideways instead of widening the window."""

from __future__ import annotations

from datetime import time

from pytestqt.qtbot import QtBot

from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Role
from salon_desk.ui.appointments.appointments_tab import AppointmentsTab
from salon_desk.ui.context import UiContext


def test_thirty_beauticians_fit_the_screen(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    auth = ui_ctx.core.auth
    ids = [
        auth.create_staff(gui_owner, name=f"美容师{n}", number=str(n), pin="1234",
                          role=Role.BEAUTICIAN).id
        for n in range(1, 31)
    ]  # fmt: skip
    roster, today = RosterService(ui_ctx.core), QueueService(ui_ctx.core).today()
    for staff_id in ids:
        roster.set_shift(gui_owner, staff_id, today, time(9), time(18))
    tab = AppointmentsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert tab.minimumSizeHint().width() <= 1366
    tab.resize(1366, 650)
    tab.show()
    qtbot.waitExposed(tab)
    tab.show_view("week")
    week = tab.week_view
    assert len(week.staff_buttons) == 30
    last = list(week.staff_buttons)[-1]
    week.choose(last)
    button = week.staff_buttons[last]
    assert button.isChecked() and not button.visibleRegion().isEmpty()  # scrolled to
