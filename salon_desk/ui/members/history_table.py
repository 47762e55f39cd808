"""One page of the member's history (visits, purchases, follow-up calls): a table filled
for the chosen member, refreshed when sales, bookings or calls change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

TOPICS = ("sales", "bookings", "calls", "members", "cards")


class HistoryTable(QWidget):
    def __init__(
        self,
        ctx: UiContext,
        columns: Sequence[Column],
        load: Callable[[int], list[Any]],
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.load = load
        self.empty_text = empty_text
        self.member_id: int | None = None
        layout = QVBoxLayout(self)
        self.model = RowsModel(columns, tz=ctx.core.settings.tz())
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        self.hint = QLabel("", self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        ctx.hub.changed.connect(self._on_changed)

    def _on_changed(self, topic: str) -> None:
        if topic in TOPICS and self.member_id is not None:
            self.refresh()

    def show_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.refresh()

    def refresh(self) -> None:
        if self.member_id is None:
            self.model.set_rows([])
            self.hint.setText("")
            return
        rows = self.ctx.attempt(self, self.load, self.member_id) or []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.hint.setText("" if rows else self.empty_text)
