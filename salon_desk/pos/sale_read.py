"""Reading a sale back as a :class:`SaleRow` (inside a session), and its receipt data."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.i18n import translate
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
from salon_desk.pos.rows import PaymentRow, SaleLineRow, SaleRow
from salon_desk.pos.rules import TENDERS


def sale_row(
    s: Session, sale: Sale, *, replayed: bool = False, warnings: tuple[str, ...] = ()
) -> SaleRow:
    names: dict[int, str] = {i: n for i, n in s.execute(select(Staff.id, Staff.name))}
    lines = list(
        s.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.seq))
    )
    beauticians: dict[int, list[str]] = defaultdict(list)
    q = (
        select(SaleLineBeautician.line_id, SaleLineBeautician.staff_id)
        .join(SaleLine, SaleLine.id == SaleLineBeautician.line_id)
        .where(SaleLine.sale_id == sale.id)
        .order_by(SaleLineBeautician.line_id, SaleLineBeautician.staff_id)
    )
    for line_id, staff_id in s.execute(q):
        beauticians[line_id].append(names.get(staff_id, ""))
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
                item_id=(ln.service_id if ln.kind == "service" else ln.product_id) or 0,
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
                beauticians=tuple(beauticians.get(ln.id, [])),
                seller=names.get(ln.seller_id, "") if ln.seller_id else "",
                refunded_qty=refunded.get(ln.id, (0, 0))[0],
                refunded=Money(refunded.get(ln.id, (0, 0))[1]),
            )
            for ln in lines
        ),
        payments=tuple(
            PaymentRow(p.tender, Money(p.amount_fen), Money(p.received_fen), p.reference)
            for p in payments
        ),
        refunded=Money(sum(r.total_fen for r in refunds)),
        voided=any(r.kind == "void" for r in refunds),
        replayed=replayed,
        warnings=warnings,
    )


def receipt_data(sale: SaleRow, settings: SettingsService) -> dict[str, Any]:
    """The plain data of a sale's receipt (what the receipt layout prints): shop, number,
    time, cashier, member, lines, discounts, payments, received and change. Amounts are
    integer fen; times are ISO text in the shop's zone; tender names are translated."""
    tz = settings.tz()
    return {
        "shop": {
            "name": settings.get("shop.name"),
            "address": settings.get("shop.address"),
            "phone": settings.get("shop.phone"),
            "header": settings.get("receipt.header"),
            "footer": settings.get("receipt.footer"),
        },
        "number": sale.number,
        "time": sale.at.astimezone(tz).isoformat(timespec="minutes"),
        "cashier": sale.cashier,
        "member": {"id": sale.member_id, "name": sale.member_name} if sale.member_id else None,
        "lines": [
            {
                "name": ln.name,
                "qty": ln.qty,
                "unit_price": ln.unit_price.fen,
                "amount": ln.net.fen,
                "list_value": ln.list_value.fen,
                "discount": (ln.member_discount + ln.line_discount + ln.ticket_share).fen,
                "gift": ln.gift,
                "trial": bool(ln.trial_code),
                "beauticians": list(ln.beauticians),
                "seller": ln.seller,
            }
            for ln in sale.lines
        ],
        "subtotal": sale.subtotal.fen,
        "discounts": {
            "member": sale.member_discount.fen,
            "line": sale.line_discount.fen,
            "ticket": sale.ticket_discount.fen,
        },
        "total": sale.total.fen,
        "payments": [
            {
                "tender": p.tender,
                "name": translate(TENDERS.get(p.tender, p.tender)),
                "amount": p.amount.fen,
                "received": p.received.fen,
                "reference": p.reference,
            }
            for p in sale.payments
        ],
        "received": sale.received.fen,
        "change": sale.change.fen,
        "cash": any(p.tender == "cash" for p in sale.payments),
        "cards": [],
    }
