"""The register's business day inside a session: is the till open, is the day closed, and
the day's figures (the X report; the Z report freezes them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import Session

from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.pos.day_turns import hold_day_in, trading_in
from salon_desk.pos.models import (
    CashEvent,
    Payment,
    Refund,
    RefundPayment,
    Sale,
    SaleLine,
    TillOpen,
    ZReport,
)
from salon_desk.pos.payout_models import CardPayout
from salon_desk.pos.rows import DayFigures
from salon_desk.pos.rules import TENDERS


def till_open_in(s: Session, day: date) -> TillOpen | None:
    return s.scalar(select(TillOpen).where(TillOpen.day == day))


def z_in(s: Session, day: date) -> ZReport | None:
    return s.scalar(select(ZReport).where(ZReport.day == day))


#: Whether the day ``day`` is closed (a Z report) and whether its till was opened; the
#: checkout reads them in the statement that looks for a replayed payment.
TRADING = (
    exists().where(ZReport.day == bindparam("day")),
    exists().where(TillOpen.day == bindparam("day")),
)
_TRADING = select(*TRADING)


def require_trading_in(s: Session, day: date) -> None:
    """The till of ``day`` must be open and the day not closed for money to move
    (one query on the connection: it runs on every sale)."""
    hold_day_in(s, day)
    closed, opened = s.connection().execute(_TRADING, {"day": day}).one()
    require_trading(closed=closed, opened=opened)
    trading_in(s, day)


def require_trading(*, closed: bool, opened: bool) -> None:
    """Money moves only on a day whose till is open and which is not closed: ``closed``
    and ``opened`` as the columns of :data:`TRADING` read them."""
    if closed:
        raise Conflict(N_("The day is closed (Z report done). No more sales today."))
    if not opened:
        raise Conflict(N_("Count the opening float first."))


#: The tickets of the days ``start`` to ``end``: how many, and their subtotal, member,
#: line and ticket discounts and total. Built once: the X and Z reports and a cash
#: payout's check read it (the reports read it by day: ``register_figures``).
SALE_TOTALS = select(
    func.count(Sale.id),
    func.coalesce(func.sum(Sale.subtotal_fen), 0),
    func.coalesce(func.sum(Sale.member_discount_fen), 0),
    func.coalesce(func.sum(Sale.line_discount_fen), 0),
    func.coalesce(func.sum(Sale.ticket_discount_fen), 0),
    func.coalesce(func.sum(Sale.total_fen), 0),
).where(Sale.day >= bindparam("start"), Sale.day <= bindparam("end"))


def figures_in(s: Session, day: date) -> DayFigures:
    totals = s.connection().execute(SALE_TOTALS, {"start": day, "end": day}).one()
    n_sales, gross, member, line, ticket, takings = totals
    refund_kinds = {
        kind: (int(n), int(total or 0))
        for kind, n, total in s.execute(
            select(Refund.kind, func.count(Refund.id), func.sum(Refund.total_fen))
            .where(Refund.day == day)
            .group_by(Refund.kind)
        )
    }
    n_refunds = sum(n for n, _ in refund_kinds.values())
    refunded = sum(v for _, v in refund_kinds.values())
    voids, voided = refund_kinds.get("void", (0, 0))
    cards = {
        kind: (int(n), int(qty or 0), int(net or 0), int(listed or 0), int(bonus or 0))
        for kind, n, qty, net, listed, bonus in s.execute(
            select(
                case((SaleLine.kind == "service", "session"), else_=SaleLine.kind),
                func.count(SaleLine.id),
                func.sum(SaleLine.qty),
                func.sum(SaleLine.net_fen),
                func.sum(SaleLine.list_fen),
                func.sum(SaleLine.bonus_fen),
            )
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(
                Sale.day == day,
                or_(
                    SaleLine.kind.in_(("card_sale", "top_up")),
                    and_(SaleLine.kind == "service", SaleLine.card_account_id.is_not(None)),
                ),
            )
            .group_by(SaleLine.kind)
        )
    }
    none = (0, 0, 0, 0, 0)
    sold, top_ups, sessions = (cards.get(k, none) for k in ("card_sale", "top_up", "session"))
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
    back_by_tender: dict[str, int] = {}
    for tender, amount in back:
        by_tender[tender] = by_tender.get(tender, 0) - int(amount or 0)
        back_by_tender[tender] = int(amount or 0)
    events = {
        kind: (int(n), int(total or 0))
        for kind, n, total in s.execute(
            select(CashEvent.kind, func.count(CashEvent.id), func.sum(CashEvent.amount_fen))
            .where(CashEvent.day == day)
            .group_by(CashEvent.kind)
        )
    }
    card_payouts = {
        method: int(total or 0)
        for method, total in s.execute(
            select(CardPayout.method, func.sum(CardPayout.amount_fen))
            .where(CardPayout.day == day, CardPayout.method != "cash")
            .group_by(CardPayout.method)
        )
    }
    opened = till_open_in(s, day)
    opening = opened.float_fen if opened else 0
    paid_in = events.get("paid_in", (0, 0))[1]
    paid_out = events.get("paid_out", (0, 0))[1]
    card_refunds = events.get("card_back", (0, 0))
    return DayFigures(
        day=day,
        sales=int(n_sales),
        gross=Money(int(gross)),
        discounts=Money(int(member) + int(line) + int(ticket)),
        takings=Money(int(takings)),
        refunds=n_refunds,
        refunded=Money(refunded),
        by_tender={k: Money(v) for k, v in by_tender.items()},
        opening_float=Money(opening),
        paid_in=Money(paid_in),
        paid_out=Money(paid_out),
        no_sales=events.get("no_sale", (0, 0))[0],
        expected_cash=Money(
            opening + by_tender.get("cash", 0) + paid_in - paid_out - card_refunds[1]
        ),
        card_refunds=card_refunds[0],
        card_refunds_paid=Money(card_refunds[1]),
        voids=voids,
        voided=Money(voided),
        member_discount=Money(int(member)),
        line_discount=Money(int(line)),
        ticket_discount=Money(int(ticket)),
        back_by_tender={k: Money(v) for k, v in back_by_tender.items()},
        cards_sold=sold[0],
        cards_sold_value=Money(sold[2]),
        top_ups=top_ups[0],
        top_ups_value=Money(top_ups[2]),
        bonus_given=Money(top_ups[4]),
        sessions_used=sessions[1],
        sessions_value=Money(sessions[3]),
        card_payouts={k: Money(v) for k, v in card_payouts.items()},
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
        "voids": f.voids,
        "voided": f.voided.fen,
        "member_discount": f.member_discount.fen,
        "line_discount": f.line_discount.fen,
        "ticket_discount": f.ticket_discount.fen,
        "back_by_tender": {k: v.fen for k, v in f.back_by_tender.items()},
        "cards_sold": f.cards_sold,
        "cards_sold_value": f.cards_sold_value.fen,
        "top_ups": f.top_ups,
        "top_ups_value": f.top_ups_value.fen,
        "bonus_given": f.bonus_given.fen,
        "sessions_used": f.sessions_used,
        "sessions_value": f.sessions_value.fen,
        "card_refunds": f.card_refunds,
        "card_refunds_paid": f.card_refunds_paid.fen,
        "card_payouts": {k: v.fen for k, v in f.card_payouts.items()},
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
    back = d.get("back_by_tender") or {}
    assert isinstance(back, dict)
    payouts = d.get("card_payouts") or {}
    assert isinstance(payouts, dict)

    def later(key: str) -> int:
        """A figure Z reports froze only from when it was added (0 on older ones)."""
        value = d.get(key, 0)
        assert isinstance(value, int)
        return value

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
        voids=later("voids"),
        voided=Money(later("voided")),
        member_discount=Money(later("member_discount")),
        line_discount=Money(later("line_discount")),
        ticket_discount=Money(later("ticket_discount")),
        back_by_tender={str(k): Money(int(v)) for k, v in back.items()},
        cards_sold=later("cards_sold"),
        cards_sold_value=Money(later("cards_sold_value")),
        top_ups=later("top_ups"),
        top_ups_value=Money(later("top_ups_value")),
        bonus_given=Money(later("bonus_given")),
        sessions_used=later("sessions_used"),
        sessions_value=Money(later("sessions_value")),
        card_refunds=later("card_refunds"),
        card_refunds_paid=Money(later("card_refunds_paid")),
        card_payouts={str(k): Money(int(v)) for k, v in payouts.items()},
    )
