"""What cards still owe their members at the end of a day: each card's balance after its
last ledger entry up to that day — stored-value principal and bonus apart; unused sessions
valued as in :func:`salon_desk.reports.card_figures.worth`; a period card owes the part of
its price not yet earned by the days it ran (:mod:`salon_desk.reports.period_earning`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BindParameter, Select, and_, bindparam, func, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from salon_desk.core import direct
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.reports.card_figures import pack_sizes
from salon_desk.reports.model import CardsOwed
from salon_desk.reports.period_figures import Ledgers, period_owed
from salon_desk.reports.shares import worth

_END: BindParameter[date] = bindparam("end")
#: The cards with an entry after ``end``.
_LATER = select(CardLedger.account_id).where(CardLedger.day > _END)
#: Each card's last entry up to ``end``, two ways. For a day long ago, among the entries
#: up to it, grouped by ``account_id + 0``, not the bare column: SQLite then reads the day,
#: the card and the id from the ledger's index by day (skipping the days after ``end``)
#: instead of walking the index by card and fetching every entry's row for its day.
_LAST_BY_DAY = (
    select(func.max(CardLedger.id).label("id"))
    .where(CardLedger.day <= _END)
    .group_by(CardLedger.account_id + 0)
    .subquery()
)
#: For a recent day, where that reads almost the whole ledger and sorts it: each card's
#: last entry from the ledger's index by card, in order, without sorting — and for the few
#: cards with entries after ``end``, their last one up to it.
_LAST_BY_CARD = union_all(
    select(func.max(CardLedger.id).label("id"))
    .where(CardLedger.account_id.not_in(_LATER))
    .group_by(CardLedger.account_id),
    select(func.max(CardLedger.id))
    .where(CardLedger.account_id.in_(_LATER), CardLedger.day <= _END)
    .group_by(CardLedger.account_id),
).subquery()
#: Which way: the ledger is posted in order, so its ids count the entries after ``end``.
_FIRST_AFTER = select(CardLedger.id).where(CardLedger.day > _END).order_by(CardLedger.day).limit(1)
_LAST_ENTRY = select(func.max(CardLedger.id))


def _owed(last: Subquery) -> Select[int, str, int, int, int, int]:
    """Each card's balances after its ``last`` entry up to ``end``, of the cards holding
    something (balances are never negative); built once."""
    return (
        select(
            CardLedger.account_id,
            CardAccount.kind,
            CardAccount.price_fen,
            CardLedger.sessions_after,
            CardLedger.principal_after_fen,
            CardLedger.bonus_after_fen,
        )
        .join(last, last.c.id == CardLedger.id)
        .join(CardAccount, CardAccount.id == CardLedger.account_id)
        .where(
            or_(
                CardLedger.principal_after_fen > 0,
                CardLedger.bonus_after_fen > 0,
                and_(CardAccount.kind == "sessions", CardLedger.sessions_after > 0),
            )
        )
    )


#: by day (``False``) or by card (``True``)
_OWED = {False: _owed(_LAST_BY_DAY), True: _owed(_LAST_BY_CARD)}


def _by_card(s: Session, end: date) -> bool:
    """Whether most of the ledger's entries are up to ``end``."""
    found = direct.one_or_none(s, _FIRST_AFTER, {"end": end})
    if found is None:  # none after it
        return True
    first = int(found[0])
    return int(direct.scalar_one(s, _LAST_ENTRY, {}) or 0) - first < first


def cards_owed(s: Session, end: date, ledgers: Ledgers | None = None) -> CardsOwed:
    rows = direct.rows(s, _OWED[_by_card(s, end)], {"end": end})
    packs = pack_sizes(s, {r[0] for r in rows if r[1] == "sessions" and r[3] > 0})
    cards = principal = bonus = sessions = value = 0
    for account_id, kind, price, left, p, b in rows:
        if kind == "sessions" and left > 0:
            sessions += left
            value += worth(price, left, packs.get(account_id, 0))
        principal += p
        bonus += b
        if p or b or (kind == "sessions" and left):
            cards += 1
    period_cards, unearned = period_owed(s, end, ledgers)
    return CardsOwed(
        cards + period_cards,
        Money(principal),
        Money(bonus),
        sessions,
        Money(value),
        period_cards,
        Money(unearned),
    )
