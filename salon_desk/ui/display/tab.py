"""The display stock tab (前台陈列): the cabinet shelf by shelf with prices, stock and
low-stock badges; tap a product for its movements; receive goods, fill the cabinet,
write off, edit, print price labels; a reminder when consumables such as spare lamp
bulbs run low."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.stock.rows import ProductRow
from salon_desk.stock.service import StockService
from salon_desk.ui.context import UiContext
from salon_desk.ui.display.cabinet_view import CabinetView
from salon_desk.ui.display.labels_dialog import LabelsDialog
from salon_desk.ui.display.product_dialog import ProductDialog
from salon_desk.ui.display.product_panel import ProductPanel
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.search_box import SearchBox

TOPICS = ("stock", "products", "sales")


def _matches(p: ProductRow, text: str) -> bool:
    needle = text.lower()
    return any(needle in (v or "").lower() for v in (p.name_zh, p.name_en, p.brand, p.spec)) or (
        p.barcode == text
    )


class DisplayTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stock = ctx.service(StockService)
        self.products: list[ProductRow] = []
        self.selected: int | None = None
        self._stale = False  # stock changed while the tab was not on screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self.search = SearchBox(_("Search a product or scan its barcode"), self)
        self.search.search.connect(lambda _t: self.redraw())
        self.search.submitted.connect(self.scanned)
        self.low_button = BigButton(_("Low stock"), self)
        self.low_button.setCheckable(True)
        self.low_button.toggled.connect(lambda _on: self.redraw())
        self.new_button = BigButton(_("New product"), self)
        self.new_button.clicked.connect(lambda: self.new_product())
        self.labels_button = BigButton(_("Print price labels"), self)
        self.labels_button.clicked.connect(lambda: self.print_labels())
        for b in (self.low_button, self.new_button, self.labels_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top.addWidget(self.search, 1)
        top.addWidget(self.low_button)
        top.addWidget(self.new_button)
        top.addWidget(self.labels_button)
        layout.addLayout(top)
        self.reminder = QLabel("", self)
        self.reminder.setProperty("role", "warn")
        self.reminder.setWordWrap(True)
        layout.addWidget(self.reminder)
        body = QHBoxLayout()
        self.cabinet = CabinetView(self)
        self.cabinet.product_tapped.connect(lambda p: self.select(p.id))
        self.panel = ProductPanel(ctx.core.settings.tz(), self)
        self.panel.action.connect(self.act)
        body.addWidget(self.cabinet, 5)
        body.addWidget(self.panel, 3)
        layout.addLayout(body, 1)
        ctx.hub.changed.connect(self._changed)
        self.reload()

    # --- data ------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        self.products = self.stock.list_products()
        low = [p for p in self.products if p.low]
        self.low_button.setText(_("Low stock ({n})", n=len(low)))
        bulbs = [p for p in low if p.category == "consumable"]
        self.reminder.setText(
            _(
                "Consumables running low: {items}",
                items="、".join(_("{name} ({n} left)", name=p.name_zh, n=p.on_hand) for p in bulbs),
            )
            if bulbs
            else ""
        )
        self.reminder.setVisible(bool(bulbs))
        self.redraw()
        if self.selected is not None:
            self.select(self.selected)

    def shown(self) -> list[ProductRow]:
        text = self.search.text()
        rows = [p for p in self.products if not text or _matches(p, text)]
        if self.low_button.isChecked():
            rows = [p for p in rows if p.low or p.needs_count]
        return rows

    def redraw(self) -> None:
        self.cabinet.set_products(self.shown(), self.selected)

    def select(self, product_id: int) -> None:
        product = next((p for p in self.products if p.id == product_id), None)
        if product is None:
            self.selected = None
            self.panel.show_product(None, [])
            self.cabinet.show_selected(None)
            return
        self.selected = product_id
        self.panel.show_product(product, self.stock.movements(product_id))
        self.cabinet.show_selected(product_id)

    def _changed(self, topic: str) -> None:
        if topic not in TOPICS:
            return
        if self.isVisible():
            self.reload()
        else:  # a sale at the register: read the stock again when the cabinet is looked at
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # --- actions ---------------------------------------------------------------------
    def scanned(self, code: str) -> None:
        if not code:
            return
        found = next((p for p in self.products if p.barcode == code), None)
        if found is not None:
            self.search.edit.clear()
            self.redraw()
            self.select(found.id)
            return
        if any(_matches(p, code) for p in self.products):
            return  # typed a name: the filter shows it
        if self.ctx.confirm(
            self, _("Unknown barcode {barcode}. Add it as a new product?", barcode=code)
        ):
            self.search.edit.clear()
            self.new_product(code)

    def new_product(self, barcode: str | None = None) -> None:
        row = ProductDialog.ask(self, self.ctx, barcode=barcode)
        if row is not None:
            self.selected = row.id
            self.reload()

    def ask_qty(self, title: str, prompt: str = "") -> int | None:
        value = NumPadDialog.ask(self, title, mode="int", prompt=prompt, minimum=1)
        return value if isinstance(value, int) else None

    def act(self, key: str, qty: int | None = None) -> None:
        p = self.panel.product
        if p is None:
            return
        if key == "edit":
            if ProductDialog.ask(self, self.ctx, product=p) is not None:
                self.reload()
            return
        if key == "labels":
            self.print_labels({p.id})
            return
        titles = {
            "receive": _("Receive goods into the back store: {name}", name=p.name_zh),
            "to_display": _("Move to the display cabinet: {name}", name=p.name_zh),
            "damaged": _("Write off as damaged: {name}", name=p.name_zh),
            "tester_opened": _("Open as a tester: {name}", name=p.name_zh),
        }
        if qty is None:
            hint = _("On display {n} · store {m}", n=p.on_display, m=p.in_store)
            qty = self.ask_qty(titles[key], hint)
            if qty is None:
                return
        done: object
        if key == "receive":
            done = self.ctx.guard(self, self.stock.receive, p.id, qty)
        elif key == "to_display":
            done = self.ctx.guard(self, self.stock.move_to_display, p.id, qty)
        else:
            done = self.ctx.guard(self, self.stock.write_off, p.id, qty, reason=key)
        if done is not None:
            self.ctx.hub.notify("stock")

    def print_labels(self, chosen: set[int] | None = None) -> None:
        products = self.shown() if chosen is None else self.products
        dialog = LabelsDialog(self, self.ctx, products, chosen)
        dialog.exec()
