"""Card changes at the counter's desk, inside a session: freeze and unfreeze, extension,
adjustment, transfer to another member, refund (退卡), expiry, the member's signature.

Permissions are checked by :class:`~salon_desk.members.card_service.CardService`, which
opens the transaction and writes the audit log.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import ZERO, Money
from salon_desk.members.card_ledger import effective_uses, lock, post, shop_today, usable_account
from salon_desk.members.card_models import CardAccount, CardLedger, CardProduct, CardSignature
from salon_desk.members.card_rows import NewEntry, RefundSlip, UsedLine
from salon_desk.members.card_rules import is_expired, refund_amount, unfreeze_expiry
from salon_desk.members.models import Member

MAX_EXTENSION_DAYS = 3650
MAX_STROKE_POINTS = 5000


def reason_text(reason: str) -> str:
    why = (reason or "").strip()
    if not why:
        raise Invalid(N_("Give a reason."), field="reason")
    if len(why) > 200:
        raise Invalid(N_("At most {n} characters."), field="reason", n=200)
    return why


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


def refund_in(s: Session, clock: Clock, actor: Actor, account_id: int, reason: str) -> RefundSlip:
    """Close a card and work out what is paid back (see ``card_rules``)."""
    why = reason_text(reason)
    acct = lock(s, account_id)
    if acct.status != "active":
        raise Conflict(N_("Card {number} is closed: it cannot be refunded."), number=acct.number)
    if acct.frozen_since is not None:
        raise Conflict(N_("Unfreeze card {number} first."), number=acct.number)
    product = s.get(CardProduct, acct.product_id)
    member = s.get(Member, acct.member_id)
    assert product is not None and member is not None
    today = shop_today(s, clock)
    uses = effective_uses(s, acct.id)
    names = {
        sid: name
        for sid, name in s.execute(
            select(ServiceItem.id, ServiceItem.name_zh).where(
                ServiceItem.id.in_({e.service_id for e in uses if e.service_id})
            )
        )
    }
    used_price = sum(e.list_price_fen for e in uses)
    top_ups = sum(
        e.principal_fen
        for e in s.scalars(
            select(CardLedger).where(
                CardLedger.account_id == acct.id, CardLedger.kind.in_(("top_up", "transfer"))
            )
        )
        if e.principal_fen > 0
    )
    paid = acct.price_fen + top_ups
    refund = refund_amount(
        kind=acct.kind, paid=paid, used_list_price=used_price, principal_left=acct.principal_fen
    )
    left = (acct.sessions_left, acct.principal_fen, acct.bonus_fen)
    entry = post(
        s,
        clock,
        actor,
        acct,
        "refund",
        day=today,
        reason=why,
        list_price=refund,
        sessions=-left[0],
        principal=-left[1],
        bonus=-left[2],
    )
    acct.status = "refunded"
    staff = s.get(Staff, actor.staff_id)
    manager = s.get(Staff, actor.authorised_by) if actor.authorised_by else None
    return RefundSlip(
        account_number=acct.number,
        product_name=product.name,
        kind=acct.kind,
        member_number=member.number,
        member_name=member.name,
        member_phone=member.phone or "",
        sold_at=acct.sold_at,
        paid=Money(paid),
        used=tuple(
            UsedLine(e.day, names.get(e.service_id or 0, ""), e.uses, Money(e.list_price_fen))
            for e in uses
            if e.uses
        ),
        used_list_price=Money(used_price if acct.kind != "value" else 0),
        principal_left=Money(left[1]),
        bonus_void=Money(left[2]),
        sessions_void=left[0],
        refund=Money(refund),
        reason=why,
        at=entry.at,
        staff_name=staff.name if staff else "",
        authorised_by_name=manager.name if manager else "",
        entry_id=entry.id,
        sessions_total=_sessions_in(s, acct.id) if acct.kind == "sessions" else None,
    )


def _sessions_in(s: Session, account_id: int) -> int:
    """Sessions that came onto a card: bought, moved in, or added by a manager."""
    return sum(
        e.sessions
        for e in s.scalars(select(CardLedger).where(CardLedger.account_id == account_id))
        if e.sessions > 0 and e.kind != "reversal"
    )


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


MAX_SIGNATURE_PNG = 256 * 1024


def sign_in(
    s: Session,
    clock: Clock,
    ledger_id: int,
    strokes: list[list[list[float]]],
    png: bytes | None = None,
) -> None:
    """Keep the member's signature with a ledger entry (once): the strokes, and the
    picture of them as PNG when the pad gives one (for printing)."""
    entry = s.get(CardLedger, ledger_id)
    if entry is None:
        raise NotFound(N_("No such card entry."))
    points = sum(len(stroke) for stroke in strokes) if isinstance(strokes, list) else 0
    if not points:
        raise Invalid(N_("Please sign on the screen."), field="signature")
    if points > MAX_STROKE_POINTS:
        raise Invalid(N_("The signature is too long; clear it and sign again."), field="signature")
    if png is not None and (
        not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) > MAX_SIGNATURE_PNG
    ):
        raise Invalid(N_("The signature picture cannot be read; sign again."), field="signature")
    if s.get(CardSignature, ledger_id) is not None:
        raise Conflict(N_("This entry is already signed."))
    clean = [[[round(float(x), 1), round(float(y), 1)] for x, y in stroke] for stroke in strokes]
    s.add(
        CardSignature(
            ledger_id=ledger_id, strokes=json.dumps(clean), png=png, signed_at=clock.now()
        )
    )
    s.flush()
