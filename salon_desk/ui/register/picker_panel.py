"""Pick what to ring up: services or products as large buttons, with a search box that
also takes a scanned barcode."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.pos.picker_service import BookingPick, Pick, PickerService
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.off_screen import put_away
from salon_desk.ui.widgets.search_box import SearchBox
from salon_desk.ui.widgets.touch import make_touch_scrollable

COLUMNS = 3
MAX_BUTTONS = 60
#: what changes the finished treatments waiting to be rung up
TOPICS_BOOKINGS = ("bookings", "sales", "catalogue")


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
        self._stale = False  # changed while the register was not on screen
        self.pool: list[BigButton] = []  # made as needed, never more than MAX_BUTTONS
        self.buttons: list[BigButton] = []  # those shown, in order
        self.items: list[Pick | BookingPick] = []  # what each shown button rings up
        self.show_kind("service")

    def show_kind(self, kind: str) -> None:
        self.kind = kind
        for k, b in self.kind_buttons.items():
            b.setChecked(k == kind)
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        svc = self.ctx.service(PickerService)
        text = self.search.text()
        if self.kind == "booking":
            bookings = svc.completed_bookings()[:MAX_BUTTONS]
            self.items = list(bookings)
            labels = [f"{b.guest_name}  {b.staff_name}\n{b.total.format()}" for b in bookings]
        else:
            if self.kind == "service":
                picks = svc.services(text)[:MAX_BUTTONS]
            else:
                picks = svc.products(text, limit=MAX_BUTTONS)
            self.items = list(picks)
            labels = [self._label(p) for p in picks]
        # The buttons are made once and relabelled: a tap on Products or a letter typed
        # into the search used to delete and build up to 60 buttons.
        for i in range(len(self.pool), len(labels)):
            b = BigButton("", self.grid_host, height=76)
            b.clicked.connect(lambda _c=False, i=i: self._tapped(i))
            self.grid.addWidget(b, i // COLUMNS, i % COLUMNS)
            self.pool.append(b)
        for b, label in zip(self.pool, labels, strict=False):
            b.setText(label)
        for i, b in enumerate(self.pool):
            b.setVisible(i < len(labels))
        self.buttons = self.pool[: len(labels)]
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(self.buttons) // COLUMNS + 1, 1)

    def changed(self, topic: str) -> None:
        """Something changed elsewhere: read again what is shown if it may have changed
        (the finished treatments change with bookings and sales; a sale changes no price),
        and only when the register is on screen."""
        shows = {"booking": TOPICS_BOOKINGS, "service": ("catalogue",), "product": ("products",)}
        if topic not in shows[self.kind]:
            return
        if put_away(self):
            self._stale = True
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _tapped(self, i: int) -> None:
        item = self.items[i]
        if isinstance(item, BookingPick):
            self.booking_picked.emit(item)
        else:
            self.picked.emit(item)

    @staticmethod
    def _label(pick: Pick) -> str:
        return f"{pick.name}\n{pick.price.format()}"
