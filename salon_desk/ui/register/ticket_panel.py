"""The ticket: its lines (with the beautician or seller), the totals in large type, and
the line actions a finger needs: quantity, discount, gift, remove."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


@dataclass(frozen=True)
class TicketRow:
    key: int
    name: str
    qty: int
    unit_price: Money
    amount: Money
    note: str


def ticket_rows(ticket: Ticket, staff_names: dict[int, str]) -> list[TicketRow]:
    priced = ticket.priced()
    rows = []
    for line, p in zip(ticket.lines, priced.lines, strict=True):
        notes = []
        if line.kind == "card_sale":
            notes.append(_("New card"))
        if line.kind == "top_up":
            notes.append(_("Top-up"))
            if line.bonus:
                notes.append(_("Bonus {amount}", amount=line.bonus.format()))
        if line.gift:
            notes.append(_("Gift"))
        if line.trial_code:
            notes.append(_("Trial voucher"))
        if line.card_label:
            notes.append(line.card_label)
        if p.line_discount:
            notes.append(_("Discount {amount}", amount=p.line_discount.format()))
        names = [staff_names.get(i, "") for i in line.beautician_ids]
        if line.seller_id:
            names.append(staff_names.get(line.seller_id, ""))
        notes.extend(n for n in names if n)
        rows.append(
            TicketRow(line.key, line.name, line.qty, line.unit_price, p.net, " ".join(notes))
        )
    return rows


class TicketPanel(QWidget):
    action = Signal(str)  # "qty", "discount", "staff", "card", "gift", "remove"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.member = QLabel("", self)
        self.member.setProperty("role", "title")
        layout.addWidget(self.member)
        self.model = RowsModel(
            [
                Column(N_("Item"), lambda r: r.name),
                Column(N_("Qty"), lambda r: r.qty, align="right"),
                Column(N_("Price"), lambda r: r.unit_price),
                Column(N_("Amount"), lambda r: r.amount),
                Column(N_("Note"), lambda r: r.note),
            ]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 60)
        self.table.setColumnWidth(2, 110)
        self.table.setColumnWidth(3, 110)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for key, label in (
            ("qty", _("Quantity")),
            ("discount", _("Discount")),
            ("staff", _("Beautician")),
            ("card", _("Use card")),
            ("gift", _("Gift")),
            ("remove", _("Remove")),
        ):
            b = BigButton(label, self)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, k=key: self.action.emit(k))
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.totals = QLabel("", self)
        self.totals.setProperty("role", "muted")
        layout.addWidget(self.totals)
        self.total = QLabel("", self)
        self.total.setProperty("role", "big")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.total)

    def show_ticket(self, ticket: Ticket, staff_names: dict[int, str]) -> None:
        selected = self.selected_key()
        m = ticket.member
        self.member.setText(
            _("Member: {name} {tier}", name=m.name, tier=m.tier_name) if m else _("No member")
        )
        rows = ticket_rows(ticket, staff_names)
        self.model.set_rows(rows)
        keys = [r.key for r in rows]
        if rows:
            row = keys.index(selected) if selected in keys else len(rows) - 1
            self.table.selectRow(row)
        p = ticket.priced()
        self.totals.setText(
            _(
                "Subtotal {subtotal}   Discounts {discount}",
                subtotal=p.subtotal.format(),
                discount=p.discount.format(),
            )
        )
        self.total.setText(_("Total: {amount}", amount=p.total.format()))

    def selected_key(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        row: TicketRow = self.model.row_at(rows[0].row())
        return row.key
