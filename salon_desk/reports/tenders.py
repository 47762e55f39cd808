"""The takings of a day or a range by tender (cash basis): what was paid on its tickets,
what its refunds paid back and what members' cards refunded (退卡) paid back, added up by
day and tender in one pass over each, for the takings by tender and of each day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import bindparam, func, select

from salon_desk.core.money import Money
from salon_desk.pos.models import CashEvent, Payment, Refund, RefundPayment, Sale
from salon_desk.pos.payout_models import CardPayout
from salon_desk.pos.rules import TENDERS
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import TenderLine

#: (shop day, tender, fen) of a range's payments, of its refunds' payments back and of
#: the cards refunded
TenderGroups = tuple[
    list[tuple[date, str, int]], list[tuple[date, str, int]], list[tuple[date, str, int]]
]

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
#: cards refunded in cash are the drawer's ``card_back`` events (older than the payouts'
#: table); by the other methods, the payouts' rows
_CARDS_CASH = (
    select(CashEvent.day, func.sum(CashEvent.amount_fen))
    .where(
        CashEvent.day >= bindparam("start"),
        CashEvent.day <= bindparam("end"),
        CashEvent.kind == "card_back",
    )
    .group_by(CashEvent.day)
)
_CARDS_OTHER = (
    select(CardPayout.day, CardPayout.method, func.sum(CardPayout.amount_fen))
    .where(
        CardPayout.day >= bindparam("start"),
        CardPayout.day <= bindparam("end"),
        CardPayout.method != "cash",
    )
    .group_by(CardPayout.day, CardPayout.method)
)


#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`).
KEPT = {
    "paid": _PAID,
    "back": _BACK,
    "cards_cash": _CARDS_CASH,
    "cards_other": _CARDS_OTHER,
}


def tender_groups(kept: Kept) -> TenderGroups:
    """The range's payments, the money its refunds paid back and the money paid back for
    cards refunded, added up by day and tender."""
    return (
        [(day, tender, int(fen or 0)) for day, tender, fen in kept.rows("paid")],
        [(day, tender, int(fen or 0)) for day, tender, fen in kept.rows("back")],
        [(day, "cash", int(fen or 0)) for day, fen in kept.rows("cards_cash")]
        + [(day, m, int(fen or 0)) for day, m, fen in kept.rows("cards_other")],
    )


def tender_lines(groups: TenderGroups) -> tuple[TenderLine, ...]:
    """The takings by tender: the tenders the register knows first, in its order."""
    paid: dict[str, int] = defaultdict(int)
    back: dict[str, int] = defaultdict(int)
    cards: dict[str, int] = defaultdict(int)
    for _day, tender, fen in groups[0]:
        paid[tender] += fen
    for _day, tender, fen in groups[1]:
        back[tender] += fen
    for _day, tender, fen in groups[2]:
        cards[tender] += fen
    kinds = [k for k in TENDERS if k in paid or k in back or k in cards]
    kinds += sorted(k for k in {*paid, *back, *cards} if k not in TENDERS)
    return tuple(
        TenderLine(k, Money(paid.get(k, 0)), Money(back.get(k, 0)), Money(cards.get(k, 0)))
        for k in kinds
    )
