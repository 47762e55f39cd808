"""Reading a sale back as a :class:`SaleRow` (inside a session), and its receipt data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.i18n import N_, _, translate
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.core.settings import SettingsService
from salon_desk.pos.models import (
    Payment,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    SaleLineBeautician,
)
from salon_desk.pos.new_sale import NewLine, NewPayment, NewSale
from salon_desk.pos.rows import PaymentRow, RefundRow, SaleLineRow, SaleRow


def sale_row(
    s: Session, sale: Sale, *, replayed: bool = False, warnings: tuple[str, ...] = ()
) -> SaleRow:
    names: dict[int, str] = {i: n for i, n in s.execute(select(Staff.id, Staff.name))}
    lines = list(
        s.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.seq))
    )
    beauticians: dict[int, list[int]] = defaultdict(list)
    q = (
        select(SaleLineBeautician.line_id, SaleLineBeautician.staff_id)
        .join(SaleLine, SaleLine.id == SaleLineBeautician.line_id)
        .where(SaleLine.sale_id == sale.id)
        .order_by(SaleLineBeautician.line_id, SaleLineBeautician.staff_id)
    )
    for line_id, staff_id in s.execute(q):
        beauticians[line_id].append(staff_id)
    refunded: dict[int, tuple[int, int]] = {
        line_id: (int(qty), int(amount))
        for line_id, qty, amount in s.execute(
            select(
                RefundLine.sale_line_id, func.sum(RefundLine.qty), func.sum(RefundLine.amount_fen)
            )
            .join(Refund, Refund.id == RefundLine.refund_id)
            .where(Refund.sale_id == sale.id)
            .group_by(RefundLine.sale_line_id)
        )
    }
    refunds = list(s.scalars(select(Refund).where(Refund.sale_id == sale.id)))
    payments = s.scalars(select(Payment).where(Payment.sale_id == sale.id).order_by(Payment.seq))
    return build_sale_row(
        sale,
        lines,
        beauticians,
        list(payments),
        names,
        refunded=refunded,
        refunds=refunds,
        replayed=replayed,
        warnings=warnings,
    )


def build_sale_row(
    sale: Sale | NewSale,
    lines: Sequence[SaleLine | NewLine],
    beauticians: Mapping[int, Sequence[int]],
    payments: Sequence[Payment | NewPayment],
    names: Mapping[int, str],
    *,
    refunded: Mapping[int, tuple[int, int]] | None = None,
    refunds: Sequence[Refund] = (),
    replayed: bool = False,
    warnings: tuple[str, ...] = (),
) -> SaleRow:
    """The row of ``sale`` from its rows already at hand: ``beauticians`` are the staff
    ids of each line (by line id, in id order), ``names`` the staff names by id,
    ``refunded`` the (qty, amount) refunded of each line. Reads nothing. The rows are
    those read back or those of a sale just written (:mod:`salon_desk.pos.new_sale`)."""
    back = refunded or {}
    return SaleRow(
        id=sale.id,
        number=sale.number,
        day=sale.day,
        at=sale.at,
        cashier=names.get(sale.staff_id, ""),
        member_id=sale.member_id,
        member_name=sale.member_name,
        subtotal=Money(sale.subtotal_fen),
        member_discount=Money(sale.member_discount_fen),
        line_discount=Money(sale.line_discount_fen),
        ticket_discount=Money(sale.ticket_discount_fen),
        total=Money(sale.total_fen),
        received=Money(sale.received_fen),
        change=Money(sale.change_fen),
        lines=tuple(
            SaleLineRow(
                id=ln.id,
                seq=ln.seq,
                kind=ln.kind,
                item_id=_item_id(ln),
                name=ln.name,
                unit_price=Money(ln.unit_price_fen),
                qty=ln.qty,
                list_value=Money(ln.list_fen),
                member_discount=Money(ln.member_discount_fen),
                line_discount=Money(ln.line_discount_fen),
                ticket_share=Money(ln.ticket_share_fen),
                net=Money(ln.net_fen),
                gift=ln.gift,
                trial_code=ln.trial_code,
                beauticians=tuple(names.get(i, "") for i in beauticians.get(ln.id, ())),
                seller=names.get(ln.seller_id, "") if ln.seller_id else "",
                refunded_qty=back.get(ln.id, (0, 0))[0],
                refunded=Money(back.get(ln.id, (0, 0))[1]),
                card_account_id=ln.card_account_id,
                bonus=Money(ln.bonus_fen),
            )
            for ln in sorted(lines, key=lambda ln: ln.seq)
        ),
        payments=tuple(
            PaymentRow(p.tender, Money(p.amount_fen), Money(p.received_fen), p.reference)
            for p in sorted(payments, key=lambda p: p.seq)
        ),
        refunded=Money(sum(r.total_fen for r in refunds)),
        voided=any(r.kind == "void" for r in refunds),
        replayed=replayed,
        warnings=warnings,
    )


def _item_id(ln: SaleLine | NewLine) -> int:
    by_kind = {
        "service": ln.service_id,
        "product": ln.product_id,
        "card_sale": ln.card_product_id,
        "top_up": ln.card_account_id,
    }
    return by_kind.get(ln.kind) or 0


@dataclass(frozen=True, slots=True)
class ReceiptCard:
    """A member's card as a receipt shows it after the sale."""

    id: int
    name: str  # the card product's name and the card's number
    kind: str  # period, sessions, value
    value: Money
    sessions_left: int
    expires_on: date | None


