"""The register's figures of a day or a range (cash basis): sales by kind, discounts,
vouchers and gifts, takings by tender, refunds and voids, drawer events, performance by
beautician, sales by hour and the cash count of the Z report."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, tzinfo
from operator import add
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.pos.models import (
    CashEvent,
    Refund,
    Sale,
    SaleLine,
    TillOpen,
    VoucherUse,
    ZReport,
)
from salon_desk.reports.buckets import local_hours, utc_quarter_hour
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import (
    CashCount,
    DrawerEntry,
    RefundEntry,
    RegisterFigures,
)
from salon_desk.reports.performance_figures import performance
from salon_desk.reports.tenders import TenderGroups, tender_groups, tender_lines

#: What the sales by hour count. Cards sold or topped up on a ticket are money received
#: for later, counted with the cards: never added to what was sold.
SOLD_KINDS = ("service", "product")


_START: BindParameter[date] = bindparam("start")
_END: BindParameter[date] = bindparam("end")
#: Built once, run with ``start`` and ``end``: the vouchers taken, whether the till was
#: opened (the tickets' totals are the day's own: :data:`salon_desk.pos.days.SALE_TOTALS`).
_VOUCHERS = (
    select(VoucherUse.kind, func.count(VoucherUse.code))
    .join(Sale, Sale.id == VoucherUse.sale_id)
    .where(Sale.day >= _START, Sale.day <= _END)
    .group_by(VoucherUse.kind)
)
_TILL_OPENED = select(func.count(TillOpen.id)).where(TillOpen.day >= _START, TillOpen.day <= _END)
_STAFF = select(Staff.id, Staff.number, Staff.name)
_REFUNDS = (
    select(
        Refund.number,
        Refund.kind,
        Sale.number,
        Refund.at,
        Refund.staff_id,
        Refund.authorised_by,
        Refund.reason,
        Refund.total_fen,
    )
    .join(Sale, Sale.id == Refund.sale_id)
    .where(Refund.day >= _START, Refund.day <= _END)
    .order_by(Refund.at, Refund.id)
)
_DRAWER = (
    select(
        CashEvent.at,
        CashEvent.kind,
        CashEvent.staff_id,
        CashEvent.authorised_by,
        CashEvent.amount_fen,
        CashEvent.reason,
    )
    .where(CashEvent.day >= _START, CashEvent.day <= _END)
    .order_by(CashEvent.at, CashEvent.id)
)
_Z = select(
    ZReport.number,
    ZReport.expected_fen,
    ZReport.counted_fen,
    ZReport.over_short_fen,
    ZReport.kept_float_fen,
    ZReport.to_safe_fen,
    ZReport.note,
).where(ZReport.day == _START)
_OPENED = select(TillOpen.float_fen).where(TillOpen.day == _START)
#: Each day's refunds and Z report's over or short (``start`` and ``end``).
_REFUNDED_BY_DAY = (
    select(Refund.day, func.sum(Refund.total_fen))
    .where(Refund.day >= _START, Refund.day <= _END)
    .group_by(Refund.day)
)
_OVER_BY_DAY = select(ZReport.day, ZReport.over_short_fen).where(
    ZReport.day >= _START, ZReport.day <= _END
)


def _who(s: Session) -> dict[int, str]:
    return {sid: f"{number} {name}" for sid, number, name in direct.rows(s, _STAFF, {})}


#: The kinds of sale line (``ck_pos_sale_line_kind``): what each ticket is added up by.
LINE_KINDS = ("service", "product", "card_sale", "top_up")

assert LINE_KINDS[:2] == SOLD_KINDS  # what was sold: the first two nets


class LineGroups(NamedTuple):
    """A range's sale lines added up by shop day and UTC quarter hour, as columns: the
    net fen of each of :data:`LINE_KINDS` and the gift lines."""

    days: list[date]
    quarters: list[str]
    nets: tuple[list[int], list[int], list[int], list[int]]
    gifts: list[int]

    @property
    def sold(self) -> list[int]:
        """What was sold in each group: services and products."""
        return list(map(add, self.nets[0], self.nets[1]))


def _line_groups() -> Select[Any]:
    """Built once, run with ``start`` and ``end``. Each ticket's lines are added up by
    kind in the order the tickets were rung up (``ix_pos_sale_day_figures``: no sorting),
    then the tickets by their quarter hour: a month's 13,000 tickets are sorted, not its
    29,000 lines."""
    by_ticket = (
        select(
            Sale.day.label("day"),
            Sale.at.label("at"),
            *(func.sum(SaleLine.net_fen).filter(SaleLine.kind == k).label(k) for k in LINE_KINDS),
            func.count(SaleLine.id).filter(SaleLine.gift.is_(True)).label("gifts"),
        )
        .join(SaleLine, SaleLine.sale_id == Sale.id)
        .where(Sale.day >= bindparam("start"), Sale.day <= bindparam("end"))
        .group_by(Sale.day, Sale.at)
        .subquery()
    )
    bucket = utc_quarter_hour(by_ticket.c.at)
    return select(
        by_ticket.c.day,
        bucket,
        *(func.coalesce(func.sum(by_ticket.c[k]), 0) for k in LINE_KINDS),
        func.coalesce(func.sum(by_ticket.c.gifts), 0),
    ).group_by(by_ticket.c.day, bucket)


#: The tickets' totals of each day (a closed day's are its Z report's own).
_TOTALS = (
    select(
        Sale.day,
        func.count(Sale.id),
        func.sum(Sale.subtotal_fen),
        func.sum(Sale.member_discount_fen),
        func.sum(Sale.line_discount_fen),
        func.sum(Sale.ticket_discount_fen),
        func.sum(Sale.total_fen),
    )
    .where(Sale.day >= _START, Sale.day <= _END)
    .group_by(Sale.day)
)
#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`).
KEPT = {"quarters": _line_groups(), "totals": _TOTALS}


def line_groups(kept: Kept) -> LineGroups:
    """The range's sale lines added up by day and UTC quarter hour, each kind apart, and
    the gifts among them: one pass over the lines gives the sales by kind, the gifts, the
    sales by hour and by day."""
    days, quarters, service, product, card_sale, top_up, gifts = kept.columns(
        "quarters", 6, with_day=True
    )
    return LineGroups(days, quarters, (service, product, card_sale, top_up), gifts)


def register_figures(
    s: Session,
    kept: Kept,
    tz: tzinfo,
    lines: LineGroups | None = None,
    tenders: TenderGroups | None = None,
) -> RegisterFigures:
    """``kept``: the range's statements; ``lines`` and ``tenders``: its
    :func:`line_groups` and :func:`tender_groups` when the caller has read them already."""
    start, end = kept.start, kept.end
    days = {"start": start, "end": end}
    totals = [0] * 6  # tickets, gross, member, line and ticket discounts, total
    for figures in kept.sums("totals"):
        for i, v in enumerate(figures):
            totals[i] += int(v or 0)
    n, gross, member, line, ticket, total = totals
    if lines is None:
        lines = line_groups(kept)
    kinds = dict(zip(LINE_KINDS, map(sum, lines.nets), strict=True))
    vouchers: dict[str, int] = {k: int(n) for k, n in direct.rows(s, _VOUCHERS, days)}
    who = _who(s)
    return RegisterFigures(
        sales=int(n),
        gross=Money(int(gross)),
        member_discount=Money(int(member)),
        line_discount=Money(int(line)),
        ticket_discount=Money(int(ticket)),
        total=Money(int(total)),
        services=Money(kinds["service"]),
        products=Money(kinds["product"]),
        cards_on_tickets=Money(sum(v for k, v in kinds.items() if k not in SOLD_KINDS)),
        gifts=sum(lines.gifts),
        trial_vouchers=int(vouchers.get("trial", 0)),
        cash_vouchers=int(sum(v for k, v in vouchers.items() if k != "trial")),
        tenders=tender_lines(tender_groups(kept) if tenders is None else tenders),
        refunds=_refunds(s, start, end, tz, who),
        drawer=_drawer(s, start, end, tz, who),
        by_beautician=performance(s, kept),
        sales_by_hour=local_hours(zip(lines.quarters, lines.sold, strict=True), tz),
        till_opened=bool(direct.scalar_one(s, _TILL_OPENED, days)),
        cash=_cash(s, start) if start == end else None,
    )


def _refunds(
    s: Session, start: date, end: date, tz: tzinfo, who: dict[int, str]
) -> tuple[RefundEntry, ...]:
    return tuple(
        RefundEntry(
            number=number,
            kind=kind,
            sale_number=sale_number,
            at=at.astimezone(tz),
            staff=who.get(staff_id, ""),
            authorised_by=who.get(authorised_by, "") if authorised_by else "",
            reason=reason,
            amount=Money(total_fen),
        )
        for number, kind, sale_number, at, staff_id, authorised_by, reason, total_fen in (
            direct.rows(s, _REFUNDS, {"start": start, "end": end})
        )
    )


def _drawer(
    s: Session, start: date, end: date, tz: tzinfo, who: dict[int, str]
) -> tuple[DrawerEntry, ...]:
    return tuple(
        DrawerEntry(
            at=at.astimezone(tz),
            kind=kind,
            staff=who.get(staff_id, ""),
            authorised_by=who.get(authorised_by, "") if authorised_by else "",
            amount=Money(amount_fen),
            reason=reason,
        )
        for at, kind, staff_id, authorised_by, amount_fen, reason in direct.rows(
            s, _DRAWER, {"start": start, "end": end}
        )
    )


def _cash(s: Session, day: date) -> CashCount | None:
    z = direct.one_or_none(s, _Z, {"start": day})
    if z is None:
        return None
    number, expected, counted, over_short, kept_float, to_safe, note = z
    opened = direct.one_or_none(s, _OPENED, {"start": day})
    return CashCount(
        z_number=number,
        opening_float=Money(opened[0] if opened else 0),
        expected=Money(expected),
        counted=Money(counted),
        over_short=Money(over_short),
        kept_float=Money(kept_float),
        to_safe=Money(to_safe),
        note=note,
    )


def per_day(
    s: Session, kept: Kept, lines: LineGroups, tenders: TenderGroups
) -> dict[date, tuple[int, int, int, int | None]]:
    """Per day: (sales of services and products, refunded, net takings, over/short or
    None when not closed). Cards sold and topped up on tickets are money received for
    cards, counted with the cards, not here. ``lines`` and ``tenders``: the range's
    :func:`line_groups` and :func:`tender_groups`."""
    found: dict[date, list[int | None]] = defaultdict(lambda: [0, 0, 0, None])
    for day, sold in zip(lines.days, lines.sold, strict=True):
        found[day][0] = int(found[day][0] or 0) + sold
    days = {"start": kept.start, "end": kept.end}
    for day, amount in direct.rows(s, _REFUNDED_BY_DAY, days):
        found[day][1] = int(amount or 0)
    paid, back, cards = tenders
    for day, _tender, fen in paid:
        found[day][2] = int(found[day][2] or 0) + fen
    for day, _tender, fen in (*back, *cards):
        found[day][2] = int(found[day][2] or 0) - fen
    for day, over in direct.rows(s, _OVER_BY_DAY, days):
        found[day][3] = int(over)
    return {d: (int(v[0] or 0), int(v[1] or 0), int(v[2] or 0), v[3]) for d, v in found.items()}
