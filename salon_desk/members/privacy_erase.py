"""Erasing a member's identity inside a session, while sales and card ledgers stay,
anonymous: :func:`erase_in` (what the member is linked by: see
:mod:`salon_desk.members.privacy`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from salon_desk.booking.models import Booking, FollowUpCall, WalkIn
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.members.card_models import CardAccount, CardLedger, CardSignature
from salon_desk.members.privacy import find_member
from salon_desk.members.queries import write_keys
from salon_desk.members.record_models import TreatmentMeasure, TreatmentRecord
from salon_desk.pos.models import Refund, Sale
from salon_desk.pos.print_models import PrintJob

#: Tables whose rows an erase changes or removes (PostgreSQL vacuums them afterwards).
ERASE_TABLES = (
    "member",
    "member_search_key",
    "card_signature",
    "treatment_measure",
    "treatment_record",
    "pos_sale",
    "print_job",
    "booking",
    "walk_in",
    "follow_up_call",
)


def erase_in(s: Session, clock: Clock, member_id: int) -> dict[str, int]:
    """Remove the member's identity; return how many rows of each kind were touched.

    The member row stays (sales and cards point at it) with its number and level only;
    name, phone, birthday, notes, the search keys, the signatures and the treatment
    records go. Sales keep their amounts but lose the member's name (also in their
    queued receipts); bookings, walk-ins and follow-up calls made under the phone
    number lose the name and the number. A member who still holds an active card is
    refused: refund the card or let it expire first.
    """
    m = find_member(s, member_id, lock=True)
    if m.erased_at is not None:
        raise Conflict(N_("This member has already been erased."))
    active = list(
        s.scalars(
            select(CardAccount.number).where(
                CardAccount.member_id == m.id, CardAccount.status == "active"
            )
        )
    )
    if active:
        raise Conflict(
            N_("Member still holds active cards ({cards}): refund them or let them expire first."),
            cards="、".join(active),
        )
    phone = m.phone
    counts: dict[str, int] = {}
    ledger_ids = (
        select(CardLedger.id)
        .join(CardAccount, CardAccount.id == CardLedger.account_id)
        .where(CardAccount.member_id == m.id)
    )
    counts["signatures"] = _rowcount(
        s.execute(delete(CardSignature).where(CardSignature.ledger_id.in_(ledger_ids)))
    )
    record_ids = select(TreatmentRecord.id).where(TreatmentRecord.member_id == m.id)
    s.execute(delete(TreatmentMeasure).where(TreatmentMeasure.record_id.in_(record_ids)))
    s.execute(
        update(TreatmentRecord).where(TreatmentRecord.member_id == m.id).values(replaces_id=None)
    )
    counts["treatment_records"] = _rowcount(
        s.execute(delete(TreatmentRecord).where(TreatmentRecord.member_id == m.id))
    )
    sales = list(s.execute(select(Sale.id, Sale.number).where(Sale.member_id == m.id)))
    counts["sales"] = _rowcount(
        s.execute(update(Sale).where(Sale.member_id == m.id).values(member_name=""))
    )
    refs = {number for _id, number in sales}
    if sales:
        refs |= set(
            s.scalars(select(Refund.number).where(Refund.sale_id.in_([i for i, _n in sales])))
        )
    refs |= set(s.scalars(select(CardAccount.number).where(CardAccount.member_id == m.id)))
    counts["print_jobs"] = _strip_print_jobs(s, refs)
    if phone:
        counts["bookings"] = _rowcount(
            s.execute(
                update(Booking)
                .where(Booking.guest_phone == phone)
                .values(guest_name="", guest_phone="")
            )
        )
        counts["walk_ins"] = _rowcount(
            s.execute(update(WalkIn).where(WalkIn.phone == phone).values(name="", phone=""))
        )
        counts["follow_up_calls"] = _rowcount(
            s.execute(
                update(FollowUpCall)
                .where(FollowUpCall.contact == phone)
                .values(contact=f"erased-{m.id}"[:20], name="", key_points="", outcome_note="")
            )
        )
    now = clock.now()
    m.name, m.phone, m.gender, m.birthday = "", None, "", None
    m.skin_type = m.allergies = m.contraindications = m.notes = m.referral = ""
    m.pinyin = m.initials = ""
    m.marketing_ok = False
    m.erased_at = m.updated_at = now
    s.flush()
    write_keys(s, m)
    return counts


def _strip_print_jobs(s: Session, refs: set[str]) -> int:
    """Queued and printed slips of the member's sales, refunds and cards lose the member."""
    if not refs:
        return 0
    n = 0
    for job in s.scalars(select(PrintJob).where(PrintJob.ref.in_(sorted(refs)))):
        payload = dict(job.payload)
        if "member" in payload:
            payload.pop("member")
            job.payload = payload
            n += 1
    s.flush()
    return n


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
