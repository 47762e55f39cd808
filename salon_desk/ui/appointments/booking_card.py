"""One booking opened from the grid or the list: what, who, when, its history, and the
counter's buttons (arrived, start, complete, running late, cancel, no-show, move, undo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.lifecycle_service import MAX_LATE_EXTENSION, LifecycleService
from salon_desk.booking.rows import EVENT_LABELS, SOURCE_LABELS, BookingRow
from salon_desk.core.i18n import _
from salon_desk.ui.appointments.texts import countdown, day_text, hm, kind_text, status_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog


class BookingCard(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext, booking_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.core.settings.tz()
        self.bookings = ctx.service(BookingService)
        self.life = ctx.service(LifecycleService)
        self.move_requested = False
        self.setWindowTitle(_("Booking"))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.late = QLabel(self)
        self.late.setProperty("role", "warn")
        layout.addWidget(self.late)
        self.history = QListWidget(self)
        layout.addWidget(self.history, 1)
        grid = QGridLayout()
        layout.addLayout(grid)
        self.buttons: dict[str, BigButton] = {}
        actions: list[tuple[str, str, Callable[[], None], str | None]] = [
            ("arrive", _("Arrived"), self.arrive, "primary"),
            ("start", _("Start service"), self.start, None),
            ("complete", _("Completed"), self.complete, "primary"),
            ("late", _("Running late…"), self.running_late, None),
            ("move", _("Move…"), self.pick_up, None),
            ("cancel", _("Cancel booking…"), self.cancel, "danger"),
            ("no_show", _("No-show"), self.no_show, None),
            ("undo", _("Undo auto-cancel"), self.undo, None),
            ("close", _("Close"), self.reject, None),
        ]
        for i, (key, label, slot, role) in enumerate(actions):
            button = BigButton(label, self, role=role)
            button.clicked.connect(slot)
            grid.addWidget(button, i // 5, i % 5)
            self.buttons[key] = button
        self.row: BookingRow = self.bookings.get(booking_id)
        self.show_row(self.row)

    def show_row(self, row: BookingRow) -> None:
        self.row = row
        tz = self.tz
        self.title.setText(
            f"{day_text(row.starts_at, tz)} {hm(row.starts_at, tz)}–{hm(row.ends_at, tz)}  "
            f"{row.guest_name}  ·  {status_text(row)}"
        )
        self.details.setText(
            _(
                "{services} ({price}) · beautician No. {number} {name} ({kind}) · {phone} · "
                "{source} · No. {booking}",
                services=row.service_names,
                price=row.price.format(),
                number=row.staff_number,
                name=row.staff_name,
                kind=kind_text(row),
                phone=row.guest_phone or "—",
                source=_(SOURCE_LABELS.get(row.source, row.source)),
                booking=row.number,
            )
            + (f"\n{row.note}" if row.note else "")
        )
        self.late.setText(countdown(row, self.ctx.core.clock.now()))
        self.history.clear()
        for event in self.bookings.history(row.id):
            who = event.staff_name or _("System")
            what = _(EVENT_LABELS.get(event.kind, event.kind))
            at = event.at.astimezone(tz).strftime("%m-%d %H:%M")
            self.history.addItem(f"{at}  {what}  {event.detail}  — {who}")
        status = row.status
        enabled = {
            "arrive": status == "booked",
            "start": status in ("booked", "arrived"),
            "complete": status in ("arrived", "in_service"),
            "late": status == "booked" and row.late_due_at is not None and not row.late_extra_min,
            "move": status in ("booked", "arrived"),
            "cancel": status in ("booked", "arrived"),
            "no_show": status == "booked",
            "undo": status == "auto_cancelled",
            "close": True,
        }
        for key, button in self.buttons.items():
            button.setVisible(enabled[key])

    # --- actions ------------------------------------------------------------------------------
    def _do(self, fn: Callable[..., BookingRow], *args: Any) -> None:
        row = self.ctx.guard(self, fn, self.row.id, *args)
        if row is not None:
            self.ctx.hub.notify("bookings")
            self.show_row(row)

    def arrive(self) -> None:
        self._do(self.life.arrive)

    def start(self) -> None:
        self._do(self.life.start)

    def complete(self) -> None:
        self._do(self.life.complete)

    def no_show(self) -> None:
        if self.ctx.confirm(self, _("Mark {name} as a no-show?", name=self.row.guest_name)):
            self._do(self.life.no_show)

    def cancel(self) -> None:
        reason = self.ctx.prompts.text(self, _("Cancel booking"), _("Why is it cancelled?"))
        if reason is not None:
            self._do(self.life.cancel, reason)

    def running_late(self) -> None:
        minutes = self.ask_minutes()
        if isinstance(minutes, int):
            self._do(self.life.running_late, minutes)

    def ask_minutes(self) -> object:
        return NumPadDialog.ask(
            self,
            _("Running late"),
            mode="int",
            prompt=_("The member called: wait how many more minutes?"),
            initial="15",
            minimum=5,
            maximum=MAX_LATE_EXTENSION,
        )

    def undo(self) -> None:
        reason = self.ctx.prompts.text(self, _("Undo auto-cancel"), _("Why is it restored?"))
        if reason is not None:
            self._do(self.life.undo_auto_cancel, reason)

    def pick_up(self) -> None:
        self.move_requested = True
        self.accept()
