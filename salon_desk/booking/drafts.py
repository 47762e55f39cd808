"""What a booking form sends, and how it is read and checked before anything is written."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking import rules
from salon_desk.booking.models import Booking, ServiceItem
from salon_desk.core.clock import ensure_aware
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.members.models import Member


@dataclass(frozen=True, slots=True)
class BookingDraft:
    guest_name: str
    guest_phone: str
    service_ids: tuple[int, ...]
    starts_at: datetime
    staff_id: int | None = None  # None: next beautician in turn (轮钟)
    source: str = "phone"
    note: str = ""
    anyway_reason: str | None = None  # a manager books over another booking
    member_id: int | None = None  # None: a caller who is not a member, or found by phone


def read_guest(draft: BookingDraft) -> tuple[str, str, str]:
    raw = draft.guest_name if isinstance(draft.guest_name, str) else ""
    name = " ".join(raw.split())
    if not name:
        raise Invalid(N_("Enter the member's or caller's name."), field="guest_name")
    if len(name) > 40:
        raise Invalid(
            N_("The name is too long (at most {n} characters)."), field="guest_name", n=40
        )
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise Invalid(N_("The name contains characters that cannot be shown."), field="guest_name")
    phone = rules.normalise_phone(draft.guest_phone, required=draft.source == "phone")
    note = (draft.note if isinstance(draft.note, str) else "").strip()
    if len(note) > 500:
        raise Invalid(N_("The note is too long (at most {n} characters)."), field="note", n=500)
    return name, phone, note


def with_member(s: Session, draft: BookingDraft) -> BookingDraft:
    """A chosen member must be on file; her profile's name and phone fill in what the
    form left empty (the booking keeps its own copy, as for a caller)."""
    if draft.member_id is None:
        return draft
    member = s.get(Member, draft.member_id)
    if member is None or member.erased_at is not None:
        raise Invalid(N_("No such member."), field="member_id")
    return replace(
        draft,
        guest_name=(draft.guest_name or "").strip() or member.name,
        guest_phone=(draft.guest_phone or "").strip() or (member.phone or ""),
    )


def member_of_phone(s: Session, phone: str) -> int | None:
    """The member whose phone this is: a booking typed in by phone alone is hers too."""
    if not phone:
        return None
    return s.scalar(select(Member.id).where(Member.phone == phone, Member.erased_at.is_(None)))


def read_start(value: datetime) -> datetime:
    if not isinstance(value, datetime):
        raise Invalid(N_("Choose a date and time."), field="starts_at")
    try:
        ensure_aware(value)
    except ValueError as exc:
        raise Invalid(N_("Choose a date and time."), field="starts_at") from exc
    return value.replace(second=0, microsecond=0)


def load_services(s: Session, service_ids: Sequence[int]) -> list[ServiceItem]:
    if not service_ids:
        raise Invalid(N_("Choose at least one service."), field="service_ids")
    if len(set(service_ids)) != len(service_ids):
        raise Invalid(N_("A service is chosen twice."), field="service_ids")
    found = {i.id: i for i in s.scalars(select(ServiceItem).where(ServiceItem.id.in_(service_ids)))}
    items = []
    for service_id in service_ids:
        item = found.get(service_id)
        if item is None or not item.active:
            raise Invalid(N_("This service is not on the price list."), field="service_ids")
        items.append(item)
    return items


def public(b: Booking) -> dict[str, object]:
    """A booking as the audit log keeps it: never the caller's name or phone, which the
    log (hash-chained, never edited) could not give up when a member is erased."""
    return {
        "number": b.number,
        "staff_id": b.staff_id,
        "requested": b.requested,
        "member_id": b.member_id,
        "starts_at": b.starts_at.isoformat(),
        "ends_at": b.ends_at.isoformat(),
        "status": b.status,
        "overbooked": b.overbooked,
    }
