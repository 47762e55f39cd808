"""The follow-up calls the rules suggest for a day (电话追踪):

- ``facial``: a home-care check three days after a completed facial (after-care, so every
  client gets it; for anyone who has not agreed to calls about offers, including callers
  who are not members, its key points say to make no offers);
- ``card_expiry``: a member whose card expires within the set number of days
  (setting ``calls.card_expiry_days``; 0 = never) — once per card;
- ``birthday``: a member whose birthday is within the coming week — once per birthday.

A card with sessions or money left is the member's own to lose, so she is called whatever
her choice about marketing calls; renewing a period card and a birthday greeting are
sales calls, made only to members who agreed to them (``marketing_ok``). Erased members,
frozen cards (their clock stops) and cards with nothing left are never suggested, and
nobody whose latest call ended with "does not want calls" is (see :func:`declined`).
Each function returns :class:`Suggestion` rows; the service puts them on the day's list,
where a person is never twice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from salon_desk.booking import rules
from salon_desk.booking.models import Booking, BookingItem, FollowUpCall, ServiceItem
from salon_desk.core.clock import local_day_bounds
from salon_desk.core.i18n import N_, _
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.models import Member

#: A facial is followed by a home-care check this many days later.
FACIAL_FOLLOW_UP_DAYS = 3
#: A birthday is suggested when it falls within this many days (today included).
BIRTHDAY_DAYS = 7
#: Leads the key points of an after-care call to someone who has not agreed to offers.
NO_OFFERS = N_("No offers")


@dataclass(frozen=True, slots=True)
class Suggestion:
    name: str
    contact: str
    purpose: str
    points: str
    origin: str
    booking_id: int | None = None


def facial(s: Session, day: date, tz: tzinfo) -> list[Suggestion]:
    facial_day = day - timedelta(days=FACIAL_FOLLOW_UP_DAYS)
    start, end = local_day_bounds(facial_day, tz)
    q = (
        select(Booking, ServiceItem, Member.marketing_ok)
        .join(BookingItem, BookingItem.booking_id == Booking.id)
        .join(ServiceItem, ServiceItem.id == BookingItem.service_id)
        .outerjoin(Member, Member.id == Booking.member_id)
        .where(
            Booking.day == facial_day,
            Booking.status == "completed",
            # the day's range of start times: the (status, starts_at) index finds the day's
            # completed bookings instead of reading every completed booking ever
            Booking.starts_at >= start,
            Booking.starts_at < end,
            ServiceItem.category == "facial",
            Booking.guest_phone != "",
        )
        .order_by(Booking.completed_at, Booking.id)
    )
    no_offers = _(NO_OFFERS)
    return [
        Suggestion(
            b.guest_name,
            b.guest_phone,
            "home_care",
            # first, so that the printed sheet's narrow column never cuts it off
            ("" if agreed else f"{no_offers}；") + f"{facial_day:%m-%d} {item.name_zh}",
            "facial",
            b.id,
        )
        for b, item, agreed in s.execute(q).all()
    ]


def declined(s: Session, contacts: set[str]) -> set[str]:
    """Of ``contacts``, those whose latest call ended with "does not want calls": the rules
    suggest no more calls to them (a call can still be added by hand)."""
    if not contacts:
        return set()
    q = (
        select(FollowUpCall.contact, FollowUpCall.outcome)
        .where(FollowUpCall.contact.in_(contacts), FollowUpCall.outcome.is_not(None))
        .order_by(FollowUpCall.outcome_at, FollowUpCall.id)
    )
    latest: dict[str, str | None] = {contact: outcome for contact, outcome in s.execute(q)}
    return {contact for contact, outcome in latest.items() if outcome == "declined"}


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
        cards[m.id].append(f"{product} → {acct.expires_on:%m-%d}")
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
    month_day = extract("month", Member.birthday) * 100 + extract("day", Member.birthday)
    q = (
        select(Member.id, Member.name, Member.phone, Member.birthday)
        .where(
            Member.erased_at.is_(None),
            Member.phone.is_not(None),
            Member.marketing_ok.is_(True),
            Member.birthday.is_not(None),
            month_day.in_(sorted(m * 100 + d for m, d in pairs)),
        )
        .order_by(Member.id)
    )
    coming = []
    for member_id, name, phone, birthday in s.execute(q).all():
        kept = rules.birthday_within(birthday, day, BIRTHDAY_DAYS) if birthday else None
        if kept is not None and phone:
            coming.append((kept, member_id, name, phone))
    coming.sort()
    last = _last_calls(s, "birthday", {phone for _k, _i, _n, phone in coming})
    return [
        Suggestion(name, phone, "promotion", f"{kept:%m-%d}", "birthday")
        for kept, _id, name, phone in coming
        if not (
            (called := last.get(phone)) is not None
            and called > kept - timedelta(days=BIRTHDAY_DAYS)
        )
    ]
