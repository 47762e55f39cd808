"""The till strip above the register: the day's state, and opening, X report, drawer and
closing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QWidget

from salon_desk.core.i18n import _
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.rules import TENDERS
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.choice_dialog import ChoiceDialog
from salon_desk.ui.register.close_dialog import CloseDialog
from salon_desk.ui.register.closing_backup import ClosingBackup
from salon_desk.ui.register.count_dialog import CountDialog
from salon_desk.ui.register.sales_dialog import SalesDialog
from salon_desk.ui.register.z_pdf import ZPdfWriter
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog


class TillBar(QWidget):
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.z_writer = ZPdfWriter(ctx, self)
        self.closing_backup = ClosingBackup(ctx, self)
        #: The ticket rung up on screen (the register sets it): closing waits for it.
        self.ticket_on_screen: Callable[[], Ticket | None] = lambda: None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status, 1)
        self.open_button = BigButton(_("Count the float"), self, role="primary")
        self.open_button.clicked.connect(self.open_day)
        self.x_button = BigButton(_("X report"), self)
        self.x_button.clicked.connect(self.x_report)
        self.drawer_button = BigButton(_("Open drawer"), self)
        self.drawer_button.clicked.connect(self.no_sale)
        self.cash_button = BigButton(_("Paid in / out"), self)
        self.cash_button.clicked.connect(self.paid_in_out)
        self.sales_button = BigButton(_("Sales and refunds"), self)
        self.sales_button.clicked.connect(self.sales)
        self.close_button = BigButton(_("Close the day"), self)
        self.close_button.clicked.connect(self.close_day)
        self.z_button = BigButton(_("Z report PDF"), self)
        self.z_button.clicked.connect(self.z_pdf)
        self.z_writer.busy.connect(lambda busy: self.z_button.setEnabled(not busy))
        for b in (
            self.open_button,
            self.x_button,
            self.drawer_button,
            self.cash_button,
            self.sales_button,
            self.close_button,
            self.z_button,
        ):
            layout.addWidget(b)
        self.refresh()

    def refresh(self) -> None:
        st = self.ctx.service(TillService).status()
        parts = [st.day.isoformat()]
        if st.closed:
            parts.append(_("Closed ({number})", number=st.z_number or ""))
        elif st.opened and st.opening_float is not None:
            parts.append(_("Float {amount}", amount=st.opening_float.format()))
        else:
            parts.append(_("Till not opened"))
            if st.previous_day is not None and not st.previous_settled:
                parts.append(_("{day} was not settled", day=st.previous_day.isoformat()))
        if st.previous_handover and not st.closed:
            parts.append(_("Handover: {text}", text=st.previous_handover))
        self.status.setText("   ".join(parts))
        self.open_button.setVisible(not st.opened and not st.closed)
        self.drawer_button.setEnabled(st.opened and not st.closed)
        self.cash_button.setEnabled(st.opened and not st.closed)
        self.close_button.setEnabled(st.opened and not st.closed)
        self.close_button.setVisible(not st.closed)
        self.z_button.setVisible(st.closed)

    def open_day(self) -> None:
        till = self.ctx.service(TillService)
        st = till.status()
        prompt = _("Count the float (备用金) by denomination.")
        if st.expected_float is not None:
            prompt += " " + _("Yesterday kept {amount}.", amount=st.expected_float.format())
        counts = CountDialog.ask(self, _("Opening float"), prompt)
        if counts is None:
            return
        done = self.ctx.guard(self, till.open_day, counts)
        if done is None:
            return
        if done.difference is not None and done.expected_float is not None:
            self.ctx.prompts.error(
                self,
                _(
                    "The float is {counted}, yesterday kept {expected} ({difference}).",
                    counted=done.opening_float.format(),
                    expected=done.expected_float.format(),
                    difference=done.difference.format(),
                ),
            )
        self.ctx.hub.notify("till")
        self.refresh()
        self.changed.emit()

    def x_report(self) -> None:
        x = self.ctx.service(TillService).x_report()
        lines = [
            _("X report {day}", day=x.day.isoformat()),
            _("Sales: {n}  Takings: {amount}", n=x.sales, amount=x.takings.format()),
            _("Refunds: {n}  {amount}", n=x.refunds, amount=x.refunded.format()),
        ]
        lines += [f"{_(TENDERS[k])}: {v.format()}" for k, v in x.by_tender.items() if v]
        if x.card_refunds_paid:
            lines.append(f"{_('Card refunds paid out')}: {(-x.card_refunds_paid).format()}")
        lines += [
            f"{_('Card refunds paid back')} · {_(TENDERS.get(k, k))}: {(-v).format()}"
            for k, v in x.card_payouts.items()
        ]
        lines.append(_("Cash expected in the drawer: {amount}", amount=x.expected_cash.format()))
        self.ctx.prompts.info(self, "\n".join(lines))

    def no_sale(self) -> None:
        reason = self.ctx.prompts.text(self, _("Open drawer"), _("Why open the drawer?"))
        if not reason:
            return
        till = self.ctx.service(TillService)
        if self.ctx.guard(self, till.no_sale, reason) is not None:
            self.ctx.hub.notify("till")

    def paid_in_out(self) -> None:
        till = self.ctx.service(TillService)
        way = ChoiceDialog.ask(
            self,
            _("Paid in / out"),
            [(_("Cash paid in"), till.paid_in), (_("Cash paid out"), till.paid_out)],
        )
        if way is None:
            return
        amount = NumPadDialog.ask(self, _("Amount"), minimum=1)
        if not isinstance(amount, Money):
            return
        reason = self.ctx.prompts.text(self, _("Paid in / out"), _("Reason"))
        if not reason:
            return
        if self.ctx.guard(self, way, amount, reason) is not None:
            self.ctx.hub.notify("till")

    def sales(self) -> None:
        SalesDialog(self.ctx, self).exec()
        self.refresh()
        self.changed.emit()

    def close_day(self) -> None:
        on_screen = self.ticket_on_screen()
        if on_screen is not None and not on_screen.is_empty:
            names = "、".join(line.name for line in on_screen.lines)
            self.ctx.prompts.error(
                self,
                _(
                    "The ticket on screen is not paid ({ticket}): pay it, park it or clear it "
                    "before closing the day.",
                    ticket=f"{names} {on_screen.priced().total.format()}",
                ),
            )
            return
        if not self.ctx.attempt(self, self.ctx.service(TillService).check_can_close):
            return
        counts = CountDialog.ask(
            self, _("Close the day"), _("Count the drawer before the expected amount is shown.")
        )
        if counts is None:
            return
        dialog = CloseDialog(self.ctx, counts, self)
        z = dialog.z if dialog.exec() == QDialog.DialogCode.Accepted else None
        self.refresh()
        self.changed.emit()
        if z is None:
            return
        self.closing_backup.start()  # copied while the counter reads on
        done = _(
            "Day closed: Z report {number}. To the safe: {amount}.",
            number=z.number,
            amount=z.to_safe.format(),
        )
        save = self.ctx.prompts.confirm(
            self,
            done + "\n\n" + _("Save the Z report as a PDF to print it on A4?"),
            yes=_("Save the PDF"),
            no=_("Done"),
        )
        if save:
            self.z_writer.write(z.day, z.number)

    def z_pdf(self) -> None:
        """The Z report of today, once closed, as a PDF again (to print or keep)."""
        st = self.ctx.service(TillService).status()
        if st.closed and st.z_number:
            self.z_writer.write(st.day, st.z_number)
