"""Every booking of the day in one list, whatever its state, with who booked by number."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QVBoxLayout, QWidget

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.rows import SOURCE_LABELS, BookingRow
from salon_desk.core.i18n import N_, _
from salon_desk.ui.appointments.booking_actions import BookingActions
from salon_desk.ui.appointments.texts import hm, kind_text, status_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

STATUS_COLOURS = {
    "cancelled": "#8a857d",
    "no_show": "#b26a00",
    "auto_cancelled": "#b3261e",
    "completed": "#2e7d32",
}


class DayList(QWidget):
    def __init__(self, ctx: UiContext, taps: BookingActions, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.taps = taps
        tz = ctx.core.settings.tz()
        self.model = RowsModel(
            [
                Column(N_("Time"), lambda r: f"{hm(r.starts_at, tz)}–{hm(r.ends_at, tz)}"),
                Column(N_("Beautician"), lambda r: f"{r.staff_number}号 {r.staff_name}"),
                Column(N_("Name"), lambda r: r.guest_name),
                Column(N_("Phone"), lambda r: r.guest_phone),
                Column(N_("Services"), lambda r: r.service_names),
                Column(N_("Amount"), lambda r: r.price),
                Column(N_("Kind"), kind_text),
                Column(N_("Source"), lambda r: _(SOURCE_LABELS.get(r.source, r.source))),
                Column(N_("Status"), status_text, colour=lambda r: STATUS_COLOURS.get(r.status)),
            ],
            tz=tz,
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self.open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_day(self, day: date) -> None:
        self.model.set_rows(self.ctx.service(BookingService).day(day))
        self.table.resizeColumnsToContents()

    def open(self, index: QModelIndex) -> None:
        row: BookingRow = self.model.row_at(index.row())
        self.taps.open_booking(row.id)
