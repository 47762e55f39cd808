"""How much of a refund goes back over each tender of the sale."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.money import ZERO, Money
from salon_desk.pos.models import Payment, Refund, RefundPayment


def money_back_in(
    s: Session,
    sale_id: int,
    amount: Money,
    *,
    whole: bool,
    card: Money = ZERO,
    reserve: Money = ZERO,
) -> list[tuple[str, Money]]:
    """Spread ``amount`` over the tenders of the sale in proportion to what each still
    holds after earlier refunds; a void gives back each tender exactly.

    Cards sold and top-ups were never paid from stored value: their part (``card``)
    comes back over the other tenders, and what those tenders still hold for the card
    lines not refunded yet (``reserve``) is kept for them."""
    paid: dict[str, int] = defaultdict(int)
    for p in s.scalars(select(Payment).where(Payment.sale_id == sale_id).order_by(Payment.seq)):
        paid[p.tender] += p.amount_fen
    back = s.execute(
        select(RefundPayment.tender, func.sum(RefundPayment.amount_fen))
        .join(Refund, Refund.id == RefundPayment.refund_id)
        .where(Refund.sale_id == sale_id)
        .group_by(RefundPayment.tender)
    )
    for tender, fen in back:
        paid[tender] -= int(fen or 0)
    tenders = [t for t, left in paid.items() if left > 0]
    if whole:
        return [(t, Money(paid[t])) for t in tenders]
    money = [t for t in tenders if t != "stored_value"]
    out: dict[str, int] = defaultdict(int)
    for t, sh in zip(money, card.allocate([paid[t] for t in money]), strict=True):
        out[t] += sh.fen
        paid[t] -= sh.fen
    kept = dict(zip(money, reserve.allocate([paid[t] for t in money]), strict=True))
    free = [paid[t] - (kept[t].fen if t in kept else 0) for t in tenders]
    for t, sh in zip(tenders, (amount - card).allocate(free), strict=True):
        out[t] += sh.fen
    return [(t, Money(out[t])) for t in tenders if out[t] > 0]
