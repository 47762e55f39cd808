"""Performance by beautician and seller (业绩) in a day or range: services done — asked
for by number (点钟) and given in turn (轮钟) apart — products sold, cards sold and topped
up, and the commission their rates give (:mod:`salon_desk.reports.commission`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import Session, aliased

from salon_desk.booking.models import Booking
from salon_desk.core import direct
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.pos.models import Sale, SaleLine, SaleLineBeautician
from salon_desk.pos.rules import CARD_LINE_KINDS
from salon_desk.reports.card_figures import is_imported
from salon_desk.reports.commission import rates_in
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import BeauticianSales

#: Built once: an alias made per call is adapted again by SQLAlchemy on every report.
_OTHERS = aliased(SaleLineBeautician)
_UNDONE = aliased(CardLedger)


@dataclass
class _Work:
    requested: int = 0
    requested_fen: int = 0
    rotation: int = 0
    rotation_fen: int = 0
    products: int = 0
    product_fen: int = 0
    cards: int = 0
    card_fen: int = 0


def _services() -> Select[int, bool, int, int, int]:
    """Services by beautician, 点钟/轮钟 and (a service shared by several) line; built once
    (building it cost more than running it on a day's tickets), run with ``start`` and
    ``end``."""
    asked = (
        select(Booking.id)
        .where(
            Booking.sale_ref == Sale.number,
            Booking.staff_id == SaleLineBeautician.staff_id,
            Booking.requested.is_(True),
        )
        .exists()
    )
    # Most services have one beautician: the database adds those up by beautician and
    # 点钟/轮钟; a service shared by several comes back one row per beautician, to share.
    others = _OTHERS
    shared = (
        select(func.count()).where(others.line_id == SaleLineBeautician.line_id).scalar_subquery()
    )
    one_line = case((shared == 1, 0), else_=SaleLineBeautician.line_id)
    return (
        select(
            Sale.day,
            SaleLineBeautician.staff_id,
            asked.label("by_number"),
            one_line.label("line"),
            func.count(),
            func.sum(SaleLine.net_fen),
        )
        .join(SaleLine, SaleLine.id == SaleLineBeautician.line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.day >= bindparam("start"), Sale.day <= bindparam("end"))
        .group_by(Sale.day, SaleLineBeautician.staff_id, "by_number", "line")
    )


#: Products by seller (``start`` and ``end``), and the cards sold, topped up or undone.
_PRODUCTS = (
    select(Sale.day, SaleLine.seller_id, func.sum(SaleLine.qty), func.sum(SaleLine.net_fen))
    .join(Sale, Sale.id == SaleLine.sale_id)
    .where(
        Sale.day >= bindparam("start"),
        Sale.day <= bindparam("end"),
        SaleLine.kind == "product",
        SaleLine.seller_id.is_not(None),
    )
    .group_by(Sale.day, SaleLine.seller_id)
)
_CARDS = (
    select(
        CardLedger.day,
        CardLedger.staff_id,
        CardLedger.kind,
        CardLedger.account_id,
        CardLedger.sale_ref,
        _UNDONE.kind,
        _UNDONE.staff_id,
        CardAccount.price_fen,
        CardLedger.principal_fen,
    )
    .join(CardAccount, CardAccount.id == CardLedger.account_id)
    .outerjoin(_UNDONE, _UNDONE.id == CardLedger.reverses_id)
    .where(
        CardLedger.day >= bindparam("start"),
        CardLedger.day <= bindparam("end"),
        CardLedger.kind.in_(("sale", "top_up", "reversal")),
    )
)

#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`): each day apart,
#: the services of one beautician add up over the days; a shared service's line is one
#: ticket's, on one day.
KEPT = {"services": _services(), "products": _PRODUCTS, "card_sales": _CARDS}
#: The seller named on a ticket's card line (``refs`` the tickets' numbers), and the
#: staff credited (``ids``).
_CARD_SELLERS = (
    select(Sale.number, SaleLine.card_account_id, SaleLine.seller_id)
    .join(SaleLine, SaleLine.sale_id == Sale.id)
    .where(
        Sale.number.in_(bindparam("refs", expanding=True)),
        SaleLine.kind.in_(CARD_LINE_KINDS),
        SaleLine.seller_id.is_not(None),
    )
)
_STAFF = select(Staff.id, Staff.number, Staff.name).where(
    Staff.id.in_(bindparam("ids", expanding=True))
)


def performance(s: Session, kept: Kept) -> tuple[BeauticianSales, ...]:
    """``kept``: the range's statements."""
    work: dict[int, _Work] = defaultdict(_Work)
    lines: dict[int, tuple[int, list[tuple[int, bool]]]] = {}
    for staff_id, by_number, line_id, count, net in kept.sums("services"):
        if line_id == 0:
            _credit(work[staff_id], bool(by_number), int(net), int(count))
        else:
            lines.setdefault(line_id, (int(net), []))[1].append((staff_id, bool(by_number)))
    for net, who in lines.values():
        who.sort()
        for (staff_id, by_number), share in zip(
            who, Money(net).allocate([1] * len(who)), strict=True
        ):
            _credit(work[staff_id], by_number, share.fen)
    for seller, qty, net in kept.sums("products"):
        if seller is not None:
            work[seller].products += int(qty or 0)
            work[seller].product_fen += int(net or 0)
    _cards(s, kept, work)
    rates = rates_in(s, reading=True)
    staff = {
        sid: (number, name) for sid, number, name in direct.rows(s, _STAFF, {"ids": list(work)})
    } if work else {}  # fmt: skip
    rows = [_row(*staff[i], w, rates.get(i)) for i, w in work.items() if i in staff]
    return tuple(sorted(rows, key=lambda r: (r.number.zfill(8), r.name)))


def _credit(w: _Work, by_number: bool, fen: int, services: int = 1) -> None:
    """Services (or a beautician's share of one) asked for by number (点钟) or given in
    turn (轮钟)."""
    if by_number:
        w.requested += services
        w.requested_fen += fen
    else:
        w.rotation += services
        w.rotation_fen += fen


def _cards(s: Session, kept: Kept, work: dict[int, _Work]) -> None:
    """Cards sold and topped up, less those undone: credited to the seller named on the
    ticket's card line, else to whoever sold the card or topped it up."""
    rows = kept.sums("card_sales")
    refs = {r[3] for r in rows if r[3]}
    sellers: dict[tuple[str | None, int | None], int | None] = {
        (number, account): seller
        for number, account, seller in direct.rows(s, _CARD_SELLERS, {"refs": list(refs)})
    } if refs else {}  # fmt: skip
    for staff_id, kind, account, ref, of, original, price, principal in rows:
        if is_imported(ref):  # brought over, not sold here
            continue
        if kind == "reversal":  # taken back from whoever made the sale or top-up
            if of not in ("sale", "top_up"):
                continue
            who = sellers.get((ref, account), original)
            if who is None:
                continue
            w = work[who]
            w.cards -= 1
            w.card_fen += -price if of == "sale" else principal  # a top-up undone: negative
            continue
        who = sellers.get((ref, account), staff_id)
        if who is not None:
            w = work[who]
            w.cards += 1
            w.card_fen += price if kind == "sale" else principal


def _row(number: str, name: str, w: _Work, rates: dict[str, int] | None) -> BeauticianSales:
    commission = None
    if rates:
        commission = (
            Money(w.requested_fen).percent(rates.get("requested", 0))
            + Money(w.rotation_fen).percent(rates.get("rotation", 0))
            + Money(w.product_fen).percent(rates.get("product", 0))
            + Money(w.card_fen).percent(rates.get("card", 0))
        )
    return BeauticianSales(
        number=number,
        name=name,
        requested=w.requested,
        requested_value=Money(w.requested_fen),
        rotation=w.rotation,
        rotation_value=Money(w.rotation_fen),
        products=w.products,
        product_value=Money(w.product_fen),
        cards=w.cards,
        card_value=Money(w.card_fen),
        commission=commission,
    )
