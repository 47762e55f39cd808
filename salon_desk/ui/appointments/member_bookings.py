"""A member's bookings, for the member screen: every booking newest first with its state
(completed, cancelled, no-show, auto-cancelled for lateness ...), and below, the changes of
the booking tapped — who did what and when.

    panel = MemberBookings(ctx, parent)
    panel.show_member(member_id)     # None: empty

It refreshes itself when bookings change (hub topic "bookings")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from salon_desk.booking.history_service import BookingHistoryService, MemberBookingRow
from salon_desk.booking.rows import EVENT_LABELS, EventRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.ui.appointments.day_list import STATUS_COLOURS
from salon_desk.ui.appointments.texts import day_text, hm, kind_text, status_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable
from salon_desk.ui.widgets.touch import make_touch_scrollable


class MemberBookings(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id: int | None = None
        self.rows: list[MemberBookingRow] = []
        tz = self.tz = ctx.core.settings.tz()
        self.title = QLabel("", self)
        self.title.setProperty("role", "title")
        self.model = RowsModel(
            [
                Column(
                    N_("Date"), lambda r: f"{r.booking.day:%Y-}{day_text(r.booking.starts_at, tz)}"
                ),
                Column(
                    N_("Time"),
                    lambda r: f"{hm(r.booking.starts_at, tz)}–{hm(r.booking.ends_at, tz)}",
                ),
                Column(N_("Services"), lambda r: r.booking.service_names),
                Column(
                    N_("Beautician"),
                    lambda r: f"{r.booking.staff_number}号 {r.booking.staff_name}",
                ),
                Column(N_("Kind"), lambda r: kind_text(r.booking)),
                Column(N_("Amount"), lambda r: r.booking.price),
                Column(
                    N_("Status"),
                    lambda r: status_text(r.booking),
                    colour=lambda r: STATUS_COLOURS.get(r.booking.status),
                ),
            ],
            tz=tz,
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self._picked)
        self.changes_title = QLabel(_("Changes of the booking"), self)
        self.changes_title.setProperty("role", "muted")
        self.changes = QListWidget(self)
        self.changes.setStyleSheet(f"QListWidget::item {{ min-height: {TOUCH - 12}px; }}")
        make_touch_scrollable(self.changes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes, 1)
        ctx.hub.changed.connect(self._on_changed)
        self._show([])

    # --- what is shown -------------------------------------------------------------------
    def show_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.reload()

    def reload(self) -> None:
        if self.member_id is None:
            self._show([])
            return
        try:
            rows = self.ctx.service(BookingHistoryService).of_member(self.member_id)
        except SalonError as exc:
            self._show([])
            self.title.setText(error_text(exc))
            return
        self._show(rows)

    def _show(self, rows: list[MemberBookingRow]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if self.member_id is None:
            self.title.setText(_("Booking history"))
        elif not rows:
            self.title.setText(_("No bookings yet"))
        else:
            self.title.setText(_("Booking history ({count})", count=len(rows)))
        self.changes.clear()
        if rows:
            self.table.selectRow(0)
            self.show_changes(0)

    def show_changes(self, index: int) -> None:
        self.changes.clear()
        if not 0 <= index < len(self.rows):
            return
        for event in reversed(self.rows[index].events):
            self.changes.addItem(self.event_text(event))

    def event_text(self, event: EventRow) -> str:
        local = event.at.astimezone(self.tz)
        parts = [f"{local:%Y-%m-%d %H:%M}", _(EVENT_LABELS.get(event.kind, event.kind))]
        if event.staff_name:
            parts.append(event.staff_name)
        else:
            parts.append(_("Automatic"))
        if event.detail:
            parts.append(event.detail)
        return " · ".join(parts)

    # --- taps and refresh -----------------------------------------------------------------
    def _picked(self, index: QModelIndex) -> None:
        self.show_changes(index.row())

    def _on_changed(self, topic: str) -> None:
        if topic in ("bookings", "members") and self.member_id is not None:
            self.reload()
