"""Checkout: one payment = one transaction holding the sale, its lines and payments, the
vouchers used, the stock taken off the shelf and the bookings marked paid.

Paying is idempotent. The payment screen makes a key (a UUID) when it opens; the key is a
UNIQUE column of the sale, so a double tap, a repeated Enter, or a crash and a retry after
restart returns the sale already made instead of making a second one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.booking.api import mark_paid_in
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.card_ledger import use_zone_in
from salon_desk.members.card_rows import CardAccountRow
from salon_desk.members.cards import sell_card_in, spend_value_in, top_up_in, use_sessions_in
from salon_desk.pos.cart import Line, Ticket
from salon_desk.pos.checkout_checks import (
    approver_in,
    check_card_payments,
    check_lines_in,
    check_member_in,
    check_vouchers_in,
)
from salon_desk.pos.checkout_load import Loaded, load_in
from salon_desk.pos.checkout_rows import beauticians_of, insert_sale_in, new_sale, receipt_cards
from salon_desk.pos.day_turns import hold_day_in, trading_in
from salon_desk.pos.days import require_trading
from salon_desk.pos.models import Sale
from salon_desk.pos.new_sale import NewLine
from salon_desk.pos.print_queue import enqueue_in
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import (
    CARD_LINE_KINDS,
    LINE_KINDS,
    Priced,
    Settlement,
    Tender,
    check_amount,
    check_bp,
    check_qty,
    discount_bp_of,
    limit_bp,
    settle,
)
from salon_desk.pos.sale_read import build_sale_row, receipt_data, sale_row
from salon_desk.stock.moves import sell_all_in

_KEY = re.compile(r"^[0-9A-Za-z-]{8,40}$")
#: Built once (a statement remembers its cache key): looked up on every payment.
_BY_KEY = select(Sale).where(Sale.idempotency_key == bindparam("key"))


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
            sale = s.scalar(_BY_KEY, {"key": key})
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
        try:
            with self.core.db.tx() as s:
                now = self.core.clock.now()
                day = local_day(now, self.core.settings.tz())
                # The key is looked up before anything is checked: a replay answers even
                # when the ticket has changed since, or the day has been closed. (The id
                # alone, with the day's state and what the ticket names, in one statement
                # after the ticket's cards are locked: a sale is found only on a replay.)
                paid = list(payments)
                hold_day_in(s, day)  # a closing under way: wait for its Z, then see it
                loaded = load_in(s, actor, ticket, paid, key=idempotency_key, day=day)
                if loaded.again is not None:
                    return sale_row(s, s.get_one(Sale, loaded.again), replayed=True)
                priced, settlement = _checked(ticket, paid)
                require_trading(closed=loaded.closed, opened=loaded.opened)
                trading_in(s, day)  # the card entries of the ticket: on a day trading
                return self._write(
                    s, actor, ticket, paid, idempotency_key, priced, settlement, now, loaded
                )
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
        priced: Priced,
        settlement: Settlement,
        now: datetime,
        loaded: Loaded,
    ) -> SaleRow:
        """Write the sale made at ``now``, on a trading day (checked by :meth:`pay`), of
        what ``loaded`` read."""
        clock = self.core.clock
        tz = self.core.settings.tz()
        day = local_day(now, tz)
        use_zone_in(s, tz)  # the card entries fall on the sale's day
        check_member_in(loaded, ticket, payments)
        approvals = check_lines_in(loaded, actor, ticket, priced)
        if ticket.lines:
            before = priced.total + priced.ticket_discount
            share = discount_bp_of(priced.ticket_discount, before)
            if share > limit_bp(actor) and not actor.can(Perm.DISCOUNT_OVER_LIMIT):
                approver_in(loaded, ticket.discount_by)
                approvals.append(("ticket", ticket.discount_by))
        check_vouchers_in(s, ticket, payments)
        number = next_number(s, "receipt", day)
        sale = new_sale(
            ticket,
            priced,
            payments,
            settlement,
            loaded,
            number=number,
            key=key,
            day=day,
            at=now,
            staff_id=actor.staff_id,
        )
        touched: list[int] = []
        for line in ticket.lines:
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
        # the products in product-id order (their stock balances' locks on PostgreSQL)
        items = [(ln.item_id, ln.qty) for ln in ticket.lines if ln.kind == "product"]
        sold_moves = sell_all_in(s, clock, actor, items, sale_ref=number, products=loaded.products)
        warnings = [m.product_name for m in sold_moves if m.went_negative]
        for t, applied in zip(payments, settlement.applied, strict=True):
            if t.kind == "stored_value" and t.account_id is not None:
                spend_value_in(
                    s, clock, actor, account_id=t.account_id, amount=applied, sale_ref=number
                )
                touched.append(t.account_id)
        # cards sold and topped up after the stored value is spent: the member pays from
        # the balance they came in with
        sold: dict[int, CardAccountRow] = {}
        for line, p, row in zip(ticket.lines, priced.lines, sale.lines, strict=True):
            if line.kind in CARD_LINE_KINDS:
                card_id = self._card_line(s, actor, ticket, line, p.net, row, number, sold)
                touched.append(card_id)
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
        insert_sale_in(s, sale)
        done = build_sale_row(
            sale,
            sale.lines,
            beauticians_of(sale),
            sale.payments,
            loaded.staff_names(),
            warnings=tuple(warnings),
        )
        # The receipt is queued in this transaction: it prints only if the sale commits.
        enqueue_in(
            s,
            clock,
            kind="receipt",
            ref=number,
            payload=receipt_data(
                done, self.core.settings, cards=receipt_cards(loaded, touched, sold)
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
        row: NewLine,
        number: str,
        sold: dict[int, CardAccountRow],
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
            sold[card.id] = card
            return card.id
        if line.bonus and discount_bp_of(line.bonus, paid) > limit_bp(actor):
            require(actor, Perm.DISCOUNT_OVER_LIMIT)  # a bonus is a gift of money
        top_up_in(
            s, clock, actor, account_id=line.item_id, amount=paid, bonus=line.bonus, sale_ref=number
        )
        return line.item_id


def _checked(ticket: Ticket, payments: list[Tender]) -> tuple[Priced, Settlement]:
    """The checks that need no database: the lines (a resumed parked ticket has not passed
    the cart's checks) and the payments against the total."""
    if ticket.is_empty:
        raise Invalid(N_("The ticket is empty."))
    for line in ticket.lines:
        if line.kind not in LINE_KINDS:
            raise Invalid(N_("Unknown kind of line: {kind}"), kind=str(line.kind)[:20])
        check_qty(line.qty)
        check_amount(line.unit_price, field="price")
        check_bp(line.discount_bp)
        check_amount(line.discount, field="discount")
    priced = ticket.priced()
    settlement = settle(priced.total, payments)
    check_card_payments(ticket, priced, payments, settlement)
    return priced, settlement
