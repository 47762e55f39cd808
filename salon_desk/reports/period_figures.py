"""Revenue earned by period cards in a day or a range, and what they still owe at the
end of a day, read from the card ledger and replayed by
:mod:`salon_desk.reports.period_earning` (where the rules are).

Only the cards that can earn something in the range are read: the cards in use whose last
valid day is not before the range (or that are frozen), and the cards closed (refunded,
expired, transferred, voided) or given a treatment back on or after the range's first
day. A card earns from entries before the range too, so each is read from its sale (its
treatments only where they can start or stop its clock), up to an expiry or refund after
the range, which is left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from salon_desk.core import direct
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.reports.period_earning import CLOSED_LATER, Entry, earn_into, unearned_after

#: Built once: an alias made per call is adapted again by SQLAlchemy on every report.
_UNDONE = aliased(CardLedger)

#: Entries after which a closed card may still have earned (or given back) in a range.
_LATE = ("refund", "expiry", "transfer", "reversal")
_CHUNK = 500
#: Ledger entries read through for one card looked up by itself: above this many entries
#: per card sold, the cards closed since a day are looked up card by card.
_PER_CARD = 10
#: account, id, day, kind, uses, expires after, reverses, kind reversed, list price
_Rows = Select[int, int, date, str, int, date | None, int | None, str, int]


def _sold_by(end: date) -> datetime:
    """Sold (a UTC time) by the end of the range's last shop day, with room for any zone."""
    return datetime.combine(end + timedelta(days=2), time(), UTC)


#: Closed (or given a treatment back) on or after ``day``: looked for card by card, or
#: among the entries since ``day`` (:func:`_closed_since` says which).
_LATE_SINCE = and_(CardLedger.kind.in_(_LATE), CardLedger.day >= bindparam("day"))
_CLOSED_SINCE = {
    True: select(CardLedger.id)
    .where(CardLedger.account_id == CardAccount.id, _LATE_SINCE)
    .exists(),
    False: CardAccount.id.in_(select(CardLedger.account_id).where(_LATE_SINCE)),
}
#: In use with a last day not before ``start``, or frozen.
_RUNNING = and_(
    CardAccount.status == "active",
    or_(CardAccount.expires_on >= bindparam("start"), CardAccount.frozen_since.is_not(None)),
)


def _alive(alive: ColumnElement[bool]) -> Select[int, int, date | None]:
    """``(id, price, starts_on)`` of the period cards sold by ``sold_by`` that are
    ``alive``; built once."""
    return select(CardAccount.id, CardAccount.price_fen, CardAccount.starts_on).where(
        CardAccount.kind == "period", CardAccount.sold_at < bindparam("sold_by"), alive
    )


#: The cards that can earn in a range (by card or not), and those that may still owe at
#: the end of a day.
_EARNING = {k: _alive(or_(_RUNNING, closed)) for k, closed in _CLOSED_SINCE.items()}
_OWING = {
    k: _alive(or_(CardAccount.status == "active", closed)) for k, closed in _CLOSED_SINCE.items()
}


def _cards(
    s: Session, which: dict[bool, Select[int, int, date | None]], params: dict[str, object]
) -> list[tuple[int, int, date | None]]:
    """``(id, price, starts_on)`` of the period cards of ``which`` statement: the one that
    looks for the cards closed since ``day`` the cheaper way."""
    day, end = params["day"], params["end"]
    assert isinstance(day, date) and isinstance(end, date)
    q = which[_closed_since(s, day, end)]
    given = {k: v for k, v in params.items() if k != "end"} | {"sold_by": _sold_by(end)}
    return [(acct, price, starts_on) for acct, price, starts_on in direct.rows(s, q, given)]


#: What :func:`_closed_since` weighs, built once.
_FIRST_SINCE = (
    select(CardLedger.id)
    .where(CardLedger.day >= bindparam("day"))
    .order_by(CardLedger.day)
    .limit(1)
)
_LAST_ENTRY = select(func.max(CardLedger.id))
_SOLD_BY = (
    select(func.count())
    .select_from(CardAccount)
    .where(CardAccount.kind == "period", CardAccount.sold_at < bindparam("sold_by"))
)


def _closed_since(s: Session, day: date, end: date) -> bool:
    """Whether to look card by card for an entry on or after ``day`` that may close a card
    (or undo its start).

    Looked for the cheaper of two ways: among the ledger's entries since ``day``, which are
    few when the day is recent; or card by card among the period cards sold by ``end``
    (``ix_card_ledger_account_kind``), which are few when the range is long ago — a month
    of the first year would otherwise read every entry of the years since."""
    # the ledger is posted in order: its ids count the entries since
    found = direct.one_or_none(s, _FIRST_SINCE, {"day": day})
    first = None if found is None else found[0]
    since = 0 if first is None else int(direct.scalar_one(s, _LAST_ENTRY, {}) or 0) - first
    cards = direct.scalar_one(s, _SOLD_BY, {"sold_by": _sold_by(end)})
    return since > _PER_CARD * int(cards or 0)


