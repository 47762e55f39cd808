"""The tapped product: its prices and stock, what can be done with it (receive goods,
fill the cabinet, write off, edit), and its movements."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.stock.rows import MovementRow, ProductRow
from salon_desk.stock.rules import CATEGORIES, LOCATIONS, REASONS
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

#: action key -> button text
ACTIONS = {
    "receive": N_("Receive goods"),
    "to_display": N_("Move to display"),
    "damaged": N_("Damaged"),
    "tester_opened": N_("Open as tester"),
    "edit": N_("Edit product"),
    "labels": N_("Price label"),
}


class ProductPanel(QWidget):
    action = Signal(str)  # one of ACTIONS

    def __init__(self, tz: object = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product: ProductRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.name = QLabel("", self)
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.detail = QLabel("", self)
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        self.prices = QLabel("", self)
        self.stock = QLabel("", self)
        font = self.stock.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.stock.setFont(font)
        self.flag = QLabel("", self)
        self.flag.setProperty("role", "warn")
        self.flag.setWordWrap(True)
        for w in (self.name, self.detail, self.prices, self.stock, self.flag):
            layout.addWidget(w)
        grid = QGridLayout()
        self.buttons: dict[str, BigButton] = {}
        for i, (key, text) in enumerate(ACTIONS.items()):
            button = BigButton(_(text), self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self.action.emit(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        layout.addLayout(grid)
        title = QLabel(_("Movements"), self)
        title.setProperty("role", "muted")
        layout.addWidget(title)
        self.model = RowsModel(
            [
                Column(N_("Time"), lambda m: m.at),
                Column(N_("Reason"), lambda m: _(REASONS[m.reason][0])),
                Column(N_("Location"), lambda m: _(LOCATIONS[m.location])),
                Column(N_("Quantity"), lambda m: f"{m.qty:+d}", align="right"),
                Column(N_("Balance"), lambda m: m.balance, align="right"),
                Column(N_("Handled by"), lambda m: m.staff_name or ""),
                Column(N_("Reference"), lambda m: m.ref or m.note or ""),
            ],
            tz=tz,  # type: ignore[arg-type]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        self.show_product(None, [])

    def show_product(self, p: ProductRow | None, movements: list[MovementRow]) -> None:
        self.product = p
        for button in self.buttons.values():
            button.setEnabled(p is not None)
        if p is None:
            self.name.setText(_("Tap a product on the cabinet."))
            for w in (self.detail, self.prices, self.stock, self.flag):
                w.clear()
            self.model.set_rows([])
            return
        self.name.setText(p.name_zh)
        parts = [p.brand, p.name_en, p.spec, _(CATEGORIES[p.category]), p.barcode or ""]
        self.detail.setText("  ·  ".join(x for x in parts if x))
        prices = _("Price {price}", price=p.price.format())
        if p.member_price is not None:
            prices += "    " + _("Member price {price}", price=p.member_price.format())
        self.prices.setText(prices)
        self.stock.setText(
            _("On display {n} · store {m}", n=p.on_display, m=p.in_store)
            + "    "
            + _("Reorder at {n}", n=p.reorder_level)
        )
        flags = []
        if p.needs_count:
            flags.append(_("Sold below zero: count it at the next stock count."))
        if p.low:
            flags.append(_("Low stock: {n} left.", n=p.on_hand))
        self.flag.setText("\n".join(flags))
        self.buttons["labels"].setEnabled(p.category != "tester")
        self.model.set_rows(movements)
        self.table.resizeColumnsToContents()
