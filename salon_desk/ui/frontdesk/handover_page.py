"""Handover items carried from shift to shift until someone closes them, with the
register's last closing handover shown above them."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.handover_service import HandoverService
from salon_desk.frontdesk.open_items import open_items
from salon_desk.frontdesk.rows import HandoverRow
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage, line
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column

COLUMNS = [
    Column(N_("Written"), lambda r: r.at),
    Column(N_("Written by"), lambda r: r.staff_name),
    Column(N_("Handover note"), lambda r: r.text),
]


class HandoverPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(HandoverService)
        form = QHBoxLayout()
        self.text = line(self, _("An item for the next shift"), 1000)
        self.add_button = BigButton(_("Add"), self, role="primary")
        self.add_button.clicked.connect(self._add)
        form.addWidget(self.text, 1)
        form.addWidget(self.add_button)
        self.body.addLayout(form)
        self.open_box = QGroupBox(_("Open items now"), self)
        self.open_items = QLabel(self.open_box)
        self.open_items.setWordWrap(True)
        QVBoxLayout(self.open_box).addWidget(self.open_items)
        self.body.addWidget(self.open_box)
        self.body.addWidget(self.note)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.close_button = BigButton(_("Done: close the chosen item"), self)
        self.close_button.clicked.connect(self._close)
        actions.addWidget(self.close_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.refresh()

    def _add(self) -> None:
        if self.ctx.guard(self, self.svc.add, self.text.text()) is not None:
            self.text.clear()
            self.refresh()
            self.changed()

    def _close(self) -> None:
        row: HandoverRow | None = self.selected()
        if row is None:
            return
        note = self.ctx.prompts.text(self, _("Close"), _("What was done? (optional)"))
        if note is None:
            return
        if self.ctx.guard(self, self.svc.close, row.id, note) is not None:
            self.refresh()
            self.changed()

    def _register_handover(self) -> str:
        text: str = self.ctx.service(TillService).status().previous_handover
        return text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_open_items()  # tickets, calls and stock change all day

    def _show_open_items(self) -> None:
        if not self.isVisible():  # not on screen (being built, or another page or tab is
            return  # shown): read when it is shown (low stock sums every product)
        items = open_items(self.ctx.core)
        lines = items.lines() or [_("Nothing open: no parked tickets, calls or low stock.")]
        self.open_items.setText("\n".join(f"• {text}" for text in lines))

    def refresh(self) -> None:
        self.model.set_rows(self.svc.notes())
        self._show_open_items()
        register = self._register_handover()
        if register:
            self.note.setText(_("From the register's closing: {text}", text=register))
            self.note.show()
        else:
            self.note.hide()
