"""The register's business day inside a session: is the till open, is the day closed, and
the day's figures (the X report; the Z report freezes them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.pos.models import CashEvent, Payment, Refund, RefundPayment, Sale, TillOpen, ZReport
from salon_desk.pos.rows import DayFigures
from salon_desk.pos.rules import TENDERS


def till_open_in(s: Session, day: date) -> TillOpen | None:
    return s.scalar(select(TillOpen).where(TillOpen.day == day))


def z_in(s: Session, day: date) -> ZReport | None:
    return s.scalar(select(ZReport).where(ZReport.day == day))


def require_trading_in(s: Session, day: date) -> TillOpen:
    """The till of ``day`` must be open and the day not closed for money to move."""
    if z_in(s, day) is not None:
        raise Conflict(N_("The day is closed (Z report done). No more sales today."))
    opened = till_open_in(s, day)
    if opened is None:
        raise Conflict(N_("Count the opening float first."))
    return opened


def figures_in(s: Session, day: date) -> DayFigures:
    sales_q = select(
        func.count(Sale.id),
        func.coalesce(func.sum(Sale.subtotal_fen), 0),
        func.coalesce(
            func.sum(Sale.member_discount_fen + Sale.line_discount_fen + Sale.ticket_discount_fen),
            0,
        ),
        func.coalesce(func.sum(Sale.total_fen), 0),
    ).where(Sale.day == day)
    n_sales, gross, discounts, takings = s.execute(sales_q).one()
    n_refunds, refunded = s.execute(
        select(func.count(Refund.id), func.coalesce(func.sum(Refund.total_fen), 0)).where(
            Refund.day == day
        )
    ).one()
    by_tender = {kind: 0 for kind in TENDERS}
    paid = s.execute(
        select(Payment.tender, func.sum(Payment.amount_fen))
        .join(Sale, Sale.id == Payment.sale_id)
        .where(Sale.day == day)
        .group_by(Payment.tender)
    )
    for tender, amount in paid:
        by_tender[tender] = by_tender.get(tender, 0) + int(amount or 0)
    back = s.execute(
        select(RefundPayment.tender, func.sum(RefundPayment.amount_fen))
        .join(Refund, Refund.id == RefundPayment.refund_id)
        .where(Refund.day == day)
        .group_by(RefundPayment.tender)
    )
    for tender, amount in back:
        by_tender[tender] = by_tender.get(tender, 0) - int(amount or 0)
    events = {
        kind: (int(n), int(total or 0))
        for kind, n, total in s.execute(
            select(CashEvent.kind, func.count(CashEvent.id), func.sum(CashEvent.amount_fen))
            .where(CashEvent.day == day)
            .group_by(CashEvent.kind)
        )
    }
    opened = till_open_in(s, day)
    opening = opened.float_fen if opened else 0
    paid_in = events.get("paid_in", (0, 0))[1]
    paid_out = events.get("paid_out", (0, 0))[1]
    return DayFigures(
        day=day,
        sales=int(n_sales),
        gross=Money(int(gross)),
        discounts=Money(int(discounts)),
        takings=Money(int(takings)),
        refunds=int(n_refunds),
        refunded=Money(int(refunded)),
        by_tender={k: Money(v) for k, v in by_tender.items()},
        opening_float=Money(opening),
        paid_in=Money(paid_in),
        paid_out=Money(paid_out),
        no_sales=events.get("no_sale", (0, 0))[0],
        expected_cash=Money(opening + by_tender.get("cash", 0) + paid_in - paid_out),
    )


def figures_to_json(f: DayFigures) -> dict[str, object]:
    return {
        "day": f.day.isoformat(),
        "sales": f.sales,
        "gross": f.gross.fen,
        "discounts": f.discounts.fen,
        "takings": f.takings.fen,
        "refunds": f.refunds,
        "refunded": f.refunded.fen,
        "by_tender": {k: v.fen for k, v in f.by_tender.items()},
        "opening_float": f.opening_float.fen,
        "paid_in": f.paid_in.fen,
        "paid_out": f.paid_out.fen,
        "no_sales": f.no_sales,
        "expected_cash": f.expected_cash.fen,
    }


def figures_from_json(d: dict[str, object]) -> DayFigures:
    def m(key: str) -> Money:
        value = d[key]
        assert isinstance(value, int)
        return Money(value)

    tenders = d["by_tender"]
    assert isinstance(tenders, dict)
    sales, refunds, no_sales, day = d["sales"], d["refunds"], d["no_sales"], d["day"]
    assert isinstance(sales, int) and isinstance(refunds, int) and isinstance(no_sales, int)
    assert isinstance(day, str)
    return DayFigures(
        day=date.fromisoformat(day),
        sales=sales,
        gross=m("gross"),
        discounts=m("discounts"),
        takings=m("takings"),
        refunds=refunds,
        refunded=m("refunded"),
        by_tender={str(k): Money(int(v)) for k, v in tenders.items()},
        opening_float=m("opening_float"),
        paid_in=m("paid_in"),
        paid_out=m("paid_out"),
        no_sales=no_sales,
        expected_cash=m("expected_cash"),
    )
