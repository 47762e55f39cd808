"""The day's rotation (轮牌) and the walk-in queue. Each morning the counter sets the
first beautician on duty; walk-ins are offered the next free beautician in turn."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import DutyRow, WalkInRow
from salon_desk.core.clock import local_day
from salon_desk.core.i18n import N_, _
from salon_desk.ui.appointments.texts import hm
from salon_desk.ui.appointments.walk_in_dialog import WalkInDialog
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def _busy_colour(d: DutyRow) -> str:
    return "#b26a00" if d.busy_now else "#2e7d32"


class DutyView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.core.settings.tz()
        self.dialog: WalkInDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        layout.addLayout(left, 1)
        title = QLabel(_("Today's rotation"), self)
        title.setProperty("role", "title")
        left.addWidget(title)
        self.duty_model = RowsModel(
            [
                Column(N_("Turn"), lambda d: d.position, align="center"),
                Column(N_("Beautician"), lambda d: f"{d.number}号 {d.name}"),
                Column(N_("Now"), self._now_text, colour=_busy_colour),
                Column(N_("Next"), lambda d: "▶" if d.next_in_turn else "", align="center"),
            ],
            parent=self,
        )
        self.duty = TouchTable(self)
        self.duty.setModel(self.duty_model)
        left.addWidget(self.duty, 1)
        self.first = BigButton(_("Make the chosen beautician first today"), self)
        self.first.clicked.connect(self.set_first)
        left.addWidget(self.first)
        right = QVBoxLayout()
        layout.addLayout(right, 1)
        title = QLabel(_("Walk-ins waiting"), self)
        title.setProperty("role", "title")
        right.addWidget(title)
        self.queue_model = RowsModel(
            [
                Column(N_("Since"), lambda w: hm(w.arrived_at, self.tz)),
                Column(N_("Name"), lambda w: w.name),
                Column(N_("Service"), lambda w: w.service_name),
            ],
            parent=self,
        )
        self.queue = TouchTable(self)
        self.queue.setModel(self.queue_model)
        right.addWidget(self.queue, 1)
        self.offer = QLabel("", self)
        self.offer.setProperty("role", "warn")
        self.offer.setWordWrap(True)
        right.addWidget(self.offer)
        self.queue.clicked.connect(lambda _i: self.show_offer())
        buttons = QGridLayout()
        right.addLayout(buttons)
        self.add = BigButton(_("Add walk-in"), self, role="primary")
        self.add.clicked.connect(self.add_walk_in)
        self.seat_next = BigButton(_("Seat with the next in turn"), self)
        self.seat_next.clicked.connect(lambda: self.seat(None))
        self.seat_chosen = BigButton(_("Seat with the chosen beautician"), self)
        self.seat_chosen.clicked.connect(self.seat_with_chosen)
        self.left_button = BigButton(_("Left without treatment"), self)
        self.left_button.clicked.connect(self.walked_away)
        buttons.addWidget(self.add, 0, 0)
        buttons.addWidget(self.seat_next, 0, 1)
        buttons.addWidget(self.seat_chosen, 1, 1)
        buttons.addWidget(self.left_button, 1, 0)

    def _now_text(self, d: DutyRow) -> str:
        if d.busy_now and d.free_from is not None:
            return _("Busy until {time}", time=hm(d.free_from, self.tz))
        return _("Free")

    def refresh(self) -> None:
        self.duty_model.set_rows(self.ctx.service(RosterService).duty())
        self.queue_model.set_rows(self.ctx.service(QueueService).waiting())
        self.duty.resizeColumnsToContents()
        self.queue.resizeColumnsToContents()
        self.show_offer()

    # --- choices ----------------------------------------------------------------------------
    def chosen_duty(self) -> DutyRow | None:
        index = self.duty.currentIndex()
        return self.duty_model.row_at(index.row()) if index.isValid() else None

    def chosen_walk_in(self) -> WalkInRow | None:
        index = self.queue.currentIndex()
        if index.isValid():
            chosen: WalkInRow = self.queue_model.row_at(index.row())
            return chosen
        rows: list[WalkInRow] = self.queue_model.rows()
        return rows[0] if rows else None

    def show_offer(self) -> None:
        walk_in = self.chosen_walk_in()
        if walk_in is None:
            self.offer.setText("")
            return
        offer = self.ctx.attempt(self, self.ctx.service(QueueService).offer, walk_in.id)
        if offer is None:
            self.offer.setText(_("Nobody in turn is free now for {name}.", name=walk_in.name))
        else:
            self.offer.setText(
                _(
                    "Next free in turn for {name}: No. {number} {staff}",
                    name=walk_in.name,
                    number=offer.number,
                    staff=offer.name,
                )
            )

    # --- actions -----------------------------------------------------------------------------
    def set_first(self) -> None:
        duty = self.chosen_duty()
        if duty is None:
            self.ctx.error(self, _("Tap a beautician in the rotation first."))
            return
        today = local_day(self.ctx.core.clock.now(), self.tz)
        roster = self.ctx.service(RosterService)
        if self.ctx.guard(self, roster.set_first, today, duty.staff_id) is not None:
            self.ctx.hub.notify("roster")
            self.refresh()

    def add_walk_in(self) -> None:
        self.dialog = WalkInDialog(self, self.ctx)
        self.dialog.finished.connect(lambda _r: self.refresh())
        self.dialog.open()

    def seat(self, staff_id: int | None) -> None:
        walk_in = self.chosen_walk_in()
        if walk_in is None:
            return
        booking = self.ctx.guard(self, self.ctx.service(QueueService).seat, walk_in.id, staff_id)
        if booking is not None:
            self.ctx.prompts.info(
                self,
                _(
                    "{name} goes to No. {number} {staff} now.",
                    name=booking.guest_name,
                    number=booking.staff_number,
                    staff=booking.staff_name,
                ),
            )
            self.ctx.hub.notify("bookings")
            self.refresh()

    def seat_with_chosen(self) -> None:
        duty = self.chosen_duty()
        if duty is None:
            self.ctx.error(self, _("Tap a beautician in the rotation first."))
            return
        self.seat(duty.staff_id)

    def walked_away(self) -> None:
        walk_in = self.chosen_walk_in()
        if walk_in is None:
            return
        if self.ctx.confirm(self, _("{name} left without a treatment?", name=walk_in.name)):
            self.ctx.guard(self, self.ctx.service(QueueService).leave, walk_in.id)
            self.refresh()
