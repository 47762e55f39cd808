"""Pick what to ring up: services or products as large buttons, with a search box that
also takes a scanned barcode."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.pos.picker_service import Pick, PickerService
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.search_box import SearchBox
from salon_desk.ui.widgets.touch import make_touch_scrollable

COLUMNS = 3
MAX_BUTTONS = 60


class PickerPanel(QWidget):
    picked = Signal(object)  # Pick
    booking_picked = Signal(object)  # BookingPick: a finished treatment to ring up
    scanned = Signal(str)  # Enter in the search box: maybe a barcode

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = "service"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        kinds = QHBoxLayout()
        self.kind_buttons: dict[str, BigButton] = {}
        for kind, label in (
            ("booking", _("Finished treatments")),
            ("service", _("Services")),
            ("product", _("Products")),
        ):
            b = BigButton(label, self)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, k=kind: self.show_kind(k))
            kinds.addWidget(b)
            self.kind_buttons[kind] = b
        layout.addLayout(kinds)
        self.search = SearchBox(_("Search or scan"), self)
        self.search.search.connect(lambda _t: self.refresh())
        self.search.submitted.connect(self.scanned.emit)
        layout.addWidget(self.search)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        # The grid is as wide as the viewport beside the vertical bar: never sideways.
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_touch_scrollable(self.area)
        self.grid_host = QWidget(self.area)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(8)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)  # equal thirds of the viewport
        self.area.setWidget(self.grid_host)
        layout.addWidget(self.area, 1)
        self.buttons: list[BigButton] = []
        self.show_kind("service")

    def show_kind(self, kind: str) -> None:
        self.kind = kind
        for k, b in self.kind_buttons.items():
            b.setChecked(k == kind)
        self.refresh()

    def refresh(self) -> None:
        svc = self.ctx.service(PickerService)
        text = self.search.text()
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        if self.kind == "booking":
            for i, booking in enumerate(svc.completed_bookings()[:MAX_BUTTONS]):
                label = f"{booking.guest_name}  {booking.staff_name}\n{booking.total.format()}"
                b = BigButton(label, self.grid_host, height=76)
                b.clicked.connect(lambda _c=False, bk=booking: self.booking_picked.emit(bk))
                self.grid.addWidget(b, i // COLUMNS, i % COLUMNS)
                self.buttons.append(b)
        else:
            picks = svc.services(text) if self.kind == "service" else svc.products(text)
            for i, pick in enumerate(picks[:MAX_BUTTONS]):
                b = BigButton(self._label(pick), self.grid_host, height=76)
                b.clicked.connect(lambda _c=False, p=pick: self.picked.emit(p))
                self.grid.addWidget(b, i // COLUMNS, i % COLUMNS)
                self.buttons.append(b)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(self.buttons) // COLUMNS + 1, 1)

    @staticmethod
    def _label(pick: Pick) -> str:
        return f"{pick.name}\n{pick.price.format()}"
