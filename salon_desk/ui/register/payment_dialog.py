"""The payment screen: the amount due in large type, a cash keypad with quick notes, the
other tenders with their reference, split payments, and the received and change amounts
shown large. The payment key is made when the screen opens, so a double tap on Pay or a
repeated Enter records one sale."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import _, error_text
from salon_desk.core.money import ZERO, Money, total
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import NEEDS_REFERENCE, TENDERS, Tender, quick_notes
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.choice_dialog import ChoiceDialog
from salon_desk.ui.register.printing import wake_printer
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class PaymentDialog(QDialog):
    def __init__(self, ctx: UiContext, ticket: Ticket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket = ticket
        self.key = str(uuid.uuid4())
        self.due = ticket.priced().total
        self.tenders: list[Tender] = []
        self.sale: SaleRow | None = None
        self.setWindowTitle(_("Payment"))
        self.resize(1100, 700)
        outer = QHBoxLayout(self)

        left = QVBoxLayout()
        self.due_label = QLabel(_("Due: {amount}", amount=self.due.format()), self)
        self.due_label.setProperty("role", "big")
        left.addWidget(self.due_label)
        self.list = QListWidget(self)
        left.addWidget(self.list, 1)
        remove = BigButton(_("Remove payment"), self)
        remove.clicked.connect(self.remove_last)
        left.addWidget(remove)
        self.received_label = QLabel("", self)
        self.received_label.setProperty("role", "big")
        self.change_label = QLabel("", self)
        self.change_label.setProperty("role", "big")
        left.addWidget(self.received_label)
        left.addWidget(self.change_label)
        self.message = QLabel("", self)
        self.message.setProperty("role", "warn")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        outer.addLayout(left, 5)

        right = QVBoxLayout()
        self.amount = QLineEdit(self)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = self.amount.font()
        font.setPointSize(26)
        self.amount.setFont(font)
        self.amount.setPlaceholderText(_("Amount"))
        self.amount.returnPressed.connect(lambda: self.add("cash"))
        right.addWidget(self.amount)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(_("Reference (card slip, WeChat/Alipay number, voucher)"))
        right.addWidget(self.reference)
        notes = QHBoxLayout()
        self.note_buttons: list[BigButton] = []
        for note in quick_notes(self.due):
            label = _("Exact") if note == self.due else note.format(grouping=False)
            b = BigButton(label, self)
            b.clicked.connect(lambda _c=False, n=note: self.add_cash(n))
            notes.addWidget(b)
            self.note_buttons.append(b)
        right.addLayout(notes)
        self.pad = NumPad(self.amount, self, mode="money")
        right.addWidget(self.pad, 1)
        grid = QGridLayout()
        self.tender_buttons: dict[str, BigButton] = {}
        for i, (kind, label) in enumerate(TENDERS.items()):
            b = BigButton(_(label), self, height=56)
            b.clicked.connect(lambda _c=False, k=kind: self.add(k))
            grid.addWidget(b, i // 3, i % 3)
            self.tender_buttons[kind] = b
        right.addLayout(grid)
        row = QHBoxLayout()
        cancel = BigButton(_("Back to the ticket"), self)
        cancel.clicked.connect(self.reject)
        self.pay_button = BigButton(_("Pay"), self, role="primary", height=72)
        self.pay_button.clicked.connect(self.pay)
        row.addWidget(cancel)
        row.addWidget(self.pay_button, 2)
        right.addLayout(row)
        outer.addLayout(right, 6)
        self.refresh()

    # --- entering payments -------------------------------------------------------------
    def paid(self) -> Money:
        return total(t.amount for t in self.tenders)

    def left_to_pay(self) -> Money:
        return max(self.due - self.paid(), ZERO)

    def add_cash(self, amount: Money) -> None:
        self._append(Tender("cash", amount))

    def add(self, kind: str) -> None:
        if kind == "stored_value":
            self.add_stored_value()
            return
        text = self.amount.text().strip()
        try:
            amount = Money.parse(text) if text else self.left_to_pay()
        except Invalid as exc:
            self.message.setText(error_text(exc))
            return
        ref = self.reference.text().strip()
        if kind in NEEDS_REFERENCE and not ref:
            self.message.setText(
                _("Enter the reference of the {tender} payment.", tender=_(TENDERS[kind]))
            )
            self.reference.setFocus()
            return
        self._append(Tender(kind, amount, ref if kind != "cash" else ""))

    def add_stored_value(self) -> None:
        member = self.ticket.member
        if member is None:
            self.message.setText(_("Attach the member first."))
            return
        accounts = [
            a
            for a in self.ctx.service(CardService).accounts_for_member(member.id)
            if a.kind == "value" and a.status == "active" and a.value.fen > 0
        ]
        if not accounts:
            self.message.setText(_("{name} has no stored value.", name=member.name))
            return
        choices = [(f"{a.product_name} {a.number}\n{a.value.format()}", a) for a in accounts]
        account = (
            accounts[0]
            if len(accounts) == 1
            else ChoiceDialog.ask(self, _("Stored value"), choices)
        )
        if account is None:
            return
        text = self.amount.text().strip()
        try:
            amount = Money.parse(text) if text else min(self.left_to_pay(), account.value)
        except Invalid as exc:
            self.message.setText(error_text(exc))
            return
        self._append(Tender("stored_value", amount, account.number, account_id=account.id))

    def _append(self, tender: Tender) -> None:
        if tender.amount.fen <= 0:
            self.message.setText(_("A payment must be more than zero."))
            return
        self.tenders.append(tender)
        self.amount.clear()
        self.reference.clear()
        self.refresh()

    def remove_last(self) -> None:
        if self.tenders:
            self.tenders.pop()
            self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for t in self.tenders:
            ref = f"  {t.reference}" if t.reference else ""
            self.list.addItem(f"{_(TENDERS[t.kind])}  {t.amount.format()}{ref}")
        paid = self.paid()
        self.received_label.setText(_("Received: {amount}", amount=paid.format()))
        cash = total(t.amount for t in self.tenders if t.kind == "cash")
        change = paid - self.due if paid > self.due and cash else ZERO
        if paid < self.due:
            self.change_label.setText(
                _("Still to pay: {amount}", amount=(self.due - paid).format())
            )
        else:
            self.change_label.setText(_("Change: {amount}", amount=change.format()))
        self.message.setText("")
        self.pay_button.setEnabled(paid >= self.due and self.sale is None)

    # --- paying ----------------------------------------------------------------------
    def pay(self) -> None:
        """Record the sale. The button is disabled while paying and stays disabled after;
        a second call with the same key returns the same sale anyway."""
        if self.sale is not None:
            return
        self.pay_button.setEnabled(False)
        svc = self.ctx.service(CheckoutService)
        sale = self.ctx.guard(self, svc.pay, self.ticket, list(self.tenders), self.key)
        if sale is None:
            self.pay_button.setEnabled(self.paid() >= self.due)
            return
        self.sale = sale
        wake_printer(self.ctx)  # the receipt was queued in the sale's transaction
        self.change_label.setText(_("Change: {amount}", amount=sale.change.format()))
        self.ctx.hub.notify("sales", "till", "stock", "bookings")
        self.accept()
