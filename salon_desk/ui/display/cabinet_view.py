"""The display cabinet drawn shelf by shelf (前台陈列), products grouped by brand, then
the products kept only in the back store: a finger-scrollable area around the painted
cabinet (:class:`CabinetCanvas`), which draws only what is on screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from salon_desk.stock.rows import ProductRow
from salon_desk.ui.display.cabinet_canvas import CabinetCanvas
from salon_desk.ui.display.cabinet_layout import GAP, TileText, columns_for, tile_text
from salon_desk.ui.widgets.touch import make_touch_scrollable


class CabinetView(QScrollArea):
    product_tapped = Signal(object)  # ProductRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_touch_scrollable(self)
        self.canvas = CabinetCanvas()
        self.canvas.tapped.connect(self.product_tapped.emit)
        self.setWidget(self.canvas)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the window, or the scroll bar came or went
            width = self.viewport().width()
            if width != self.canvas.width():
                self.canvas.relayout(width)
        return super().viewportEvent(event)

    def set_products(self, products: list[ProductRow], selected: int | None = None) -> None:
        self.canvas.selected = selected
        self.canvas.set_products(products, self.viewport().width())

    def update_product(self, p: ProductRow) -> None:
        self.canvas.replace(p)

    def columns(self) -> int:
        return columns_for(self.viewport().width())

    # --- what is shown, for the tab and for tests ---------------------------------------
    def shown_ids(self) -> list[int]:
        """The products on the cabinet, in the order they are drawn."""
        return [b.product.id for b in self.canvas.layout_.blocks if b.product is not None]

    def tile_text(self, product_id: int) -> TileText | None:
        block = self.canvas.layout_.tile(product_id)
        return tile_text(block.product) if block is not None and block.product else None

    def tile_rect(self, product_id: int) -> QRect | None:
        """Where a product's tile is, in the canvas's coordinates."""
        return self.canvas.tile_rect(product_id)

    def show_selected(self, product_id: int | None) -> None:
        """Mark ``product_id`` as the chosen one and scroll it into view."""
        self.canvas.selected = product_id
        self.canvas.update()
        rect = self.tile_rect(product_id) if product_id is not None else None
        if rect is not None:
            centre = rect.center()
            margin = rect.height() // 2 + GAP  # the whole tile, with a little room
            self.ensureVisible(centre.x(), centre.y(), rect.width() // 2, margin)
