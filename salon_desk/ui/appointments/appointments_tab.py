"""The appointments tab: a day at a time (grid or list), a beautician's week, the price
list, the roster and rotation, walk-ins and calls. It also runs the late auto-cancel: on
opening it catches up on everything that fell due while the app was closed, then a timer
is set for the exact moment the next booking falls due."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.core.clock import local_day
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _
from salon_desk.ui.appointments.booking_actions import BookingActions
from salon_desk.ui.appointments.calls_view import CallsView
from salon_desk.ui.appointments.day_list import DayList
from salon_desk.ui.appointments.day_view import DayView
from salon_desk.ui.appointments.duty_view import DutyView
from salon_desk.ui.appointments.late_banner import LateBanner
from salon_desk.ui.appointments.price_list import PriceList
from salon_desk.ui.appointments.roster_view import RosterView
from salon_desk.ui.appointments.texts import day_text, late_notice
from salon_desk.ui.appointments.week_view import WeekView
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.off_screen import put_away

#: The timer fires this long after a booking falls due (due means "more than" the grace).
AFTER_DUE_MS = 1_000
#: Qt timers take at most ~24 days; check again at least hourly.
MAX_WAIT_MS = 3_600_000
TICK_MS = 30_000


class AppointmentsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.core.settings.tz()
        self.day: date = self.today()
        self.taps = BookingActions(ctx, self)
        self._stale = False  # changed while another tab was on screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        self.prev = BigButton("◀", self)
        self.prev.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        self.day_label = QLabel(self)
        self.day_label.setProperty("role", "title")
        self.day_label.setMinimumWidth(150)
        self.next = BigButton("▶", self)
        self.next.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        self.today_button = BigButton(_("Today"), self)
        self.today_button.clicked.connect(lambda: self.set_day(self.today()))
        for w in (self.prev, self.day_label, self.next, self.today_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        self.stack = QStackedWidget(self)
        self.views: dict[str, QWidget] = {}
        self.view_buttons: dict[str, BigButton] = {}
        self.view_group = QButtonGroup(self)
        self.day_view = DayView(ctx, self.taps, self)
        self.day_list = DayList(ctx, self.taps, self)
        self.week_view = WeekView(ctx, self.taps, self)
        self.duty_view = DutyView(ctx, self)
        self.roster_view = RosterView(ctx, self)
        self.price_list = PriceList(ctx, self)
        self.calls_view = CallsView(ctx, self)
        for key, title, widget in (
            ("grid", _("Day"), self.day_view),
            ("list", _("List"), self.day_list),
            ("week", _("Week"), self.week_view),
            ("duty", _("Rotation"), self.duty_view),
            ("roster", _("Roster"), self.roster_view),
            ("prices", _("Prices"), self.price_list),
            ("calls", _("Calls"), self.calls_view),
        ):
            self._add_view(bar, key, title, widget)
        bar.addStretch(1)
        self.new_button = BigButton(_("New booking"), self, role="primary")
        self.new_button.clicked.connect(lambda: self.taps.new_booking(self.day, None, None))
        bar.addWidget(self.new_button)
        self.banner = LateBanner(self)
        self.banner.offer_requested.connect(self.offer_freed_time)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.late_timer = QTimer(self)
        self.late_timer.setSingleShot(True)
        self.late_timer.timeout.connect(self.check_late)
        self.tick_timer = QTimer(self)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start(TICK_MS)
        self.show_view("grid", refresh=False)
        self.check_late()  # catch up on what fell due while the app was closed
        # Listening only now: the catch-up's own notice would read the day a second time.
        ctx.hub.changed.connect(self._on_changed)
        self.set_day(self.day)  # the one reading of the day while the tab is built
        QTimer.singleShot(0, self.day_view.scroll_to_now)

    def _add_view(self, bar: QHBoxLayout, key: str, title: str, widget: QWidget) -> None:
        self.views[key] = widget
        self.stack.addWidget(widget)
        button = BigButton(title, self)
        button.setCheckable(True)
        button.clicked.connect(lambda: self.show_view(key))
        self.view_group.addButton(button)
        self.view_buttons[key] = button
        bar.addWidget(button)

    def today(self) -> date:
        return local_day(self.ctx.core.clock.now(), self.tz)

    # --- navigation -------------------------------------------------------------------------
    def show_view(self, key: str, *, refresh: bool = True) -> None:
        self.view_buttons[key].setChecked(True)
        self.stack.setCurrentWidget(self.views[key])
        if refresh:
            self.refresh()

    def set_day(self, day: date) -> None:
        self.day = day
        noon = self.ctx.core.clock.now().replace(hour=4)  # any instant of that day will do
        noon = noon + timedelta(days=(day - local_day(noon, self.tz)).days)
        self.day_label.setText(day_text(noon, self.tz))
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        current = self.stack.currentWidget()
        if current is self.day_view:
            self.day_view.set_day(self.day)
        elif current is self.day_list:
            self.day_list.set_day(self.day)
        elif current is self.week_view:
            self.week_view.set_day(self.day)
        elif current is self.roster_view:
            self.roster_view.set_day(self.day)
        elif current in (self.duty_view, self.price_list, self.calls_view):
            current.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic in ("bookings", "roster", "catalogue", "staff"):
            if put_away(self):  # another tab is on screen: read the day when shown again
                self._stale = True
            else:
                self.refresh()
            self.schedule_late()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def tick(self) -> None:
        self.day_view.tick()

    # --- late auto-cancel ------------------------------------------------------------------------
    def check_late(self) -> None:
        life = self.ctx.service(LifecycleService)
        try:
            cancelled = life.auto_cancel_due()
        except SalonError:
            cancelled = []  # the database is busy or away: try again shortly
            self.late_timer.start(30_000)
            return
        if cancelled:
            minutes = life.grace
            self.banner.add(
                [late_notice(r, self.tz, minutes + r.late_extra_min) for r in cancelled]
            )
            self.ctx.hub.notify("bookings")
        self.schedule_late()

    def schedule_late(self) -> None:
        due = self.ctx.service(LifecycleService).next_due_at()
        if due is None:
            self.late_timer.stop()
            return
        wait = (due - self.ctx.core.clock.now()).total_seconds() * 1000 + AFTER_DUE_MS
        self.late_timer.start(int(min(MAX_WAIT_MS, max(0, wait))))

    def offer_freed_time(self) -> None:
        self.banner.clear()
        self.show_view("duty")
