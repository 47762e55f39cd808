"""The display cabinet drawn shelf by shelf (前台陈列), products grouped by brand, then
the products kept only in the back store."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import _
from salon_desk.stock.rows import ProductRow
from salon_desk.ui.display.product_tile import TILE_W, ProductTile
from salon_desk.ui.widgets.touch import make_touch_scrollable


def _shelf_order(p: ProductRow) -> tuple[str, int, str, str]:
    return (p.brand, p.position or 0, p.name_zh, p.spec)


class CabinetView(QScrollArea):
    product_tapped = Signal(object)  # ProductRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        make_touch_scrollable(self)
        self.tiles: dict[int, ProductTile] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._body: QWidget | None = None
        self._products: list[ProductRow] | None = None
        self._cols = 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.columns() != self._cols and self._products is not None:
            checked = self.group.checkedButton()
            selected = checked.product.id if isinstance(checked, ProductTile) else None
            self.set_products(self._products, selected)

    def columns(self) -> int:
        return max(1, (self.viewport().width() - 24) // (TILE_W + 8))

    def set_products(self, products: list[ProductRow], selected: int | None = None) -> None:
        self.tiles.clear()
        self.group = QButtonGroup(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(6)
        cabinets: dict[str, dict[int, list[ProductRow]]] = defaultdict(lambda: defaultdict(list))
        loose: list[ProductRow] = []
        for p in products:
            if p.cabinet:
                cabinets[p.cabinet][p.shelf or 0].append(p)
            else:
                loose.append(p)
        cols = self._cols = self.columns()
        self._products = products
        for cabinet in sorted(cabinets):
            title = QLabel(_("Display cabinet {name}", name=cabinet), body)
            title.setProperty("role", "title")
            layout.addWidget(title)
            for shelf in sorted(cabinets[cabinet]):
                self._shelf(
                    layout,
                    body,
                    _("Shelf {n}", n=shelf),
                    sorted(cabinets[cabinet][shelf], key=_shelf_order),
                    cols,
                )
        if loose:
            title = QLabel(_("Not on display (back store)"), body)
            title.setProperty("role", "title")
            layout.addWidget(title)
            self._shelf(layout, body, "", sorted(loose, key=_shelf_order), cols)
        if not products:
            empty = QLabel(_("No products to show."), body)
            empty.setProperty("role", "muted")
            layout.addWidget(empty)
        layout.addStretch(1)
        self.setWidget(body)
        self._body = body
        if selected in self.tiles:
            self.tiles[selected].setChecked(True)

    def _shelf(
        self,
        layout: QVBoxLayout,
        body: QWidget,
        title: str,
        products: list[ProductRow],
        cols: int,
    ) -> None:
        if title:
            label = QLabel(title, body)
            label.setProperty("role", "muted")
            layout.addWidget(label)
        frame = QFrame(body)
        frame.setObjectName("shelf")
        frame.setStyleSheet("QFrame#shelf { border-bottom: 4px solid #c9b99a; }")
        grid = QGridLayout(frame)
        grid.setContentsMargins(4, 4, 4, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for i, p in enumerate(products):
            tile = ProductTile(p, frame)
            tile.tapped.connect(self.product_tapped.emit)
            self.group.addButton(tile)
            grid.addWidget(tile, i // cols, i % cols)
            self.tiles[p.id] = tile
        grid.setColumnStretch(cols, 1)
        layout.addWidget(frame)

    def update_product(self, p: ProductRow) -> None:
        tile = self.tiles.get(p.id)
        if tile is not None:
            tile.set_product(p)
