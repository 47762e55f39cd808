"""The Register tab: the picker on the left, the ticket on the right, the till strip on
top. A barcode scanner types its code and Enter: accepted wherever the ticket has focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from salon_desk.core.auth import Role
from salon_desk.core.i18n import _
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.picker_service import BookingPick, Pick, PickerService
from salon_desk.pos.rows import SaleRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.card_line_flow import add_card_line
from salon_desk.ui.register.choice_dialog import ChoiceDialog
from salon_desk.ui.register.payment_dialog import PaymentDialog
from salon_desk.ui.register.picker_panel import PickerPanel
from salon_desk.ui.register.ticket_panel import TicketPanel
from salon_desk.ui.register.till_bar import TillBar
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog


class RegisterTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket = Ticket()
        self.last_sale: SaleRow | None = None
        self._scan = ""
        outer = QVBoxLayout(self)
        self.till = TillBar(ctx, self)
        self.till.ticket_on_screen = lambda: self.ticket
        outer.addWidget(self.till)
        body = QHBoxLayout()
        self.picker = PickerPanel(ctx, self)
        self.picker.picked.connect(self.add_pick)
        self.picker.scanned.connect(self.scan)
        self.picker.booking_picked.connect(self.add_booking)
        body.addWidget(self.picker, 5)
        right = QVBoxLayout()
        self.panel = TicketPanel(self)
        self.panel.action.connect(self.line_action)
        right.addWidget(self.panel, 1)
        row = QHBoxLayout()
        self.discount_button = BigButton(_("Ticket discount"), self)
        self.discount_button.clicked.connect(self.ticket_discount)
        self.park_button = BigButton(_("Park"), self)
        self.park_button.clicked.connect(self.park)
        self.resume_button = BigButton(_("Resume"), self)
        self.resume_button.clicked.connect(self.resume)
        self.clear_button = BigButton(_("New ticket"), self)
        self.clear_button.clicked.connect(self.new_ticket)
        self.member_button = BigButton(_("Member"), self)
        self.member_button.clicked.connect(self.attach_member)
        self.card_button = BigButton(_("Card / top-up"), self)
        self.card_button.clicked.connect(self.sell_card)
        for b in (
            self.member_button,
            self.card_button,
            self.discount_button,
            self.park_button,
            self.resume_button,
            self.clear_button,
        ):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(b)
        right.addLayout(row)
        self.pay_button = BigButton(_("Pay"), self, role="primary", height=80)
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pay_button.clicked.connect(self.pay)
        right.addWidget(self.pay_button)
        body.addLayout(right, 6)
        outer.addLayout(body, 1)
        self.panel.table.installEventFilter(self)
        self.ctx.hub.changed.connect(self._changed)
        self.staff_names = {st.id: st.name for st in ctx.core.auth.list_staff(active_only=False)}
        self.refresh()

    # --- the barcode scanner ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code, self._scan = self._scan, ""
            if code:
                self.scan(code)
                return True
            return False
        text = event.text()
        if text and text.isprintable() and not text.isspace():
            self._scan += text
            return True
        return False

    def scan(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        pick = self.ctx.service(PickerService).by_barcode(code)
        if pick is None:
            if code.isdigit() and len(code) >= 8:
                self.ctx.error(self, _("No product with the barcode {code}.", code=code))
            return
        if self.picker.search.text():
            self.picker.search.clear()
        self.add_pick(pick)

    # --- the ticket ------------------------------------------------------------------
    def refresh(self) -> None:
        self.panel.show_ticket(self.ticket, self.staff_names)
        self.pay_button.setEnabled(not self.ticket.is_empty)
        self.pay_button.setText(_("Pay {amount}", amount=self.ticket.priced().total.format()))
        self.panel.table.setFocus()

    def add_pick(self, pick: Pick) -> None:
        seller = self.ctx.actor.staff_id if pick.kind == "product" else None
        if self.ctx.attempt(
            self, self.ticket.add, pick.kind, pick.id, pick.name, pick.price, seller_id=seller
        ):
            self.refresh()

    def add_booking(self, booking: BookingPick) -> None:
        """Ring up a finished treatment: its services with its beautician, and the member
        it was booked for (her level's discount, her cards); paying marks the appointment
        paid."""
        if booking.id in self.ticket.booking_ids:
            return
        if booking.member_id is not None and self.ticket.member is None:
            m = self.ctx.attempt(self, self.ctx.service(MemberService).get, booking.member_id)
            if m is not None and not m.erased:
                self.ticket.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
        for p in booking.services:
            line = self.ctx.attempt(
                self,
                self.ticket.add,
                "service",
                p.id,
                p.name,
                p.price,
                beautician_ids=(booking.staff_id,),
                booking_id=booking.id,
            )
            if line is None:
                break
        self.refresh()

    def line_action(self, action: str) -> None:
        key = self.panel.selected_key()
        if key is None:
            self.ctx.error(self, _("Choose a line first."))
            return
        done: object = None
        if action == "remove":
            self.ticket.remove(key)  # the key comes from the table: it is on the ticket
            done = True
        elif action == "qty":
            qty = NumPadDialog.ask(self, _("Quantity"), mode="int", minimum=1, maximum=999)
            if isinstance(qty, int):
                done = self.ctx.attempt(self, self.ticket.set_qty, key, qty)
        elif action == "discount":
            pct = NumPadDialog.ask(
                self, _("Discount"), mode="int", prompt=_("Percent off this line"), maximum=100
            )
            if isinstance(pct, int):
                done = self.ctx.guard(self, self.ticket.set_line_discount, key, bp=pct * 100)
        elif action == "gift":
            done = self.ctx.guard(self, self.ticket.make_gift, key)
        elif action == "staff":
            done = self.choose_beautician(key)
        elif action == "card":
            done = self.choose_card(key)
        if done:
            self.refresh()

    def choose_beautician(self, key: int) -> bool:
        staff = self.ctx.core.auth.list_staff(role=Role.BEAUTICIAN)
        choices = [(f"{st.number} {st.name}", st.id) for st in staff]
        chosen = ChoiceDialog.ask(self, _("Beautician"), choices)
        if chosen is None:
            return False
        line = self.ticket.line(key)
        self.ticket.set_staff(key, beautician_ids=(chosen,), seller_id=line.seller_id)
        return True

    def attach_member(self) -> None:
        text = self.ctx.prompts.text(self, _("Member"), _("Phone, name, pinyin or number"))
        if not text:
            return
        found = self.ctx.service(CardService).search(text, limit=12)
        if not found:
            self.ctx.error(self, _("No member found for {text}.", text=text))
            return
        choices = [(f"{m.name} {m.tier_name}\n{m.phone_tail}", m) for m in found]
        m = found[0] if len(found) == 1 else ChoiceDialog.ask(self, _("Member"), choices)
        if m is None:
            return
        self.ticket.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
        self.refresh()

    def choose_card(self, key: int) -> bool:
        line = self.ticket.line(key)
        if self.ticket.member is None:
            self.ctx.error(self, _("Attach the member first."))
            return False
        accounts = self.ctx.service(CardService).accounts_for_member(self.ticket.member.id)
        usable = [
            a
            for a in accounts
            if a.kind != "value" and a.status == "active" and line.item_id in a.service_ids
        ]
        if not usable:
            self.ctx.error(self, _("The member has no card for {name}.", name=line.name))
            return False
        choices = [(f"{a.product_name}\n{_('{n} left', n=a.sessions_left)}", a) for a in usable]
        chosen = usable[0] if len(usable) == 1 else ChoiceDialog.ask(self, _("Use card"), choices)
        if chosen is None:
            return False
        label = f"{chosen.product_name} {chosen.number}"
        return self.ctx.attempt(self, self.ticket.use_card, key, chosen.id, label) is not None

    def sell_card(self) -> None:
        if add_card_line(self.ctx, self, self.ticket):
            self.refresh()

    def ticket_discount(self) -> None:
        if self.ticket.is_empty:
            return
        amount = NumPadDialog.ask(self, _("Ticket discount"), prompt=_("Amount off the ticket"))
        if not isinstance(amount, Money):
            return
        if self.ctx.guard(self, self.ticket.set_ticket_discount, amount=amount) is not None:
            self.refresh()

    def new_ticket(self) -> None:
        if not self.ticket.is_empty and not self.ctx.confirm(self, _("Clear this ticket?")):
            return
        self.ticket = Ticket()
        self.refresh()

    def park(self) -> None:
        if self.ticket.is_empty:
            return
        if self.ctx.guard(self, self.ctx.service(ParkingService).park, self.ticket):
            self.ticket = Ticket()
            self.ctx.hub.notify("sales")
            self.refresh()

    def resume(self) -> None:
        parked = self.ctx.service(ParkingService).parked()
        if not parked:
            self.ctx.error(self, _("No parked tickets."))
            return
        tz = self.ctx.core.settings.tz()
        choices = [
            (f"{p.label}\n{p.total.format()}  {p.at.astimezone(tz):%H:%M}", p.id) for p in parked
        ]
        chosen = ChoiceDialog.ask(self, _("Resume a parked ticket"), choices)
        if chosen is None:
            return
        if not self.ticket.is_empty:
            self.park()
        ticket = self.ctx.guard(self, self.ctx.service(ParkingService).resume, chosen)
        if ticket is not None:
            self.ticket = ticket
            self.refresh()

    # --- paying ----------------------------------------------------------------------
    def pay(self) -> None:
        if self.ticket.is_empty:
            return
        dialog = PaymentDialog(self.ctx, self.ticket, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.sale is not None:
            self.finish(dialog.sale)

    def finish(self, sale: SaleRow) -> None:
        self.last_sale = sale
        self.ticket = Ticket()
        self.refresh()
        self.till.refresh()
        text = _(
            "Sale {number}: received {received}, change {change}.",
            number=sale.number,
            received=sale.received.format(),
            change=sale.change.format(),
        )
        if sale.warnings:
            text += "\n" + _(
                "The books show fewer than zero of: {names}", names="、".join(sale.warnings)
            )
        self.ctx.prompts.info(self, text)

    def _changed(self, topic: str) -> None:
        if topic in ("till", "sales"):
            self.till.refresh()
        self.picker.changed(topic)
