"""Commission rates (提成比例) for managers: one row per beautician, a percentage for
services asked for by number (点钟), services in turn (轮钟), products and cards sold.
Tap a rate to change it on the keypad; each change is saved (and audited) at once."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.reports.commission import KINDS as COMMISSION_KINDS
from salon_desk.reports.commission import MAX_BP, CommissionService, RateRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

KIND_TITLES = {
    "requested": N_("Requested (点钟) %"),
    "rotation": N_("In turn (轮钟) %"),
    "product": N_("Products %"),
    "card": N_("Cards sold %"),
}

#: Asks for a rate in basis points (``None``: cancelled); tests replace it.
AskRate = Callable[[QWidget, str, int], int | None]


def percent_text(bp: int) -> str:
    return f"{bp // 100}.{bp % 100:02d}".rstrip("0").rstrip(".")


def _ask_rate(parent: QWidget, title: str, current: int) -> int | None:
    value = NumPadDialog.ask(
        parent,
        title,
        mode="money",
        prompt=_("Percentage, for example 12.5"),
        initial=percent_text(current),
        minimum=0,
        maximum=MAX_BP,
    )
    return value.fen if isinstance(value, Money) else None


def _rate(kind: str) -> Callable[[RateRow], str]:
    return lambda row: percent_text(row.rates[kind])


class CommissionDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service(CommissionService)
        self.ask_rate: AskRate = _ask_rate
        self.setWindowTitle(_("Commission rates"))
        self.resize(900, 560)
        hint = QLabel(
            _(
                "Tap a rate to change it. A service counts as 点钟 when the member booked "
                "the beautician by number, otherwise as 轮钟."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.model = RowsModel(
            [
                Column(N_("Beautician no."), attrgetter("number")),
                Column(N_("Name"), attrgetter("name")),
                *(Column(KIND_TITLES[k], _rate(k), "right") for k in COMMISSION_KINDS),
            ],
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self.edit)
        close = BigButton(_("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        rows = self.ctx.guard(self, self.service.rates)
        self.model.set_rows(rows or [])

    def edit(self, index: QModelIndex) -> None:
        column = index.column() - 2
        if not index.isValid() or not 0 <= column < len(COMMISSION_KINDS):
            return
        row: RateRow = self.model.row_at(index.row())
        kind = COMMISSION_KINDS[column]
        title = f"{row.number} {row.name} · {_(KIND_TITLES[kind])}"
        bp = self.ask_rate(self, title, row.rates[kind])
        if bp is None or bp == row.rates[kind]:
            return
        if self.ctx.guard(self, self.service.set_rate, row.staff_id, kind, bp) is not None:
            self.ctx.hub.changed.emit("commission")
            self.reload()
