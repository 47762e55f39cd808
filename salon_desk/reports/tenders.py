"""The takings of a day or a range by tender (cash basis): what was paid on its tickets
and what its refunds paid back, added up by day and tender in one pass over each, for
the takings by tender and the takings of each day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.core.money import Money
from salon_desk.pos.models import Payment, Refund, RefundPayment, Sale
from salon_desk.pos.rules import TENDERS
from salon_desk.reports.model import TenderLine

#: (shop day, tender, fen) of a range's payments and of its refunds' payments back
TenderGroups = tuple[list[tuple[date, str, int]], list[tuple[date, str, int]]]

#: Built once, run with ``start`` and ``end``.
_PAID = (
    select(Sale.day, Payment.tender, func.sum(Payment.amount_fen))
    .join(Sale, Sale.id == Payment.sale_id)
    .where(Sale.day >= bindparam("start"), Sale.day <= bindparam("end"))
    .group_by(Sale.day, Payment.tender)
)
_BACK = (
    select(Refund.day, RefundPayment.tender, func.sum(RefundPayment.amount_fen))
    .join(Refund, Refund.id == RefundPayment.refund_id)
    .where(Refund.day >= bindparam("start"), Refund.day <= bindparam("end"))
    .group_by(Refund.day, RefundPayment.tender)
)


def tender_groups(s: Session, start: date, end: date) -> TenderGroups:
    """The range's payments, and the money its refunds paid back, added up by day and
    tender."""
    days = {"start": start, "end": end}
    conn = s.connection()
    return (
        [(day, tender, int(fen or 0)) for day, tender, fen in conn.execute(_PAID, days)],
        [(day, tender, int(fen or 0)) for day, tender, fen in conn.execute(_BACK, days)],
    )


def tender_lines(groups: TenderGroups) -> tuple[TenderLine, ...]:
    """The takings by tender: the tenders the register knows first, in its order."""
    paid: dict[str, int] = defaultdict(int)
    back: dict[str, int] = defaultdict(int)
    for _day, tender, fen in groups[0]:
        paid[tender] += fen
    for _day, tender, fen in groups[1]:
        back[tender] += fen
    kinds = [k for k in TENDERS if k in paid or k in back]
    kinds += sorted(k for k in {*paid, *back} if k not in TENDERS)
    return tuple(TenderLine(k, Money(paid.get(k, 0)), Money(back.get(k, 0))) for k in kinds)
