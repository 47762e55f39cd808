"""Members in a range: new members, active members, what is still owed on their cards at
the end of the range, and the members who spent most.

* **Active**: a member with a register ticket, or a card entry of theirs that was a sale,
  top-up or use, in the range.
* **Owed on cards** at the end of the range: each card's balance after its last ledger
  entry up to that day — stored-value principal and bonus apart; unused sessions valued
  as in :func:`salon_desk.reports.card_figures.worth`; a period card owes the part of
  its price not yet earned by the days it ran (:mod:`salon_desk.reports.period_earning`).
* **Spend**: the money a member paid in the range — payments on their tickets except
  stored value (that money was paid when the card was topped up), less money paid back
  to them, plus cards bought or topped up away from the register.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from datetime import date, datetime, tzinfo
from itertools import compress
from operator import neg

from sqlalchemy import BindParameter, bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.clock import local_day_bounds
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.models import Member
from salon_desk.pos.models import Payment, Refund, RefundPayment, Sale
from salon_desk.reports.card_figures import is_imported
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import MemberFigures, TopMember
from salon_desk.reports.owed_figures import cards_owed
from salon_desk.reports.period_figures import Ledgers

#: How many members the "top members by spend" table lists.
TOP = 20


_START: BindParameter[date] = bindparam("start")
_END: BindParameter[date] = bindparam("end")
_SINCE: BindParameter[datetime] = bindparam("since")
_UNTIL: BindParameter[datetime] = bindparam("until")
#: Built once, run with ``since`` and ``until`` (instants): members on file and new,
#: counted among those who joined before ``until`` (few for a range long ago) ...
_COUNTS = select(
    select(func.count())
    .where(Member.erased_at.is_(None), Member.created_at < _UNTIL)
    .scalar_subquery(),
    # apart: the members' index is read from ``since`` only, not compared all along
    select(func.count())
    .where(Member.erased_at.is_(None), Member.created_at >= _SINCE, Member.created_at < _UNTIL)
    .scalar_subquery(),
)
#: ... or, on SQLite, as all members less those who joined from ``until`` and those
#: erased before it (few for a recent range: SQLite counts a whole table without reading
#: its rows, and reads the members' index by joining day to find the erased ones).
_COUNTS_BACK = select(
    select(func.count()).select_from(Member).scalar_subquery()
    - select(func.count()).where(Member.created_at >= _UNTIL).scalar_subquery()
    - select(func.count().filter(Member.created_at < _UNTIL))
    .where(Member.erased_at.is_not(None))
    .scalar_subquery(),
    select(func.count())
    .where(Member.erased_at.is_(None), Member.created_at >= _SINCE, Member.created_at < _UNTIL)
    .scalar_subquery(),
)
#: Which way is cheaper: members are numbered about as they join, so the first member who
#: joined from ``until`` tells about how many joined since.
_FIRST_LATER = (
    select(Member.id).where(Member.created_at >= _UNTIL).order_by(Member.created_at).limit(1)
)
_LAST_MEMBER = select(func.max(Member.id))


def _member_counts(s: Session, since: datetime, until: datetime) -> tuple[int, int]:
    """Members on file at ``until`` and those who joined from ``since``, erased ones left
    out, counted the cheaper way."""
    stmt = _COUNTS
    if direct.connection(s).dialect.name == "sqlite":  # elsewhere a count reads every row
        found = direct.one_or_none(s, _FIRST_LATER, {"until": until})
        if found is None:  # nobody joined since
            stmt = _COUNTS_BACK
        else:  # about as many joined before as the first one's number, the rest since
            first, last = int(found[0]), int(direct.scalar_one(s, _LAST_MEMBER, {}) or 0)
            stmt = _COUNTS_BACK if last - first < first else _COUNTS
    total, new = direct.one(s, stmt, {"since": since, "until": until})
    return int(total or 0), int(new or 0)


#: What a ticket paid not by stored value (that money was paid when the card was topped up)
_PAID_BY_MONEY = (
    select(func.sum(Payment.amount_fen))
    .where(Payment.sale_id == Sale.id, Payment.tender != "stored_value")
    .scalar_subquery()
)
#: The statements below are built once and run with ``start`` and ``end`` (shop days).
#: Members' visits and what they paid on their tickets.
_VISITS = (
    select(Sale.day, Sale.member_id, func.count(Sale.id), func.sum(_PAID_BY_MONEY))
    .where(Sale.day >= _START, Sale.day <= _END, Sale.member_id.is_not(None))
    .group_by(Sale.day, Sale.member_id)
)

#: Members with a card sold, topped up or used.
_CARD_ACTIVE = (
    select(CardLedger.day, CardAccount.member_id)
    .join(CardLedger, CardLedger.account_id == CardAccount.id)
    .where(
        CardLedger.day >= _START,
        CardLedger.day <= _END,
        CardLedger.kind.in_(("sale", "top_up", "use")),
    )
    .distinct()
)
#: Treatments on each member's cards.
_TREATMENTS = (
    select(CardLedger.day, CardAccount.member_id, func.sum(CardLedger.uses))
    .join(CardLedger, CardLedger.account_id == CardAccount.id)
    .where(CardLedger.day >= _START, CardLedger.day <= _END)
    .group_by(CardLedger.day, CardAccount.member_id)
)
#: Money paid back to each member by refunds, stored value apart.
_PAID_BACK = (
    select(Sale.member_id, func.sum(RefundPayment.amount_fen))
    .join(Refund, Refund.sale_id == Sale.id)
    .join(RefundPayment, RefundPayment.refund_id == Refund.id)
    .where(
        Refund.day >= _START,
        Refund.day <= _END,
        Sale.member_id.is_not(None),
        RefundPayment.tender != "stored_value",
    )
    .group_by(Sale.member_id)
)
#: Cards bought or topped up away from the register.
_CARDS_BOUGHT = (
    select(
        CardLedger.day,
        CardAccount.member_id,
        CardLedger.kind,
        CardAccount.price_fen,
        CardLedger.principal_fen,
        CardLedger.sale_ref,
    )
    .join(CardAccount, CardAccount.id == CardLedger.account_id)
    .where(
        CardLedger.day >= _START,
        CardLedger.day <= _END,
        CardLedger.kind.in_(("sale", "top_up")),
        CardLedger.sale_ref.not_in(select(Sale.number)),
    )
)
#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`): the card
#: entries' are kept again whenever one is posted on a closed day (``card_ledger.post``).
KEPT = {
    "visits": _VISITS,
    "card_active": _CARD_ACTIVE,
    "treatments": _TREATMENTS,
    "cards_bought": _CARDS_BOUGHT,
}
_NAMES = select(Member.id, Member.number, Member.name).where(
    Member.id.in_(bindparam("ids", expanding=True))
)


def member_figures(
    s: Session, kept: Kept, tz: tzinfo, ledgers: Ledgers | None = None
) -> MemberFigures:
    """``kept``: the range's statements; ``ledgers``: the report's period card ledgers,
    when another figure reads them too."""
    start, end = kept.start, kept.end
    since = local_day_bounds(start, tz)[0]
    until = local_day_bounds(end, tz)[1]
    total, new = _member_counts(s, since, until)
    # The range's tickets of members by day: who came (how often, only for the top
    # members), and what they paid (not by stored value: that money was paid when the
    # card was topped up).
    members, tickets, fens = kept.columns("visits", 3)
    paid: dict[int, int] = {}
    sofar = paid.get
    for m, fen in zip(members, fens, strict=True):  # integers (day_store.Kept)
        if fen is not None:
            paid[m] = sofar(m, 0) + fen
    card_active = set(kept.columns("card_active", 1)[0])
    treatments: dict[int, int] = defaultdict(int)
    for m, n in kept.sums("treatments"):
        treatments[m] += int(n or 0)
    ranked, spend = _ranked(s, kept, paid)
    wanted = set(ranked)
    visits: dict[int, int] = defaultdict(int)
    hits = list(map(wanted.__contains__, members))  # the top members' rows, found in C
    for m, n in zip(compress(members, hits), compress(tickets, hits), strict=True):
        visits[m] += n
    return MemberFigures(
        total=total,
        new=new,
        active=len(card_active.union(members)),
        owed=cards_owed(s, end, ledgers),
        top=_top(s, ranked, spend, visits, treatments),
    )


def _ranked(s: Session, kept: Kept, paid: dict[int, int]) -> tuple[list[int], dict[int, int]]:
    """The :data:`TOP` members who spent most, and what each member spent: ``paid`` (on
    their tickets of the range, stored value apart) less what was paid back to them,
    plus cards bought away from the register."""
    spend: dict[int, int] = defaultdict(int, paid)
    days = {"start": kept.start, "end": kept.end}
    for m, back in direct.rows(s, _PAID_BACK, days):
        spend[int(m or 0)] -= int(back or 0)
    for m, kind, price, principal, ref in kept.sums("cards_bought"):
        if not is_imported(ref):  # a card brought over was paid for before
            spend[int(m or 0)] += price if kind == "sale" else principal
    # the most spent first, then by member: the first TOP of (-spend, member) in order,
    # those who spent nothing or less left out (they come after all who spent)
    first = heapq.nsmallest(TOP, zip(map(neg, spend.values()), spend.keys(), strict=True))
    return [m for v, m in first if v < 0], spend


def _top(
    s: Session,
    ranked: list[int],
    spend: dict[int, int],
    visits: dict[int, int],
    treatments: dict[int, int],
) -> tuple[TopMember, ...]:
    members = {
        mid: (number, name) for mid, number, name in direct.rows(s, _NAMES, {"ids": ranked})
    } if ranked else {}  # fmt: skip
    return tuple(
        TopMember(
            number=members[m][0],
            name=members[m][1],
            visits=visits.get(m, 0),
            treatments=treatments.get(m, 0),
            spend=Money(spend[m]),
        )
        for m in ranked
        if m in members
    )
