"""Card changes at the counter's desk, inside a session: freeze and unfreeze, extension,
adjustment, transfer to another member, refund (退卡), expiry, the member's signature.

Every function is importable from here; the refund lives in
:mod:`~salon_desk.members.card_refund`, the signature in
:mod:`~salon_desk.members.card_signature`, the reason check in
:mod:`~salon_desk.members.card_inputs`.

Permissions are checked by :class:`~salon_desk.members.card_service.CardService`, which
opens the transaction and writes the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import ZERO, Money
from salon_desk.members.card_inputs import reason_text
from salon_desk.members.card_ledger import lock, post, shop_today, usable_account
from salon_desk.members.card_models import CardAccount
from salon_desk.members.card_refund import refund_in
from salon_desk.members.card_rows import NewEntry
from salon_desk.members.card_rules import is_expired, unfreeze_expiry
from salon_desk.members.card_signature import sign_in
from salon_desk.members.models import Member

__all__ = [
    "MAX_EXTENSION_DAYS",
    "adjust_in",
    "expire_due_in",
    "extend_in",
    "freeze_in",
    "reason_text",
    "refund_in",
    "sign_in",
    "transfer_in",
    "unfreeze_in",
]

MAX_EXTENSION_DAYS = 3650


def freeze_in(s: Session, clock: Clock, actor: Actor, account_id: int, reason: str) -> NewEntry:
    why = reason_text(reason)
    acct = lock(s, account_id)
    today = shop_today(s, clock)
    if acct.frozen_since is not None:
        raise Conflict(N_("Card {number} is already frozen."), number=acct.number)
    usable_account(acct, today)  # an expired or closed card cannot be frozen
    acct.frozen_since = today
    return post(
        s, clock, actor, acct, "freeze", day=today, reason=why, expires_after=acct.expires_on
    )


def unfreeze_in(s: Session, clock: Clock, actor: Actor, account_id: int) -> NewEntry:
    acct = lock(s, account_id)
    if acct.frozen_since is None:
        raise Conflict(N_("Card {number} is not frozen."), number=acct.number)
    today = shop_today(s, clock)
    days = (today - acct.frozen_since).days
    acct.expires_on = unfreeze_expiry(acct.expires_on, acct.frozen_since, today)
    acct.frozen_since = None
    return post(
        s,
        clock,
        actor,
        acct,
        "unfreeze",
        day=today,
        expires_after=acct.expires_on,
        reason=str(days),
    )


def extend_in(
    s: Session, clock: Clock, actor: Actor, account_id: int, days: int, reason: str
) -> NewEntry:
    why = reason_text(reason)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise Invalid(
            N_("Enter a number of days from 1 to {n}."), field="days", n=MAX_EXTENSION_DAYS
        )
    acct = lock(s, account_id)
    if acct.status not in ("active", "expired"):
        raise Conflict(N_("Card {number} is closed: it cannot be extended."), number=acct.number)
    if acct.expires_on is None:
        raise Conflict(N_("Card {number} has no expiry date."), number=acct.number)
    if acct.status == "expired":
        raise Conflict(
            N_("Card {number} has expired and its balance is closed."), number=acct.number
        )
    acct.expires_on = acct.expires_on + timedelta(days=days)
    return post(
        s,
        clock,
        actor,
        acct,
        "extension",
        day=shop_today(s, clock),
        reason=why,
        expires_after=acct.expires_on,
    )


def adjust_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    account_id: int,
    *,
    sessions: int = 0,
    principal: Money = ZERO,
    bonus: Money = ZERO,
    reason: str,
) -> NewEntry:
    why = reason_text(reason)
    if not (sessions or principal or bonus):
        raise Invalid(N_("Enter a change."), field="sessions")
    acct = lock(s, account_id)
    if acct.status != "active":
        raise Conflict(N_("Card {number} is closed: it cannot be adjusted."), number=acct.number)
    if acct.kind != "sessions" and sessions:
        raise Invalid(N_("Only a session pack holds sessions."), field="sessions")
    if acct.kind != "value" and (principal or bonus):
        raise Invalid(N_("Only a stored-value card holds money."), field="principal")
    return post(
        s,
        clock,
        actor,
        acct,
        "adjustment",
        day=shop_today(s, clock),
        reason=why,
        sessions=sessions,
        principal=principal.fen,
        bonus=bonus.fen,
    )


def transfer_in(
    s: Session, clock: Clock, actor: Actor, account_id: int, to_member_id: int, reason: str
) -> tuple[CardAccount, CardAccount]:
    """Move what is left on a card to a new card of another member; the old one closes."""
    why = reason_text(reason)
    acct = lock(s, account_id)
    today = shop_today(s, clock)
    usable_account(acct, today)
    target = s.get(Member, to_member_id)
    if target is None or target.erased_at is not None:
        raise NotFound(N_("No such member."))
    if target.id == acct.member_id:
        raise Invalid(N_("Choose another member."), field="member")
    new = CardAccount(
        number=next_number(s, "card", today),
        member_id=target.id,
        product_id=acct.product_id,
        kind=acct.kind,
        price_fen=acct.price_fen,
        sold_at=clock.now(),
        sold_by=actor.staff_id,
        sale_ref=None,
        starts_on=acct.starts_on,
        expires_on=acct.expires_on,
        status="active",
    )
    s.add(new)
    s.flush()
    moved = (acct.sessions_left, acct.principal_fen, acct.bonus_fen)
    post(
        s,
        clock,
        actor,
        acct,
        "transfer",
        day=today,
        reason=why,
        related_account_id=new.id,
        sessions=-moved[0],
        principal=-moved[1],
        bonus=-moved[2],
    )
    acct.status = "transferred"
    post(
        s,
        clock,
        actor,
        new,
        "transfer",
        day=today,
        reason=why,
        related_account_id=acct.id,
        sessions=moved[0],
        principal=moved[1],
        bonus=moved[2],
        expires_after=new.expires_on,
    )
    return acct, new


def expire_due_in(s: Session, clock: Clock, actor: Actor | None) -> list[NewEntry]:
    """Close every active card whose last day has passed (frozen cards wait)."""
    today = shop_today(s, clock)
    due = list(
        s.scalars(
            select(CardAccount.id).where(
                CardAccount.status == "active",
                CardAccount.frozen_since.is_(None),
                CardAccount.expires_on < today,
            )
        )
    )
    done = []
    for account_id in due:
        acct = lock(s, account_id)
        if acct.status != "active" or not is_expired(acct.expires_on, today):
            continue
        done.append(
            post(
                s,
                clock,
                actor,
                acct,
                "expiry",
                day=today,
                expires_after=acct.expires_on,
                sessions=-acct.sessions_left,
                principal=-acct.principal_fen,
                bonus=-acct.bonus_fen,
            )
        )
        acct.status = "expired"
    s.flush()
    return done
