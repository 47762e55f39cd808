"""What a refund by line gives back to the member's cards, inside the refund's transaction.

* A treatment a session or period card paid for: the treatments go back on the card (a
  ``reversal`` ledger entry; the one that completes the line points at the use).
* Money paid from stored value: back on the card(s) it came from, principal and bonus in
  the proportion they were taken, spread over the cards in proportion to what each gave.
* A card sold on the sale: voided if it has not been used or changed since; otherwise
  refused — the card is refunded by the card refund rule (退卡) in the member's cards.
* A top-up: taken back off the card if the card still holds it; otherwise refused.

Every entry carries the sale's number as its ``sale_ref`` and the refund's reason.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.card_ledger import lock, post, reversed_ids, shop_today
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_rules import split_spend
from salon_desk.pos.models import SaleLine

#: ledger entries after a card's sale that mean the card has been used or changed
_SINCE = ("use", "top_up", "transfer", "adjustment", "refund")


def _entries(s: Session, sale_ref: str, *kinds: str) -> list[CardLedger]:
    return list(
        s.scalars(
            select(CardLedger)
            .where(CardLedger.sale_ref == sale_ref, CardLedger.kind.in_(kinds))
            .order_by(CardLedger.id)
        )
    )


def _returns(s: Session, sale_ref: str, account_id: int) -> list[CardLedger]:
    return list(
        s.scalars(
            select(CardLedger).where(
                CardLedger.sale_ref == sale_ref,
                CardLedger.account_id == account_id,
                CardLedger.kind == "reversal",
            )
        )
    )


def _open(acct: CardAccount) -> None:
    if acct.status not in ("active", "expired"):
        raise Conflict(
            N_("Card {number} is closed: this sale cannot be undone."), number=acct.number
        )


def sessions_back_in(
    s: Session, clock: Clock, actor: Actor, *, sale_ref: str, line: SaleLine, qty: int, why: str
) -> None:
    """Put ``qty`` treatments of a card-paid service line back on its card."""
    if line.kind != "service" or line.service_id is None:
        return
    uses = [
        e
        for e in _entries(s, sale_ref, "use")
        if e.service_id == line.service_id
        and e.uses > 0
        and (line.card_account_id is None or e.account_id == line.card_account_id)
    ]
    if not uses:
        return  # paid with money, not with a card
    today = shop_today(s, clock)
    left = qty
    for e in uses:
        given = -sum(
            r.uses for r in _returns(s, sale_ref, e.account_id) if r.service_id == e.service_id
        )
        open_uses = e.uses - max(0, given)
        if open_uses <= 0 or left <= 0:
            continue
        back = min(open_uses, left)
        acct = lock(s, e.account_id)
        _open(acct)
        complete = back == open_uses and e.id not in reversed_ids(s, acct.id)
        post(
            s,
            clock,
            actor,
            acct,
            "reversal",
            day=today,
            sale_ref=sale_ref,
            reverses_id=e.id if complete else None,
            sessions=back if acct.kind == "sessions" else 0,
            uses=-back,
            service_id=e.service_id,
            list_price=-(e.list_price_fen * back // e.uses),
            reason=why,
        )
        left -= back


def value_back_in(
    s: Session, clock: Clock, actor: Actor, *, sale_ref: str, amount: Money, why: str
) -> None:
    """Give ``amount`` of stored value back to the cards the sale was paid from."""
    if amount.fen <= 0:
        return
    spends = []
    for e in _entries(s, sale_ref, "use"):
        taken_p, taken_b = -e.principal_fen, -e.bonus_fen
        if taken_p + taken_b <= 0:
            continue
        back = [r for r in _returns(s, sale_ref, e.account_id) if r.principal_fen + r.bonus_fen > 0]
        open_p = taken_p - sum(r.principal_fen for r in back)
        open_b = taken_b - sum(r.bonus_fen for r in back)
        if open_p + open_b > 0:
            spends.append((e, open_p, open_b))
    if sum(p + b for _e, p, b in spends) < amount.fen:
        raise Conflict(N_("More stored value is due back than this sale took from cards."))
    today = shop_today(s, clock)
    shares = amount.allocate([p + b for _e, p, b in spends])
    for (e, open_p, open_b), share in zip(spends, shares, strict=True):
        if not share.fen:
            continue
        acct = lock(s, e.account_id)
        _open(acct)
        to_p, to_b = split_spend(share.fen, open_p, open_b)
        complete = share.fen == open_p + open_b and e.id not in reversed_ids(s, acct.id)
        post(
            s,
            clock,
            actor,
            acct,
            "reversal",
            day=today,
            sale_ref=sale_ref,
            reverses_id=e.id if complete else None,
            principal=to_p,
            bonus=to_b,
            reason=why,
        )


def card_line_back_in(
    s: Session, clock: Clock, actor: Actor, *, sale_ref: str, line: SaleLine, why: str
) -> None:
    """Undo a card sold (voided, when unused) or a top-up (when the card still holds it)."""
    if line.card_account_id is None:
        raise Conflict(N_("This card line cannot be traced to a card: refund it in Members."))
    acct = lock(s, line.card_account_id)
    _open(acct)
    today = shop_today(s, clock)
    undone = reversed_ids(s, acct.id)
    own = [
        e
        for e in _entries(s, sale_ref, "sale", "top_up", "bonus")
        if e.account_id == acct.id and e.id not in undone
    ]
    if line.kind == "card_sale":
        own = [e for e in own if e.kind in ("sale", "bonus")]
        since = s.scalar(
            select(CardLedger.id).where(
                CardLedger.account_id == acct.id,
                CardLedger.kind.in_(_SINCE),
                CardLedger.sale_ref.is_distinct_from(sale_ref),
                CardLedger.id.not_in(undone) if undone else CardLedger.id.is_not(None),
            )
        )
        if since is not None or acct.sale_ref != sale_ref:
            raise Conflict(
                N_("Card {number} has been used since it was sold; refund the card."),
                number=acct.number,
            )
    else:
        own = [e for e in own if e.kind in ("top_up", "bonus")]
        if acct.principal_fen < sum(e.principal_fen for e in own) or acct.bonus_fen < sum(
            e.bonus_fen for e in own
        ):
            raise Conflict(
                N_("Card {number} no longer holds what was topped up: refund the card in Members."),
                number=acct.number,
            )
    for e in reversed(own):
        _reverse(s, clock, actor, acct, e, today, sale_ref, why)
    if line.kind == "card_sale":
        acct.status = "void"
        s.flush()


def _reverse(
    s: Session,
    clock: Clock,
    actor: Actor,
    acct: CardAccount,
    e: CardLedger,
    today: date,
    sale_ref: str,
    why: str,
) -> None:
    post(
        s,
        clock,
        actor,
        acct,
        "reversal",
        day=today,
        sale_ref=sale_ref,
        reverses_id=e.id,
        sessions=-e.sessions,
        principal=-e.principal_fen,
        bonus=-e.bonus_fen,
        reason=why,
    )
