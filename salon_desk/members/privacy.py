"""A member's personal data, inside a session: everything held about one member (for an
export). Erasing the member's identity while sales and card ledgers stay, anonymous, is
:func:`~salon_desk.members.privacy_erase.erase_in`.

What the member is linked by: ``member_id`` (cards and their ledger, treatment records,
the register's sales) and the phone number (bookings, walk-ins and follow-up calls, which
the appointments side files by phone). Both are followed here and by the erase.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.models import Booking, BookingItem, FollowUpCall, ServiceItem
from salon_desk.core.errors import Conflict, NotFound
from salon_desk.core.i18n import N_
from salon_desk.members.card_models import CardAccount, CardLedger, CardProduct, CardSignature
from salon_desk.members.models import Member, MemberTier
from salon_desk.members.record_models import TreatmentMeasure, TreatmentRecord
from salon_desk.pos.models import Sale

PROFILE_FIELDS = (
    "number",
    "name",
    "phone",
    "gender",
    "birthday",
    "tier",
    "skin_type",
    "allergies",
    "contraindications",
    "notes",
    "referral",
    "marketing_ok",
    "created_at",
    "updated_at",
)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def find_member(s: Session, member_id: int, *, lock: bool = False) -> Member:
    """The member's row, locked when asked (an erase); :class:`NotFound` if there is none."""
    q = select(Member).where(Member.id == member_id)
    if lock:
        q = q.with_for_update()
    m = s.scalar(q)
    if m is None:
        raise NotFound(N_("No such member."))
    return m


def export_in(s: Session, member_id: int) -> dict[str, Any]:
    """Everything held about one member, as plain JSON-ready values (money in fen)."""
    m = find_member(s, member_id)
    if m.erased_at is not None:
        raise Conflict(N_("This member has been erased: nothing personal is left to export."))
    tier = s.get(MemberTier, m.tier_id) if m.tier_id else None
    profile = {f: _plain(getattr(m, f)) for f in PROFILE_FIELDS if f != "tier"}
    profile["tier"] = tier.name if tier else ""
    return {
        "profile": profile,
        "cards": _cards(s, m.id),
        "treatment_records": _records(s, m.id),
        "sales": _sales(s, m.id),
        "bookings": _bookings(s, m.phone),
        "follow_up_calls": _calls(s, m.phone),
    }


def _cards(s: Session, member_id: int) -> list[dict[str, Any]]:
    out = []
    accounts = s.scalars(
        select(CardAccount).where(CardAccount.member_id == member_id).order_by(CardAccount.id)
    )
    for a in accounts:
        product = s.get(CardProduct, a.product_id)
        entries = list(
            s.scalars(
                select(CardLedger).where(CardLedger.account_id == a.id).order_by(CardLedger.id)
            )
        )
        signed = set(
            s.scalars(
                select(CardSignature.ledger_id).where(
                    CardSignature.ledger_id.in_([e.id for e in entries])
                )
            )
        )
        out.append(
            {
                "number": a.number,
                "product": product.name if product else "",
                "kind": a.kind,
                "price_fen": a.price_fen,
                "sold_at": _plain(a.sold_at),
                "sale_ref": a.sale_ref,
                "starts_on": _plain(a.starts_on),
                "expires_on": _plain(a.expires_on),
                "status": a.status,
                "sessions_left": a.sessions_left,
                "principal_fen": a.principal_fen,
                "bonus_fen": a.bonus_fen,
                "ledger": [
                    {
                        "at": _plain(e.at),
                        "kind": e.kind,
                        "sessions": e.sessions,
                        "principal_fen": e.principal_fen,
                        "bonus_fen": e.bonus_fen,
                        "sessions_after": e.sessions_after,
                        "principal_after_fen": e.principal_after_fen,
                        "bonus_after_fen": e.bonus_after_fen,
                        "sale_ref": e.sale_ref,
                        "reason": e.reason,
                        "signed": e.id in signed,
                    }
                    for e in entries
                ],
            }
        )
    return out


def _records(s: Session, member_id: int) -> list[dict[str, Any]]:
    out = []
    for r in s.scalars(
        select(TreatmentRecord)
        .where(TreatmentRecord.member_id == member_id)
        .order_by(TreatmentRecord.day, TreatmentRecord.id)
    ):
        measures = s.scalars(select(TreatmentMeasure).where(TreatmentMeasure.record_id == r.id))
        out.append(
            {
                "kind": r.kind,
                "day": _plain(r.day),
                "notes": r.notes,
                "replaced_by_later_entry": s.scalar(
                    select(TreatmentRecord.id).where(TreatmentRecord.replaces_id == r.id)
                )
                is not None,
                "measures": {x.key: x.tenths / 10 for x in measures},
            }
        )
    return out


def _sales(s: Session, member_id: int) -> list[dict[str, Any]]:
    return [
        {"number": x.number, "day": _plain(x.day), "total_fen": x.total_fen}
        for x in s.scalars(select(Sale).where(Sale.member_id == member_id).order_by(Sale.id))
    ]


def _bookings(s: Session, phone: str | None) -> list[dict[str, Any]]:
    if not phone:
        return []
    out = []
    for b in s.scalars(select(Booking).where(Booking.guest_phone == phone).order_by(Booking.id)):
        services = s.scalars(
            select(ServiceItem.name_zh)
            .join(BookingItem, BookingItem.service_id == ServiceItem.id)
            .where(BookingItem.booking_id == b.id)
            .order_by(BookingItem.seq)
        )
        out.append(
            {
                "number": b.number,
                "day": _plain(b.day),
                "starts_at": _plain(b.starts_at),
                "status": b.status,
                "services": list(services),
                "sale_ref": b.sale_ref,
            }
        )
    return out


def _calls(s: Session, phone: str | None) -> list[dict[str, Any]]:
    if not phone:
        return []
    return [
        {
            "due_day": _plain(c.due_day),
            "purpose": c.purpose,
            "key_points": c.key_points,
            "outcome": c.outcome,
            "outcome_note": c.outcome_note,
        }
        for c in s.scalars(
            select(FollowUpCall).where(FollowUpCall.contact == phone).order_by(FollowUpCall.id)
        )
    ]
