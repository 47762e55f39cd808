"""Voids and refunds: new rows pointing at the sale, never changes to it.

A void takes back a whole sale of today (wrong ticket, member changed their mind at the
counter): every line and every payment as it was paid. A refund takes back a past sale,
whole or by line: the money goes back over the tenders in proportion to what each still
holds, products go back on the shelf or are written off as damaged. A line is never
refunded for more than was paid for it; the last unit refunded takes exactly what is left.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money, total
from salon_desk.members.card_models import CardLedger
from salon_desk.members.cards import reverse_sale_in
from salon_desk.pos.card_returns import card_line_back_in, sessions_back_in, value_back_in
from salon_desk.pos.days import require_trading_in
from salon_desk.pos.models import Refund, RefundLine, RefundPayment, Sale, SaleLine
from salon_desk.pos.print_queue import enqueue_in
from salon_desk.pos.refund_money import money_back_in
from salon_desk.pos.rows import RefundRow
from salon_desk.pos.rules import CARD_LINE_KINDS, check_qty
from salon_desk.pos.sale_read import refund_data, sale_row
from salon_desk.stock.moves import return_in

MAX_REASON = 500


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise Invalid(N_("Say why."), field="reason")
    if len(text) > MAX_REASON:
        raise Invalid(N_("At most {n} characters."), field="reason", n=MAX_REASON)
    return text


class RefundService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def refunds_of(self, sale_number: str) -> list[RefundRow]:
        with self.core.db.read() as s:
            sale = _sale(s, sale_number)
            q = select(Refund).where(Refund.sale_id == sale.id).order_by(Refund.id)
            return [_row(s, r, sale.number) for r in s.scalars(q)]

    def void(self, actor: Actor, sale_number: str, reason: str) -> RefundRow:
        """Cancel a sale of today in full (needs :attr:`Perm.VOID`; logged)."""
        require(actor, Perm.VOID)
        why = _reason(reason)
        with self.core.db.tx() as s:
            sale = _sale(s, sale_number, lock=True)
            today = self._today()
            if sale.day != today:
                raise Conflict(N_("Only a sale of today can be voided; refund it instead."))
            if s.scalar(select(func.count(Refund.id)).where(Refund.sale_id == sale.id)):
                raise Conflict(N_("This sale has already been voided or refunded."))
            lines = {ln.id: ln.qty for ln in _lines(s, sale.id)}
            return self._write(s, actor, sale, "void", lines, why, restock=True)

    def refund(
        self,
        actor: Actor,
        sale_number: str,
        lines: dict[int, int],
        reason: str,
        *,
        restock: bool = True,
    ) -> RefundRow:
        """Refund ``{sale_line_id: qty}`` of a sale (needs :attr:`Perm.REFUND`; logged).
        ``restock=False`` writes returned products off as damaged."""
        require(actor, Perm.REFUND)
        why = _reason(reason)
        if not lines:
            raise Invalid(N_("Choose what to refund."), field="lines")
        for qty in lines.values():
            check_qty(qty)
        with self.core.db.tx() as s:
            sale = _sale(s, sale_number, lock=True)
            return self._write(s, actor, sale, "refund", lines, why, restock=restock)

    # --- the one writer --------------------------------------------------------------
    def _write(
        self,
        s: Session,
        actor: Actor,
        sale: Sale,
        kind: str,
        wanted: dict[int, int],
        why: str,
        *,
        restock: bool,
    ) -> RefundRow:
        clock = self.core.clock
        day = self._today()
        require_trading_in(s, day)
        sold = {ln.id: ln for ln in _lines(s, sale.id)}
        done = _refunded(s, sale.id)
        amounts: dict[int, Money] = {}
        for line_id, qty in wanted.items():
            line = sold.get(line_id)
            if line is None:
                raise NotFound(N_("That line is not on sale {number}."), number=sale.number)
            before_qty, before_fen = done.get(line_id, (0, 0))
            if before_qty + qty > line.qty:
                raise Invalid(
                    N_("Only {n} of {name} can still be refunded."),
                    field="qty",
                    n=line.qty - before_qty,
                    name=line.name,
                )
            # cumulative share, so the last unit takes exactly what is left of the line
            upto = line.net_fen * (before_qty + qty) // line.qty
            amounts[line_id] = Money(upto - before_fen)
        refund_total = total(amounts.values())
        everything = all(
            done.get(i, (0, 0))[0] + wanted.get(i, 0) == ln.qty for i, ln in sold.items()
        )
        card_amount = total(amounts[i] for i in wanted if sold[i].kind in CARD_LINE_KINDS)
        reserve = (
            sum(
                ln.net_fen - done.get(i, (0, 0))[1]
                for i, ln in sold.items()
                if ln.kind in CARD_LINE_KINDS
            )
            - card_amount.fen
        )
        backs = money_back_in(
            s, sale.id, refund_total, whole=everything, card=card_amount, reserve=Money(reserve)
        )
        on_cards = bool(
            s.scalar(select(func.count(CardLedger.id)).where(CardLedger.sale_ref == sale.number))
        )
        if on_cards and everything and not done:
            # the whole sale as it was: treatments, stored value and cards sold undone
            reverse_sale_in(s, clock, actor, sale_ref=sale.number, reason=why)
        elif on_cards:
            self._cards_back(s, actor, sale.number, sold, wanted, backs, why)
        refund = Refund(
            number=next_number(s, "refund", day),
            sale_id=sale.id,
            kind=kind,
            day=day,
            at=clock.now(),
            staff_id=actor.staff_id,
            authorised_by=actor.authorised_by,
            reason=why,
            total_fen=refund_total.fen,
        )
        s.add(refund)
        s.flush()
        for line_id, qty in wanted.items():
            line = sold[line_id]
            s.add(
                RefundLine(
                    refund_id=refund.id,
                    sale_line_id=line_id,
                    qty=qty,
                    amount_fen=amounts[line_id].fen,
                    restock=restock,
                )
            )
        # the products back in product-id order, as a sale takes them (their stock
        # balances' locks on PostgreSQL)
        back = [(sold[i].product_id, q) for i, q in wanted.items() if sold[i].kind == "product"]
        for product_id, qty in sorted((p, q) for p, q in back if p is not None):
            return_in(
                s,
                clock,
                actor,
                product_id=product_id,
                qty=qty,
                sale_ref=refund.number,
                restock=restock,
            )
        for tender, amount in backs:
            s.add(RefundPayment(refund_id=refund.id, tender=tender, amount_fen=amount.fen))
        s.flush()
        record(
            s,
            clock,
            actor,
            f"sale.{kind}",
            "pos_sale",
            sale.number,
            after={
                "refund": refund.number,
                "total": refund_total.fen,
                "lines": {str(k): v for k, v in wanted.items()},
                "money_back": {t: a.fen for t, a in backs},
                "restock": restock,
            },
            reason=why,
        )
        row = _row(s, refund, sale.number)
        enqueue_in(
            s,
            clock,
            kind="receipt",
            ref=refund.number,
            payload=refund_data(row, sale_row(s, sale), actor.name, self.core.settings),
            actor=actor,
        )
        return row

    def _cards_back(
        self,
        s: Session,
        actor: Actor,
        number: str,
        sold: dict[int, SaleLine],
        wanted: dict[int, int],
        backs: list[tuple[str, Money]],
        why: str,
    ) -> None:
        """A refund by line: treatments, stored value and cards sold go back line by line."""
        clock = self.core.clock
        for line_id, qty in wanted.items():
            line = sold[line_id]
            if line.kind in CARD_LINE_KINDS:
                card_line_back_in(s, clock, actor, sale_ref=number, line=line, why=why)
            else:
                sessions_back_in(s, clock, actor, sale_ref=number, line=line, qty=qty, why=why)
        stored = total(a for t, a in backs if t == "stored_value")
        value_back_in(s, clock, actor, sale_ref=number, amount=stored, why=why)

    def _today(self) -> date:
        return local_day(self.core.clock.now(), self.core.settings.tz())


def _sale(s: Session, number: str, *, lock: bool = False) -> Sale:
    q = select(Sale).where(Sale.number == (number or "").strip())
    if lock:
        q = q.with_for_update()
    sale = s.scalar(q)
    if sale is None:
        raise NotFound(N_("No sale with the number {number}."), number=number)
    return sale


def _lines(s: Session, sale_id: int) -> list[SaleLine]:
    return list(
        s.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id).order_by(SaleLine.seq))
    )


def _refunded(s: Session, sale_id: int) -> dict[int, tuple[int, int]]:
    q = (
        select(RefundLine.sale_line_id, func.sum(RefundLine.qty), func.sum(RefundLine.amount_fen))
        .join(Refund, Refund.id == RefundLine.refund_id)
        .where(Refund.sale_id == sale_id)
        .group_by(RefundLine.sale_line_id)
    )
    return {line_id: (int(q_), int(f)) for line_id, q_, f in s.execute(q)}


def _row(s: Session, r: Refund, sale_number: str) -> RefundRow:
    pays = s.scalars(
        select(RefundPayment).where(RefundPayment.refund_id == r.id).order_by(RefundPayment.id)
    )
    return RefundRow(
        id=r.id,
        number=r.number,
        kind=r.kind,
        sale_number=sale_number,
        at=r.at,
        total=Money(r.total_fen),
        payments=tuple((p.tender, Money(p.amount_fen)) for p in pays),
        reason=r.reason,
    )
