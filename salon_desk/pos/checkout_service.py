"""Checkout: one payment = one transaction holding the sale, its lines and payments, the
vouchers used, the stock taken off the shelf and the bookings marked paid.

Paying is idempotent. The payment screen makes a key (a UUID) when it opens; the key is a
UNIQUE column of the sale, so a double tap, a repeated Enter, or a crash and a retry after
restart returns the sale already made instead of making a second one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.booking.api import mark_paid_in
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.cards import (
    account_in,
    sell_card_in,
    spend_value_in,
    top_up_in,
    use_sessions_in,
)
from salon_desk.pos.cart import Line, Ticket
from salon_desk.pos.checkout_checks import (
    approver_in,
    check_card_payments,
    check_lines_in,
    check_member_in,
)
from salon_desk.pos.days import require_trading_in
from salon_desk.pos.models import Payment, Sale, SaleLine, SaleLineBeautician, VoucherUse
from salon_desk.pos.print_queue import enqueue_in
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import (
    CARD_LINE_KINDS,
    LINE_KINDS,
    Settlement,
    Tender,
    check_amount,
    check_bp,
    check_qty,
    discount_bp_of,
    limit_bp,
    settle,
)
from salon_desk.pos.sale_read import receipt_data, sale_row
from salon_desk.stock.moves import sell_in

_KEY = re.compile(r"^[0-9A-Za-z-]{8,40}$")


class CheckoutService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading ---------------------------------------------------------------------
    def sale(self, number: str) -> SaleRow:
        with self.core.db.read() as s:
            sale = s.scalar(select(Sale).where(Sale.number == (number or "").strip()))
            if sale is None:
                raise NotFound(N_("No sale with the number {number}."), number=number)
            return sale_row(s, sale)

    def sales_of_day(self, day: object = None) -> list[SaleRow]:
        the_day = day or local_day(self.core.clock.now(), self.core.settings.tz())
        with self.core.db.read() as s:
            q = select(Sale).where(Sale.day == the_day).order_by(Sale.at.desc(), Sale.id.desc())
            return [sale_row(s, sale) for sale in s.scalars(q)]

    def find_by_key(self, key: str) -> SaleRow | None:
        with self.core.db.read() as s:
            sale = s.scalar(select(Sale).where(Sale.idempotency_key == key))
            return sale_row(s, sale, replayed=True) if sale else None

    # --- paying ----------------------------------------------------------------------
    def pay(
        self, actor: Actor, ticket: Ticket, payments: Sequence[Tender], idempotency_key: str
    ) -> SaleRow:
        """Record the sale. Everything is checked first; nothing is saved on any error.
        Called again with the same key it returns the same sale (``replayed=True``)."""
        require(actor, Perm.SELL)
        if not isinstance(idempotency_key, str) or not _KEY.match(idempotency_key):
            raise Invalid(N_("This payment has no valid key; open the payment screen again."))
        done = self.find_by_key(idempotency_key)
        if done is not None:
            return done
        if ticket.is_empty:
            raise Invalid(N_("The ticket is empty."))
        for line in ticket.lines:  # a resumed parked ticket has not passed the cart's checks
            if line.kind not in LINE_KINDS:
                raise Invalid(N_("Unknown kind of line: {kind}"), kind=str(line.kind)[:20])
            check_qty(line.qty)
            check_amount(line.unit_price, field="price")
            check_bp(line.discount_bp)
            check_amount(line.discount, field="discount")
        priced = ticket.priced()
        settlement = settle(priced.total, list(payments))
        check_card_payments(ticket, list(payments), settlement)
        try:
            with self.core.db.tx() as s:
                again = s.scalar(select(Sale).where(Sale.idempotency_key == idempotency_key))
                if again is not None:
                    return sale_row(s, again, replayed=True)
                return self._write(s, actor, ticket, list(payments), idempotency_key, settlement)
        except IntegrityError:
            # Another counter (or a second tap in another process) committed this key first.
            done = self.find_by_key(idempotency_key)
            if done is not None:
                return done
            raise

    def _write(
        self,
        s: Session,
        actor: Actor,
        ticket: Ticket,
        payments: list[Tender],
        key: str,
        settlement: Settlement,
    ) -> SaleRow:
        clock = self.core.clock
        now = clock.now()
        day = local_day(now, self.core.settings.tz())
        require_trading_in(s, day)
        priced = ticket.priced()
        check_member_in(s, ticket, payments)
        approvals = check_lines_in(s, actor, ticket)
        if ticket.lines:
            before = ticket.priced().total + priced.ticket_discount
            share = discount_bp_of(priced.ticket_discount, before)
            if share > limit_bp(actor) and not actor.can(Perm.DISCOUNT_OVER_LIMIT):
                approver_in(s, ticket.discount_by)
                approvals.append(("ticket", ticket.discount_by))
        number = next_number(s, "receipt", day)
        sale = Sale(
            number=number,
            idempotency_key=key,
            day=day,
            at=now,
            staff_id=actor.staff_id,
            member_id=ticket.member.id if ticket.member else None,
            member_name=ticket.member.name if ticket.member else "",
            member_tier_bp=ticket.member_bp,
            subtotal_fen=priced.subtotal.fen,
            member_discount_fen=priced.member_discount.fen,
            line_discount_fen=priced.line_discount.fen,
            ticket_discount_fen=priced.ticket_discount.fen,
            ticket_discount_bp=ticket.discount_bp,
            ticket_discount_by=ticket.discount_by,
            total_fen=priced.total.fen,
            received_fen=settlement.received.fen,
            change_fen=settlement.change.fen,
        )
        s.add(sale)
        s.flush()
        warnings: list[str] = []
        touched: list[int] = []
        card_lines: list[tuple[Line, Money, SaleLine]] = []
        for seq, (line, p) in enumerate(zip(ticket.lines, priced.lines, strict=True), start=1):
            row = SaleLine(
                sale_id=sale.id,
                seq=seq,
                kind=line.kind,
                service_id=line.item_id if line.kind == "service" else None,
                product_id=line.item_id if line.kind == "product" else None,
                name=line.name,
                unit_price_fen=line.unit_price.fen,
                qty=line.qty,
                list_fen=p.list_value.fen,
                gross_fen=p.gross.fen,
                member_discount_fen=p.member_discount.fen,
                line_discount_fen=p.line_discount.fen,
                ticket_share_fen=p.ticket_share.fen,
                net_fen=p.net.fen,
                discount_bp=line.discount_bp,
                discount_fen=line.discount.fen,
                discount_by=line.discount_by,
                gift=line.gift,
                trial_code=line.trial_code,
                seller_id=line.seller_id,
                card_product_id=line.item_id if line.kind == "card_sale" else None,
                card_account_id=(line.item_id if line.kind == "top_up" else line.card_account_id),
                bonus_fen=line.bonus.fen,
            )
            s.add(row)
            s.flush()
            if line.kind in CARD_LINE_KINDS:
                card_lines.append((line, p.net, row))
            for staff_id in dict.fromkeys(line.beautician_ids):
                s.add(SaleLineBeautician(line_id=row.id, staff_id=staff_id))
            if line.trial_code:
                self._use_voucher(s, line.trial_code, "trial", sale.id)
            if line.card_account_id is not None:
                use_sessions_in(
                    s,
                    clock,
                    actor,
                    account_id=line.card_account_id,
                    service_id=line.item_id,
                    sessions=line.qty,
                    sale_ref=number,
                )
                touched.append(line.card_account_id)
            if line.kind == "product":
                move = sell_in(
                    s, clock, actor, product_id=line.item_id, qty=line.qty, sale_ref=number
                )
                if move.went_negative:
                    warnings.append(move.product_name)
        for seq, (t, applied) in enumerate(zip(payments, settlement.applied, strict=True), 1):
            ref = (t.reference or "").strip()
            if t.kind == "voucher":
                self._use_voucher(s, ref, "cash", sale.id)
            if t.kind == "stored_value" and t.account_id is not None:
                spend_value_in(
                    s, clock, actor, account_id=t.account_id, amount=applied, sale_ref=number
                )
                ref = account_in(s, t.account_id).number
                touched.append(t.account_id)
            s.add(
                Payment(
                    sale_id=sale.id,
                    seq=seq,
                    tender=t.kind,
                    amount_fen=applied.fen,
                    received_fen=t.amount.fen,
                    reference=ref,
                )
            )
        # cards sold and topped up after the stored value is spent: the member pays from
        # the balance they came in with
        for line, paid, row in card_lines:
            touched.append(self._card_line(s, actor, ticket, line, paid, row, number))
        for booking_id in dict.fromkeys(ticket.booking_ids):
            mark_paid_in(s, clock, actor, booking_id=booking_id, sale_ref=number)
        for what, by in approvals:
            record(
                s,
                clock,
                actor,
                "sale.discount_over_limit",
                "pos_sale",
                number,
                after={"what": what, "approved_by": by},
            )
        s.flush()
        done = sale_row(s, sale, warnings=tuple(warnings))
        # The receipt is queued in this transaction: it prints only if the sale commits.
        enqueue_in(
            s,
            clock,
            kind="receipt",
            ref=number,
            payload=receipt_data(
                done, self.core.settings, cards=[account_in(s, a) for a in dict.fromkeys(touched)]
            ),
            actor=actor,
        )
        return done

    def _card_line(
        self,
        s: Session,
        actor: Actor,
        ticket: Ticket,
        line: Line,
        paid: Money,
        row: SaleLine,
        number: str,
    ) -> int:
        """Sell the card or top it up inside the sale's transaction; the card's id."""
        assert ticket.member is not None  # checked by _check_member
        clock = self.core.clock
        if line.kind == "card_sale":
            card = sell_card_in(
                s,
                clock,
                actor,
                member_id=ticket.member.id,
                product_id=line.item_id,
                price=paid,
                sale_ref=number,
            )
            row.card_account_id = card.id
            return card.id
        if line.bonus and discount_bp_of(line.bonus, paid) > limit_bp(actor):
            require(actor, Perm.DISCOUNT_OVER_LIMIT)  # a bonus is a gift of money
        top_up_in(
            s, clock, actor, account_id=line.item_id, amount=paid, bonus=line.bonus, sale_ref=number
        )
        return line.item_id

    def _use_voucher(self, s: Session, code: str, kind: str, sale_id: int) -> None:
        used = s.get(VoucherUse, code)
        if used is not None:
            raise Conflict(N_("This voucher has already been used: {code}"), code=code)
        s.add(VoucherUse(code=code, kind=kind, sale_id=sale_id, at=self.core.clock.now()))
        s.flush()
