"""One product on the drawn cabinet: brand, name, price, how many are on display, and a
badge when stock is low or the product was sold below zero."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.stock.rows import ProductRow
from salon_desk.ui.style import DANGER, PRIMARY, WARN

TILE_W = 196
TILE_H = 112


class ProductTile(QPushButton):
    tapped = Signal(object)  # ProductRow

    def __init__(self, product: ProductRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedSize(TILE_W, TILE_H)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        self.brand = QLabel(product.brand, self)
        self.brand.setProperty("role", "muted")
        self.name = QLabel(product.name_zh, self)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.price = QLabel(product.price.format(), self)
        self.stock = QLabel("", self)
        self.badge = QLabel("", self)
        price_row = QHBoxLayout()
        price_row.addWidget(self.price)
        price_row.addStretch(1)
        price_row.addWidget(self.badge)
        for label in (self.brand, self.name, self.price, self.stock, self.badge):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.brand)
        layout.addWidget(self.name)
        layout.addLayout(price_row)
        layout.addWidget(self.stock)
        self.clicked.connect(lambda: self.tapped.emit(self.product))
        self.set_product(product)

    def set_product(self, p: ProductRow) -> None:
        self.product = p
        metrics = self.name.fontMetrics()
        self.name.setText(metrics.elidedText(p.name_zh, Qt.TextElideMode.ElideRight, TILE_W - 16))
        self.name.setToolTip(p.name_zh)
        spec = f"  {p.spec}" if p.spec else ""
        self.brand.setText(f"{p.brand}{spec}")
        self.price.setText(p.price.format() if p.category != "tester" else _("Tester"))
        self.stock.setText(_("On display {n} · store {m}", n=p.on_display, m=p.in_store))
        badge, colour = "", ""
        if p.needs_count:
            badge, colour = _("Sold below zero: count it"), DANGER
        elif p.low:
            badge, colour = _("Low stock"), WARN
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        self.badge.setStyleSheet(
            f"color: white; background: {colour}; border-radius: 4px; padding: 0 4px;"
            if badge
            else ""
        )
        border = colour or "#b9b4ac"
        box = (
            f"min-width: {TILE_W - 6}px; max-width: {TILE_W - 6}px; "
            f"min-height: {TILE_H - 6}px; max-height: {TILE_H - 6}px; padding: 0;"
        )
        self.setStyleSheet(
            f"QPushButton {{ {box} border: 3px solid {border}; border-radius: 8px; "
            "background: white; }"
            f"QPushButton:checked {{ border-color: {PRIMARY}; background: #e3f1f2; }}"
        )
