"""Before a count: what to count (large buttons), and the past counts to look up or
print again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.rows import CountRow
from salon_desk.stock.rules import COUNT_STATUSES, SCOPES
from salon_desk.ui.context import UiContext
from salon_desk.ui.stockcount.sheet_print import write_sheet
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

START = 72  # px


class StartPage(QWidget):
    started = Signal(object)  # CountRow
    opened = Signal(object)  # CountRow: a past count to look up

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts = ctx.service(StockCountService)
        self.open_files = True
        layout = QVBoxLayout(self)
        title = QLabel(_("Start a stock count"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        hint = QLabel(
            _(
                "Count what is really there; the book quantities stay hidden until you "
                "finish counting. Sales can go on while you count."
            ),
            self,
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.scope_buttons: dict[str, BigButton] = {}
        for scope, label in SCOPES.items():
            button = BigButton(
                _(label), self, role="primary" if scope == "display" else None, height=START
            )
            button.clicked.connect(lambda _c=False, s=scope: self.start(s))
            row.addWidget(button)
            self.scope_buttons[scope] = button
        layout.addLayout(row)
        past = QLabel(_("Past counts"), self)
        past.setProperty("role", "title")
        layout.addWidget(past)
        tz = ctx.core.settings.tz()
        self.model = RowsModel(
            [
                Column(N_("Count No."), lambda r: r.number),
                Column(N_("Count scope"), lambda r: _(SCOPES[r.scope])),
                Column(N_("Status"), lambda r: _(COUNT_STATUSES[r.status])),
                Column(N_("Started"), lambda r: r.started_at),
                Column(N_("Counted by"), lambda r: r.started_by),
                Column(N_("Lines"), lambda r: r.lines, align="right"),
                Column(N_("Difference in value (at cost)"), lambda r: r.variance_value),
                Column(N_("Approved by"), lambda r: r.approved_by or ""),
            ],
            tz=tz,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.open_button = BigButton(_("Show the count"), self)
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_button.clicked.connect(self.open_selected)
        bottom.addWidget(self.open_button)
        self.print_button = BigButton(_("Print count sheet"), self)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_button.clicked.connect(lambda: self.print_selected())
        bottom.addWidget(self.print_button)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        self.model.set_rows(self.counts.history())
        self.table.resizeColumnsToContents()

    def start(self, scope: str) -> None:
        count = self.ctx.guard(self, self.counts.start, scope)
        if count is not None:
            self.ctx.hub.notify("stock")
            self.started.emit(count)

    def selected(self) -> CountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        count = self.selected()
        if count is None:
            self.ctx.error(self, _("Choose a count in the list first."))
            return
        self.opened.emit(self.counts.get(count.id))

    def print_selected(self, path: Path | None = None) -> Path | None:
        count = self.selected()
        if count is None:
            self.ctx.error(self, _("Choose a count in the list first."))
            return None
        return write_sheet(self, self.ctx, count, path, open_file=self.open_files)