def shop_payload(settings: SettingsService) -> dict[str, Any]:
    return {
        "shop": {
            "name": settings.get("shop.name"),
            "address": settings.get("shop.address"),
            "phone": settings.get("shop.phone"),
        },
        "header": settings.get("receipt.header"),
        "footer": settings.get("receipt.footer"),
        "tz": settings.get("shop.timezone"),
    }


def receipt_data(
    sale: SaleRow, settings: SettingsService, *, cards: Sequence[ReceiptCard] = ()
) -> dict[str, Any]:
    """The plain data of a sale's receipt, as the receipt layout reads it
    (``salon_desk.pos.receipt``): shop, number, time, cashier, member, lines with
    beautician and discount, the ticket discount, payments, cash received and change.
    Money in integer fen."""
    lines = []
    card_names = {c.id: c.name for c in cards}
    for ln in sale.lines:
        before_ticket = ln.net + ln.ticket_share
        notes = []
        if ln.kind == "card_sale":
            notes.append(translate(N_("New card")))
        if ln.kind == "top_up":
            notes.append(translate(N_("Top-up")))
            if ln.bonus:
                notes.append(_("Bonus {amount}", amount=ln.bonus.format("￥")))
        if ln.kind == "service" and ln.card_account_id in card_names:
            notes.append(_("Card {name}", name=card_names[ln.card_account_id]))
        if ln.gift:
            notes.append(translate(N_("Gift")))
        if ln.trial_code:
            notes.append(f"{translate(N_('Trial voucher'))} {ln.trial_code}")
        if ln.seller and ln.kind == "product":
            notes.append(ln.seller)
        lines.append(
            {
                "name": ln.name,
                "qty": ln.qty,
                "unit_fen": ln.unit_price.fen,
                "discount_fen": (ln.list_value - before_ticket).fen,
                "amount_fen": before_ticket.fen,
                "beautician": " ".join(ln.beauticians),
                "note": " ".join(notes),
            }
        )
    cash = [p for p in sale.payments if p.tender == "cash"]
    data: dict[str, Any] = {
        **shop_payload(settings),
        "type": "sale",
        "number": sale.number,
        "time": sale.at.isoformat(),
        "cashier": sale.cashier,
        "lines": lines,
        "subtotal_fen": sum(x["amount_fen"] for x in lines),
        "ticket_discounts": (
            [{"label": translate(N_("Ticket discount")), "amount_fen": sale.ticket_discount.fen}]
            if sale.ticket_discount
            else []
        ),
        "total_fen": sale.total.fen,
        "payments": [
            {"tender": p.tender, "amount_fen": p.amount.fen, "reference": p.reference}
            for p in sale.payments
        ],
        "cards": [
            {
                "name": c.name,
                "balance_fen": c.value.fen if c.kind == "value" else None,
                "sessions_left": c.sessions_left if c.kind == "sessions" else None,
                "expires": c.expires_on.isoformat() if c.expires_on else "",
            }
            for c in cards
        ],
    }
    if sale.member_name:
        data["member"] = {"name": sale.member_name}
    if cash:
        data["cash_received_fen"] = sum(p.received.fen for p in cash)
        data["change_fen"] = sale.change.fen
    return data


def refund_data(
    refund: RefundRow, sale: SaleRow, cashier: str, settings: SettingsService
) -> dict[str, Any]:
    """A refund or void slip: the money going back per tender (the drawer opens on cash)."""
    return {
        **shop_payload(settings),
        "type": "refund",
        "refund_of": sale.number,
        "reason": refund.reason,
        "number": refund.number,
        "time": refund.at.isoformat(),
        "cashier": cashier,
        "lines": [],
        "total_fen": refund.total.fen,
        "payments": [{"tender": t, "amount_fen": a.fen} for t, a in refund.payments],
    }