#: The entries the replay needs, built once: ``ids`` the cards (or, for ``_FIRST_USES``,
#: the cards whose first treatment is wanted). The card, then an :class:`Entry`'s fields.
_ENTRY = select(
    CardLedger.account_id,
    CardLedger.id,
    CardLedger.day,
    CardLedger.kind,
    CardLedger.uses,
    CardLedger.expires_after,
    CardLedger.reverses_id,
    _UNDONE.kind,
    case((CardLedger.kind == "refund", CardLedger.list_price_fen), else_=0),  # paid back
).outerjoin(_UNDONE, _UNDONE.id == CardLedger.reverses_id)
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
#: all but the treatments, and but an expiry or refund after ``end``
_NOT_USES = _ENTRY.where(
    CardLedger.account_id.in_(_IDS),
    CardLedger.kind != "use",
    or_(CardLedger.day <= bindparam("end"), CardLedger.kind.not_in(CLOSED_LATER)),
)
_USES = _ENTRY.where(CardLedger.account_id.in_(_IDS), CardLedger.kind == "use")
_FIRST_USES = _ENTRY.where(
    CardLedger.id.in_(
        select(func.min(CardLedger.id))
        .where(CardLedger.account_id.in_(_IDS), CardLedger.kind == "use")
        .group_by(CardLedger.account_id)
    )
)


def _ledgers(s: Session, ids: list[int], end: date) -> dict[int, list[Entry]]:
    """The entries of each card that matter to what it earns up to the end of ``end``, in
    the order posted."""
    entries: dict[int, list[Entry]] = defaultdict(list)
    for i in range(0, len(ids), _CHUNK):
        _read(s, _NOT_USES, {"ids": ids[i : i + _CHUNK], "end": end}, entries)
    # A treatment matters only to a card that starts at its first treatment: its first
    # one, and all of them when one was undone (it may have stopped the card's clock).
    first_use = [
        acct
        for acct, es in entries.items()
        if any(e.kind == "sale" and e.expires_after is None for e in es)
    ]
    given_back = {a for a in first_use if any(e.reverses_kind == "use" for e in entries[a])}
    every = [a for a in first_use if a in given_back]
    first = [a for a in first_use if a not in given_back]
    for i in range(0, len(every), _CHUNK):
        _read(s, _USES, {"ids": every[i : i + _CHUNK]}, entries)
    for i in range(0, len(first), _CHUNK):
        _read(s, _FIRST_USES, {"ids": first[i : i + _CHUNK]}, entries)
    for es in entries.values():
        es.sort()  # by id: an entry's first field, never the same twice
    return entries


class Ledgers:
    """The period cards' ledgers as one report reads them: each card's entries are read
    once however many of the report's figures replay the card (within one read
    transaction, where they cannot change)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        #: card -> (read for replays up to the end of that day, entries)
        self._entries: dict[int, tuple[date, list[Entry]]] = {}
        #: (card, day) -> what the card still owes at the end of the day, kept by the
        #: replay of a range ending that day (the same replay tells both)
        self.owed: dict[tuple[int, date], int] = {}

    def of(self, ids: list[int], end: date) -> dict[int, list[Entry]]:
        """The cards' entries for replays up to the end of ``end``."""
        read = self._entries
        missing = [i for i in ids if i not in read or read[i][0] < end]
        if missing:
            found = _ledgers(self.s, missing, end)
            for i in missing:
                read[i] = (end, found.get(i, []))
        return {i: read[i][1] for i in ids}


def period_earned_by_day(
    s: Session, start: date, end: date, ledgers: Ledgers | None = None
) -> dict[date, int]:
    """Fen earned by all period cards on each day from ``start`` to ``end``: the cards in
    use whose last day is not before the range (or that are frozen), and the cards closed
    or given a treatment back since its first day. ``ledgers``: the report's, when it
    reads the cards' ledgers for another figure too."""
    cards = _cards(s, _EARNING, {"start": start, "day": start, "end": end})
    ledgers = ledgers or Ledgers(s)
    entries = ledgers.of([c[0] for c in cards], end)
    out: dict[date, int] = {}
    owed = ledgers.owed
    for acct, price, starts_on in cards:
        left = earn_into(out, price, entries[acct], start, end, starts_on is not None)
        owed[acct, end] = left
    return out


def period_owed(s: Session, end: date, ledgers: Ledgers | None = None) -> tuple[int, int]:
    """``(cards, fen)``: what period cards still owe their members at the end of ``end``
    (the part of their price not yet earned), from the cards still in use or closed
    after that day. ``ledgers``: as for :func:`period_earned_by_day`."""
    cards = _cards(s, _OWING, {"day": end + timedelta(days=1), "end": end})
    ledgers = ledgers or Ledgers(s)
    owed = ledgers.owed
    # the cards not replayed for a range ending ``end``
    entries = ledgers.of([c[0] for c in cards if (c[0], end) not in owed], end)
    n = fen = 0
    for acct, price, starts_on in cards:
        left = owed.get((acct, end))
        if left is None:
            left = unearned_after(price, entries[acct], end, started_now=starts_on is not None)
        if left:
            n, fen = n + 1, fen + left
    return n, fen


def _read(s: Session, q: _Rows, params: dict[str, object], into: dict[int, list[Entry]]) -> None:
    entry = Entry._make
    for row in direct.rows(s, q, params):
        into[row[0]].append(entry(row[1:]))
