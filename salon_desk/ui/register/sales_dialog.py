"""Today's sales (or one found by its number) with void and refund: the whole sale of
today, or a line of any sale, with a reason and, where the role needs one, a manager's PIN."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.invoice_service import InvoiceService
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import TENDERS
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.choice_dialog import ChoiceDialog
from salon_desk.ui.register.printing import wake_printer
from salon_desk.ui.register.receipt_dialog import ReceiptDialog
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def _state(sale: SaleRow) -> str:
    if sale.voided:
        return _("Voided")
    if sale.refunded:
        return _("Refunded {amount}", amount=sale.refunded.format())
    return ""


class SalesDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Sales"))
        self.resize(1100, 650)
        layout = QVBoxLayout(self)
        find = QHBoxLayout()
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_("Receipt number, e.g. 20261128-0007"))
        self.number.returnPressed.connect(self.find_sale)
        find_button = BigButton(_("Find"), self)
        find_button.clicked.connect(self.find_sale)
        today = BigButton(_("Today"), self)
        today.clicked.connect(self.load_today)
        find.addWidget(self.number, 1)
        find.addWidget(find_button)
        find.addWidget(today)
        layout.addLayout(find)
        self.model = RowsModel(
            [
                Column(N_("Receipt No."), lambda r: r.number),
                Column(N_("Time"), lambda r: r.at),
                Column(N_("Total"), lambda r: r.total),
                Column(N_("Paid by"), lambda r: " ".join(_(TENDERS[p.tender]) for p in r.payments)),
                Column(N_("State"), _state),
            ],
            tz=ctx.core.settings.tz(),
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 120)
        self.table.setColumnWidth(3, 220)
        layout.addWidget(self.table, 1)
        self.message = QLabel("", self)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.void_button = BigButton(_("Void sale"), self, role="danger")
        self.void_button.clicked.connect(self.void)
        self.refund_button = BigButton(_("Refund a line"), self)
        self.refund_button.clicked.connect(self.refund)
        self.invoice_button = BigButton(_("Invoice"), self)
        self.invoice_button.clicked.connect(self.invoice)
        self.pending_button = BigButton(_("Pending invoices"), self)
        self.pending_button.clicked.connect(self.pending_invoices)
        self.receipt_button = BigButton(_("Receipt"), self)
        self.receipt_button.clicked.connect(self.receipt)
        close = BigButton(_("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(self.void_button)
        row.addWidget(self.refund_button)
        row.addWidget(self.invoice_button)
        row.addWidget(self.pending_button)
        row.addWidget(self.receipt_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.load_today()

    def load_today(self) -> None:
        self.model.set_rows(self.ctx.service(CheckoutService).sales_of_day())
        if self.model.rowCount():
            self.table.selectRow(0)

    def find_sale(self) -> None:
        number = self.number.text().strip()
        if not number:
            return
        sale = self.ctx.attempt(self, self.ctx.service(CheckoutService).sale, number)
        if sale is not None:
            self.model.set_rows([sale])
            self.table.selectRow(0)

    def selected(self) -> SaleRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.ctx.error(self, _("Choose a sale first."))
            return None
        sale: SaleRow = self.model.row_at(rows[0].row())
        return sale

    def receipt(self) -> None:
        """The sale's receipt on screen as it prints, with its print state."""
        sale = self.selected()
        if sale is not None:
            ReceiptDialog.show_for(self.ctx, sale.number, self)

    def _reason(self, title: str) -> str | None:
        return self.ctx.prompts.text(self, title, _("Reason"))

    def void(self) -> None:
        sale = self.selected()
        if sale is None:
            return
        reason = self._reason(_("Void sale {number}", number=sale.number))
        if not reason:
            return
        done = self.ctx.guard(self, self.ctx.service(RefundService).void, sale.number, reason)
        if done is not None:
            self._done(done.total.format(), done.payments)

    def refund(self) -> None:
        sale = self.selected()
        if sale is None:
            return
        open_lines = [ln for ln in sale.lines if ln.refunded_qty < ln.qty]
        if not open_lines:
            self.ctx.error(self, _("Nothing left to refund on this sale."))
            return
        choices = [
            (f"{ln.name} ×{ln.qty - ln.refunded_qty}\n{ln.net.format()}", ln) for ln in open_lines
        ]
        line = ChoiceDialog.ask(self, _("Refund which line?"), choices)
        if line is None:
            return
        qty = 1
        left = line.qty - line.refunded_qty
        if left > 1:
            asked = NumPadDialog.ask(self, _("Quantity"), mode="int", minimum=1, maximum=left)
            if not isinstance(asked, int):
                return
            qty = asked
        restock = True
        if line.kind == "product":
            restock = self.ctx.confirm(self, _("Can it go back on the shelf (unopened)?"))
        reason = self._reason(_("Refund {name}", name=line.name))
        if not reason:
            return
        svc = self.ctx.service(RefundService)
        done = self.ctx.guard(
            self, svc.refund, sale.number, {line.id: qty}, reason, restock=restock
        )
        if done is not None:
            self._done(done.total.format(), done.payments)

    def invoice(self) -> None:
        sale = self.selected()
        if sale is None:
            return
        title = self.ctx.prompts.text(self, _("Invoice"), _("Invoice title (company or name)"))
        if not title:
            return
        tax = self.ctx.prompts.text(self, _("Invoice"), _("Tax number (empty for a person)"))
        if tax is None:
            return
        svc = self.ctx.service(InvoiceService)
        done = self.ctx.guard(self, svc.request, sale.number, title=title, tax_number=tax)
        if done is not None:
            self.message.setText(_("Invoice noted for sale {number}.", number=sale.number))

    def pending_invoices(self) -> None:
        rows = self.ctx.service(InvoiceService).pending()
        if not rows:
            self.ctx.prompts.info(self, _("No invoices waiting."))
            return
        text = "\n".join(
            f"{r.sale_number}  {r.sale_total.format()}  {r.title}  {r.tax_number}" for r in rows
        )
        self.ctx.prompts.info(self, text)

    def _done(self, amount: str, payments: tuple[tuple[str, object], ...]) -> None:
        back = "  ".join(f"{_(TENDERS[t])} {a}" for t, a in payments)
        self.message.setText(_("Money back {amount}: {tenders}", amount=amount, tenders=back))
        wake_printer(self.ctx)  # the refund slip was queued with the refund
        self.ctx.hub.notify("sales", "till", "stock", "printing")
        if self.number.text().strip():
            self.find_sale()
        else:
            self.load_today()
