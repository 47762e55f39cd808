"""The follow-up calls the rules suggest for a day (电话追踪):

- ``facial``: a home-care check three days after a completed facial;
- ``card_expiry``: a member whose card expires within the set number of days
  (setting ``calls.card_expiry_days``; 0 = never) — once per card;
- ``birthday``: a member whose birthday is within the coming week — once per birthday.

A card with sessions or money left is the member's own to lose, so she is called whatever
her choice about marketing calls; renewing a period card and a birthday greeting are
sales calls, made only to members who agreed to them (``marketing_ok``). Erased members,
frozen cards (their clock stops) and cards with nothing left are never suggested.
Each function returns :class:`Suggestion` rows; the service puts them on the day's list,
where a person is never twice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from salon_desk.booking import rules
from salon_desk.booking.models import Booking, BookingItem, FollowUpCall, ServiceItem
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.models import Member

#: A facial is followed by a home-care check this many days later.
FACIAL_FOLLOW_UP_DAYS = 3
#: A birthday is suggested when it falls within this many days (today included).
BIRTHDAY_DAYS = 7


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str
    contact: str
    purpose: str
    points: str
    origin: str
    booking_id: int | None = None


def facial(s: Session, day: date) -> list[Suggestion]:
    facial_day = day - timedelta(days=FACIAL_FOLLOW_UP_DAYS)
    q = (
        select(Booking, ServiceItem)
        .join(BookingItem, BookingItem.booking_id == Booking.id)
        .join(ServiceItem, ServiceItem.id == BookingItem.service_id)
        .where(
            Booking.day == facial_day,
            Booking.status == "completed",
            ServiceItem.category == "facial",
            Booking.guest_phone != "",
        )
        .order_by(Booking.completed_at, Booking.id)
    )
    return [
        Suggestion(
            b.guest_name,
            b.guest_phone,
            "home_care",
            f"{facial_day:%m-%d} {item.name_zh}",
            "facial",
            b.id,
        )
        for b, item in s.execute(q).all()
    ]


def _last_calls(s: Session, origin: str, contacts: set[str]) -> dict[str, date]:
    """The latest day each contact was (or is to be) called for ``origin``."""
    if not contacts:
        return {}
    q = (
        select(FollowUpCall.contact, func.max(FollowUpCall.due_day))
        .where(FollowUpCall.origin == origin, FollowUpCall.contact.in_(contacts))
        .group_by(FollowUpCall.contact)
    )
    return {contact: last for contact, last in s.execute(q).all()}


def expiring_cards(s: Session, day: date, within_days: int) -> list[Suggestion]:
    """One call per member for her cards expiring from ``day`` to ``day + within_days``
    that no earlier expiry call covered (a call on or after the day the card came into
    the window covered it)."""
    if within_days <= 0:
        return []
    q = (
        select(CardAccount, CardProduct.name, Member)
        .join(CardProduct, CardProduct.id == CardAccount.product_id)
        .join(Member, Member.id == CardAccount.member_id)
        .where(
            CardAccount.status == "active",
            CardAccount.frozen_since.is_(None),
            CardAccount.expires_on >= day,
            CardAccount.expires_on <= day + timedelta(days=within_days),
            Member.erased_at.is_(None),
            Member.phone.is_not(None),
        )
        .order_by(CardAccount.expires_on, CardAccount.id)
    )
    found = []
    for acct, product, m in s.execute(q).all():
        if acct.kind == "sessions":
            worth_a_call = acct.sessions_left > 0
        elif acct.kind == "value":
            worth_a_call = acct.principal_fen + acct.bonus_fen > 0
        else:
            worth_a_call = m.marketing_ok
        if worth_a_call:
            found.append((acct, product, m))
    last = _last_calls(s, "card_expiry", {m.phone or "" for _a, _p, m in found})
    cards: dict[int, list[str]] = defaultdict(list)
    members: dict[int, Member] = {}
    purposes: dict[int, str] = {}
    for acct, product, m in found:
        assert acct.expires_on is not None and m.phone is not None
        called = last.get(m.phone)
        if called is not None and called >= acct.expires_on - timedelta(days=within_days):
            continue
        members[m.id] = m
        cards[m.id].append(f"{product} {acct.number} → {acct.expires_on:%Y-%m-%d}")
        if acct.kind != "period":  # something left to use: come and use it
            purposes[m.id] = "reminder"
        else:  # a period card alone: renew it
            purposes.setdefault(m.id, "promotion")
    return [
        Suggestion(m.name, m.phone or "", purposes[m.id], "；".join(cards[m.id]), "card_expiry")
        for m in members.values()
    ]


def birthdays(s: Session, day: date) -> list[Suggestion]:
    """Members who agreed to calls and whose birthday is within the coming week, once per
    birthday."""
    days = [day + timedelta(days=k) for k in range(BIRTHDAY_DAYS)]
    pairs = {(d.month, d.day) for d in days}
    for d in days:
        if (d.month, d.day) == (2, 28):  # 29 February is kept on 28 February
            pairs.add((2, 29))
    month, mday = extract("month", Member.birthday), extract("day", Member.birthday)
    q = (
        select(Member)
        .where(
            Member.erased_at.is_(None),
            Member.phone.is_not(None),
            Member.marketing_ok.is_(True),
            Member.birthday.is_not(None),
            or_(*(and_(month == m, mday == d) for m, d in sorted(pairs))),
        )
        .order_by(Member.id)
    )
    coming = []
    for m in s.scalars(q):
        assert m.birthday is not None
        kept = rules.birthday_within(m.birthday, day, BIRTHDAY_DAYS)
        if kept is not None:
            coming.append((kept, m))
    coming.sort(key=lambda km: (km[0], km[1].id))
    last = _last_calls(s, "birthday", {m.phone or "" for _k, m in coming})
    return [
        Suggestion(m.name, m.phone or "", "promotion", f"{kept:%m-%d}", "birthday")
        for kept, m in coming
        if not (
            (called := last.get(m.phone or "")) is not None
            and called > kept - timedelta(days=BIRTHDAY_DAYS)
        )
    ]
