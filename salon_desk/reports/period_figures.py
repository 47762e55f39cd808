"""Revenue earned by period cards in a day or a range, read from the card ledger and
replayed by :mod:`salon_desk.reports.period_earning` (where the rules are).

Only the cards that can earn something in the range are read: the cards in use whose last
valid day is not before the range (or that are frozen), and the cards closed (refunded,
expired, transferred, voided) or given a treatment back on or after the range's first
day. A card earns from entries before the range too, so each is read whole.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.reports.period_earning import Entry, earned_by_day

#: Entries after which a closed card may still have earned (or given back) in a range.
_LATE = ("refund", "expiry", "transfer", "reversal")
_CHUNK = 500
#: account, id, day, kind, uses, expires after, reverses, kind reversed, list price
_Rows = Select[int, int, date, str, int, date | None, int | None, str, int]


def _cards(s: Session, start: date, end: date) -> list[tuple[int, int, date | None]]:
    """``(id, price, starts_on)`` of the period cards that can earn in the range."""
    late = select(CardLedger.account_id).where(CardLedger.day >= start, CardLedger.kind.in_(_LATE))
    # sold (a UTC time) by the end of the range's last shop day, with room for any zone
    sold_by = datetime.combine(end + timedelta(days=2), time(), UTC)
    q = select(CardAccount.id, CardAccount.price_fen, CardAccount.starts_on).where(
        CardAccount.kind == "period",
        CardAccount.sold_at < sold_by,
        or_(
            and_(
                CardAccount.status == "active",
                or_(CardAccount.expires_on >= start, CardAccount.frozen_since.is_not(None)),
            ),
            CardAccount.id.in_(late),
        ),
    )
    return [(acct, price, starts_on) for acct, price, starts_on in s.execute(q)]


def period_earned_by_day(s: Session, start: date, end: date) -> dict[date, int]:
    """Fen earned by all period cards on each day from ``start`` to ``end``."""
    cards = _cards(s, start, end)
    if not cards:
        return {}
    undone = aliased(CardLedger)
    cols = select(
        CardLedger.account_id,
        CardLedger.id,
        CardLedger.day,
        CardLedger.kind,
        CardLedger.uses,
        CardLedger.expires_after,
        CardLedger.reverses_id,
        undone.kind,
        CardLedger.list_price_fen,
    ).outerjoin(undone, undone.id == CardLedger.reverses_id)
    entries: dict[int, list[Entry]] = defaultdict(list)
    ids = [c[0] for c in cards]
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        _read(s, cols.where(CardLedger.account_id.in_(chunk), CardLedger.kind != "use"), entries)
    # A treatment matters only to a card that starts at its first treatment.
    first_use = [
        acct
        for acct, es in entries.items()
        if any(e.kind == "sale" and e.expires_after is None for e in es)
    ]
    for i in range(0, len(first_use), _CHUNK):
        chunk = first_use[i : i + _CHUNK]
        _read(s, cols.where(CardLedger.account_id.in_(chunk), CardLedger.kind == "use"), entries)
    out: dict[date, int] = defaultdict(int)
    for acct, price, starts_on in cards:
        es = sorted(entries.get(acct, ()), key=lambda e: e.id)
        for day, fen in earned_by_day(
            price, es, start, end, started_now=starts_on is not None
        ).items():
            out[day] += fen
    return dict(out)


def _read(s: Session, q: _Rows, into: dict[int, list[Entry]]) -> None:
    for acct, id_, day, kind, uses, expires_after, reverses_id, of, lst in s.execute(q):
        into[acct].append(
            Entry(
                id=id_,
                day=day,
                kind=kind,
                uses=uses,
                expires_after=expires_after,
                reverses_id=reverses_id,
                reverses_kind=of,
                refund_fen=lst if kind == "refund" else 0,
            )
        )
