"""The painted cabinet: one widget that draws the blocks of a :class:`Layout` (titles,
shelf names, product tiles, shelf boards) that are on screen, and reports a tapped tile.
Hundreds of products cost a list of rows, not hundreds of buttons and labels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

import salon_desk.ui.widgets.none_guard  # noqa: F401  (QPainter drops references to None)
from salon_desk.stock.rows import ProductRow
from salon_desk.ui.display.cabinet_layout import (
    DANGER_BADGE,
    WARN_BADGE,
    Block,
    Layout,
    lay_out,
    tile_text,
)
from salon_desk.ui.style import DANGER, INK, MUTED, PRIMARY, WARN

TAP_SLOP = 12  # px a finger may move and still tap
BORDER = "#b9b4ac"
LEDGE = "#c9b99a"
LINES = 4  # brand, name, price and badge, stock
PAD_X, PAD_Y = 11, 7  # border and padding inside a tile
TITLE_PT = 18


class CabinetCanvas(QWidget):
    tapped = Signal(object)  # ProductRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products: list[ProductRow] = []
        self.layout_: Layout = Layout((), 0, 1)
        self.selected: int | None = None
        self._pressed: Block | None = None
        self._press_at: QPoint | None = None
        self._title_font = QFont(self.font())
        self._title_font.setPointSize(TITLE_PT)
        self._title_font.setBold(True)

    # --- data --------------------------------------------------------------------------
    def set_products(self, products: list[ProductRow], width: int) -> None:
        self.products = products
        self.relayout(width)

    def relayout(self, width: int) -> None:
        title_h = QFontMetrics(self._title_font).height() + 4
        label_h = self.fontMetrics().height() + 4
        self.layout_ = lay_out(self.products, width, title_h=title_h, label_h=label_h)
        self.setFixedSize(width, self.layout_.height)
        self.update()

    def replace(self, product: ProductRow) -> None:
        """One product's new figures, in place."""
        self.products = [product if p.id == product.id else p for p in self.products]
        self.relayout(self.width())

    def tile_rect(self, product_id: int) -> QRect | None:
        block = self.layout_.tile(product_id)
        return QRect(block.x, block.y, block.w, block.h) if block is not None else None

    # --- input -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        self._press_at = point
        self._pressed = self.layout_.at(point.x(), point.y())
        self._repaint(self._pressed)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        pressed, start = self._pressed, self._press_at
        self._pressed = self._press_at = None
        self._repaint(pressed)
        if pressed is None or start is None or (point - start).manhattanLength() > TAP_SLOP:
            return
        if pressed.contains(point.x(), point.y()) and pressed.product is not None:
            self.tapped.emit(pressed.product)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.layout_.at(event.pos().x(), event.pos().y())
            if block is not None and block.product is not None:
                QToolTip.showText(event.globalPos(), block.product.name_zh, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _repaint(self, block: Block | None) -> None:
        if block is not None:
            self.update(QRect(block.x, block.y, block.w, block.h))

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        clip = event.rect()
        top, bottom = clip.top(), clip.bottom()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        for block in self.layout_.blocks:
            if block.y > bottom:
                break
            if block.y + block.h < top:
                continue
            if block.kind == "tile":
                self._paint_tile(p, block, base, bold)
            elif block.kind == "ledge":
                p.fillRect(block.x, block.y, block.w, block.h, QColor(LEDGE))
            else:
                title = block.kind == "cabinet"
                p.setFont(self._title_font if title else base)
                p.setPen(QColor(INK if title else MUTED))
                rect = QRect(block.x, block.y, block.w, block.h)
                p.drawText(
                    rect,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    block.text,
                )
        p.end()

    def _paint_tile(self, p: QPainter, block: Block, base: QFont, bold: QFont) -> None:
        product = block.product
        assert product is not None
        text = tile_text(product)
        colour = {DANGER_BADGE: DANGER, WARN_BADGE: WARN}.get(text.badge_kind, "")
        rect = QRect(block.x, block.y, block.w, block.h)
        fill = "white"
        border = colour or BORDER
        if product.id == self.selected:
            fill, border = "#e3f1f2", PRIMARY
        if self._pressed is block:
            fill = "#dcd7cf"
        p.setPen(QPen(QColor(border), 3))
        p.setBrush(QColor(fill))
        p.drawRoundedRect(rect.adjusted(1, 1, -2, -2), 8, 8)
        inner = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        line_h = inner.height() // LINES
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        def line(n: int) -> QRect:
            return QRect(inner.left(), inner.top() + n * line_h, inner.width(), line_h)

        p.setFont(base)
        p.setPen(QColor(MUTED))
        p.drawText(
            line(0),
            left,
            p.fontMetrics().elidedText(text.brand, Qt.TextElideMode.ElideRight, inner.width()),
        )
        p.setFont(bold)
        p.setPen(QColor(INK))
        name = p.fontMetrics().elidedText(text.name, Qt.TextElideMode.ElideRight, inner.width())
        p.drawText(line(1), left, name)
        p.setFont(base)
        metrics = p.fontMetrics()
        p.drawText(line(2), left, text.price)
        stock = metrics.elidedText(text.stock, Qt.TextElideMode.ElideRight, inner.width())
        p.drawText(line(3), left, stock)
        if text.badge:  # beside the price, cut short where a language makes it long
            room = inner.width() - metrics.horizontalAdvance(text.price) - 6
            label = metrics.elidedText(text.badge, Qt.TextElideMode.ElideRight, room - 8)
            width = min(metrics.horizontalAdvance(label) + 8, room)
            badge = QRect(inner.right() - width + 1, line(2).top() + 2, width, line_h - 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(colour))
            p.drawRoundedRect(badge, 4, 4)
            p.setPen(QColor("white"))
            p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)
