"""The stock count tab: the start page, or the count in progress (also after a restart:
an open count is picked up where it stopped)."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.rows import CountRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.stockcount.count_page import CountPage
from salon_desk.ui.stockcount.start_page import StartPage


class StockCountTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts = ctx.service(StockCountService)
        self.stack = QStackedWidget(self)
        self.start_page = StartPage(ctx, self)
        self.count_page = CountPage(ctx, self)
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.count_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.stack)
        self.start_page.started.connect(self.show_count)
        self.start_page.opened.connect(self.show_count)
        self.count_page.closed.connect(self.refresh)
        ctx.hub.changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        current = self.counts.current()
        if current is not None:
            self.show_count(current)
            return
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)

    def show_count(self, count: CountRow) -> None:
        self.count_page.load(count)
        self.stack.setCurrentWidget(self.count_page)

    def _changed(self, topic: str) -> None:
        # A sale made during the count changes nothing visible while counting (blind);
        # in the start page the history may have changed.
        if topic == "stock" and self.stack.currentWidget() is self.start_page:
            self.start_page.refresh()
