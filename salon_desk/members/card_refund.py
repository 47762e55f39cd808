"""Refunding a card (退卡) inside the caller's transaction: :func:`refund_in` closes the
card and works out what is paid back (see :mod:`salon_desk.members.card_admin`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.members.card_inputs import reason_text
from salon_desk.members.card_ledger import effective_uses, lock, post, shop_today
from salon_desk.members.card_models import CardLedger, CardProduct
from salon_desk.members.card_rows import RefundSlip, UsedLine
from salon_desk.members.card_rules import refund_amount
from salon_desk.members.models import Member


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
