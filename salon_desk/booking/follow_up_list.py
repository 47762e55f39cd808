"""The follow-up call list inside a transaction: putting a person on a day's list (once)
and the row the screens show."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.booking.models import FollowUpCall
from salon_desk.booking.rows import FollowUpRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock


def plan_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    due_day: date,
    name: str,
    contact: str,
    purpose: str,
    points: str,
    origin: str,
    booking_id: int | None,
) -> FollowUpRow | None:
    """Put a person on ``due_day``'s list inside the caller's transaction, with the audit
    entry; ``None`` when she is on that day's list already (a person is never on it
    twice, even when two counters add her at the same moment)."""
    taken = s.scalar(
        select(func.count())
        .select_from(FollowUpCall)
        .where(FollowUpCall.contact == contact, FollowUpCall.due_day == due_day)
    )
    if taken:
        return None
    f = FollowUpCall(
        due_day=due_day,
        contact=contact,
        name=name,
        purpose=purpose,
        key_points=points,
        origin=origin,
        booking_id=booking_id,
        created_at=clock.now(),
        created_by=actor.staff_id,
        outcome_note="",
    )
    try:
        with s.begin_nested():  # another counter may be adding the same person now
            s.add(f)
            s.flush()
    except IntegrityError:  # she is on that day's list already (it just committed)
        return None
    record(
        s,
        clock,
        actor,
        "follow_up.plan",
        "follow_up_call",
        f.id,
        after={"due_day": due_day, "purpose": purpose, "origin": origin},  # no phone
    )
    return follow_row(f)


def follow_row(f: FollowUpCall) -> FollowUpRow:
    return FollowUpRow(
        f.id,
        f.due_day,
        f.contact,
        f.name,
        f.purpose,
        f.key_points,
        f.origin,
        f.outcome,
        f.outcome_note,
        f.next_call_day,
    )
