"""Treatment cards in a day or a range, read from the card ledger: money received for
cards (a liability: sold, not yet earned) kept apart from cards used (revenue earned).

The two are never added together. The rules:

* **Received** — a card sold counts the price the member paid for it
  (``card_account.price_fen``); a stored-value top-up counts its principal. A sale or
  top-up undone (a ``reversal`` entry) takes it back on the day it is undone. A card sold
  on a register ticket is counted here once, from the ledger; the ticket's card line is
  not counted again as a sale of services or products.
* **Bonus** value given with a stored-value card or top-up is not money: it is shown
  apart and never added to the money received.
* **Earned** — a session pack is earned by the session at the price paid:
  the unused sessions of a card are worth ``price × sessions left ÷ sessions in the
  pack``, rounded half up to the fen, and a use earns the drop in that worth, so the
  uses of a whole pack add up to its price exactly. A pack moved to another member
  (转卡) keeps the pack and the price of the card it came from, so both holders' uses
  together earn the price. Stored value spent earns the principal
  part only; the bonus part is not money. A use undone, or the part of it a refund gives
  back to the card, takes its earning back on the day it is given back.
* **Period cards** (month, quarter, year …) are not earned by the treatment but by the
  day: what was paid is earned evenly over the days the card runs, and a refund, expiry,
  transfer or void settles the rest (rules in :mod:`salon_desk.reports.period_earning`).
  Their treatments are counted and shown at list price, not as money.
* A card refund pays money back out of what was received; it is shown apart.
* A card **brought over** from paper or another system (sale number ``IMPORT-<day>``,
  :mod:`salon_desk.members.card_import`) was paid for before: it is not money received,
  and is shown apart at what the member paid; its later use is earned as usual.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import BindParameter, bindparam, select
from sqlalchemy.orm import Session, aliased

from salon_desk.core import direct
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.reports.day_store import Kept
from salon_desk.reports.model import CardFigures
from salon_desk.reports.period_figures import Ledgers, period_earned_by_day
from salon_desk.reports.shares import worth

#: Built once: an alias made per call is adapted again by SQLAlchemy on every report.
_UNDONE = aliased(CardLedger)

#: The sale number prefix of cards brought over from paper or another system.
IMPORTED = "IMPORT-"


def is_imported(sale_ref: str | None) -> bool:
    return bool(sale_ref) and str(sale_ref).startswith(IMPORTED)


@dataclass
class _Tally:
    sold: int = 0
    sold_value_fen: int = 0
    topped_up: int = 0
    top_up_fen: int = 0
    undone_fen: int = 0  # sales and top-ups taken back
    bonus_fen: int = 0
    refunds: int = 0
    refund_fen: int = 0
    session_uses: int = 0
    session_fen: int = 0
    value_uses: int = 0
    principal_used_fen: int = 0
    bonus_used_fen: int = 0
    period_uses: int = 0
    period_list_fen: int = 0
    period_earned_fen: int = 0
    imported: int = 0
    imported_value_fen: int = 0

    def figures(self) -> CardFigures:
        return CardFigures(
            sold=self.sold,
            sold_value=Money(self.sold_value_fen),
            topped_up=self.topped_up,
            top_up=Money(self.top_up_fen),
            undone=Money(self.undone_fen),
            bonus=Money(self.bonus_fen),
            refunds=self.refunds,
            refund=Money(self.refund_fen),
            session_uses=self.session_uses,
            session=Money(self.session_fen),
            value_uses=self.value_uses,
            principal_used=Money(self.principal_used_fen),
            bonus_used=Money(self.bonus_used_fen),
            period_uses=self.period_uses,
            period_list=Money(self.period_list_fen),
            period_earned=Money(self.period_earned_fen),
            imported=self.imported,
            imported_value=Money(self.imported_value_fen),
        )


_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
#: The sessions each card's sale put on it, and the cards a card was moved in from (its
#: first transfer entry last: the one kept); built once, run with ``ids`` the cards.
_SOLD_SESSIONS = select(CardLedger.account_id, CardLedger.sessions).where(
    CardLedger.kind == "sale", CardLedger.account_id.in_(_IDS)
)
_MOVED_FROM = (
    select(CardLedger.account_id, CardLedger.related_account_id)
    .where(CardLedger.kind == "transfer", CardLedger.account_id.in_(_IDS))
    .order_by(CardLedger.id.desc())
)


def pack_sizes(s: Session, account_ids: set[int]) -> dict[int, int]:
    """Sessions in each session card's pack: what its sale entry put on it. A card moved
    to another member (转卡) has no sale: its pack is the pack of the card it came from,
    so its sessions keep their worth at the price paid."""
    packs: dict[int, int] = {}
    at = {aid: aid for aid in account_ids}  # each card -> the card its pack is looked up on
    for _hop in range(20):  # a card moved on again and again
        looking = {cur for aid, cur in at.items() if aid not in packs}
        if not looking:
            break
        sales = {aid: n for aid, n in direct.rows(s, _SOLD_SESSIONS, {"ids": list(looking)})}
        sources: dict[int, int] = {}
        moved = list(looking - sales.keys())
        # a card's first transfer entry moved it in
        for aid, src in direct.rows(s, _MOVED_FROM, {"ids": moved}) if moved else ():
            if src is not None:
                sources[aid] = src
        for aid, cur in list(at.items()):
            if aid in packs:
                continue
            if cur in sales:
                packs[aid] = int(sales[cur])
            elif cur in sources:
                at[aid] = sources[cur]
            else:
                del at[aid]  # neither sold nor moved in: no pack
    return packs


#: The range's card entries that count (``start`` and ``end``); built once.
_ENTRIES = (
    select(
        CardLedger.day,
        CardLedger.kind,
        _UNDONE.kind,
        CardLedger.account_id,
        CardAccount.kind,
        CardAccount.price_fen,
        CardLedger.sessions,
        CardLedger.sessions_after,
        CardLedger.principal_fen,
        CardLedger.bonus_fen,
        CardLedger.uses,
        CardLedger.list_price_fen,
        CardLedger.sale_ref,
    )
    .join(CardAccount, CardAccount.id == CardLedger.account_id)
    .outerjoin(_UNDONE, _UNDONE.id == CardLedger.reverses_id)
    .where(
        CardLedger.day >= bindparam("start"),
        CardLedger.day <= bindparam("end"),
        CardLedger.kind.in_(("sale", "top_up", "bonus", "use", "refund", "reversal")),
    )
    .order_by(CardLedger.id)
)
#: What is kept of each closed day (:mod:`salon_desk.reports.day_store`): a closed day's
#: card entries are kept again whenever one is posted on it (``card_ledger.post``).
KEPT = {"card_entries": _ENTRIES}


def _tallies(s: Session, kept: Kept, ledgers: Ledgers | None = None) -> dict[date, _Tally]:
    start, end = kept.start, kept.end
    rows = kept.rows("card_entries")
    packs = pack_sizes(s, {r[3] for r in rows if r[4] == "sessions"})
    days: dict[date, _Tally] = defaultdict(_Tally)
    for row in rows:
        day, kind, of, acct, card_kind, price, sessions, after, principal, bonus, uses, lst, ref = (
            row
        )
        t = days[day]
        sign = 1
        partial = kind == "reversal" and of is None
        if kind == "reversal":  # a part given back by a refund points at nothing: a use
            kind, sign = of or "use", -1
        if kind in ("sale", "bonus") and is_imported(ref):
            if kind == "sale":
                t.imported += sign
                t.imported_value_fen += sign * price
        elif kind == "sale":
            t.sold += sign
            if sign > 0:
                t.sold_value_fen += price
            else:
                t.undone_fen += price
            t.bonus_fen += bonus
        elif kind == "top_up":
            t.topped_up += sign
            if sign > 0:
                t.top_up_fen += principal
            else:
                t.undone_fen -= principal  # the reversal's principal is negative
        elif kind == "bonus":
            t.bonus_fen += bonus
        elif kind == "refund":
            t.refunds += 1
            t.refund_fen += lst
        elif kind == "use" and card_kind == "sessions":
            t.session_uses += uses
            pack = packs.get(acct, 0)
            t.session_fen += worth(price, after - sessions, pack) - worth(price, after, pack)
        elif kind == "use" and card_kind == "value":
            t.value_uses += 0 if partial else sign
            t.principal_used_fen -= principal
            t.bonus_used_fen -= bonus
        elif kind == "use":
            t.period_uses += uses
            t.period_list_fen += lst
    for day, fen in period_earned_by_day(s, start, end, ledgers).items():
        days[day].period_earned_fen += fen
    return days


def _total(tallies: dict[date, _Tally]) -> CardFigures:
    total = _Tally()
    for t in tallies.values():
        for k in total.__dataclass_fields__:
            setattr(total, k, getattr(total, k) + getattr(t, k))
    return total.figures()


def card_figures(s: Session, kept: Kept) -> CardFigures:
    """``kept``: the range's statements."""
    return _total(_tallies(s, kept))


def cards_in_range(
    s: Session, kept: Kept, ledgers: Ledgers | None = None
) -> tuple[CardFigures, dict[date, CardFigures]]:
    """The range's card figures and each day's, from one read of the ledger (``kept``:
    the range's statements). ``ledgers``: the report's period card ledgers, when another
    figure reads them too."""
    tallies = _tallies(s, kept, ledgers)
    return _total(tallies), {day: t.figures() for day, t in tallies.items()}
