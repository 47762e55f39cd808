"""What must be settled before the day can be closed: no ticket left open, whether parked
or a treatment finished today and not rung up. The refusal names each one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.api import completed_unpaid
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.pos.models import ParkedTicket

#: At most this many tickets are named in the message; the rest are counted.
NAMED = 8


def _names(items: list[str]) -> str:
    shown = "、".join(items[:NAMED])
    if len(items) > NAMED:
        shown += f" … (+{len(items) - NAMED})"
    return shown


def open_tickets_in(s: Session, day: date) -> tuple[list[str], list[str]]:
    """(parked tickets, treatments of ``day`` done and not paid), each as a short text."""
    parked = [
        f"{p.label or '#' + str(p.id)} {Money(p.total_fen).format()}"
        for p in s.scalars(
            select(ParkedTicket)
            .where(ParkedTicket.resumed_at.is_(None))
            .order_by(ParkedTicket.at, ParkedTicket.id)
        )
    ]
    unpaid = [
        " ".join(x for x in (b.number, b.guest_name, b.service_names) if x)
        for b in completed_unpaid(s, day)
    ]
    return parked, unpaid


def require_nothing_open_in(s: Session, day: date) -> None:
    """Refuse to close ``day`` while a ticket is open, naming every one."""
    parked, unpaid = open_tickets_in(s, day)
    if parked and unpaid:
        raise Conflict(
            N_(
                "Parked tickets are still open: {parked}. Treatments done today are not "
                "paid yet: {unpaid}. Finish them before closing the day."
            ),
            parked=_names(parked),
            unpaid=_names(unpaid),
            n=len(parked) + len(unpaid),
        )
    if parked:
        raise Conflict(
            N_(
                "Parked tickets are still open: {parked}. Take them back and pay them, or "
                "clear them, before closing the day."
            ),
            parked=_names(parked),
            n=len(parked),
        )
    if unpaid:
        raise Conflict(
            N_(
                "Treatments done today are not paid yet: {unpaid}. Ring them up before "
                "closing the day."
            ),
            unpaid=_names(unpaid),
            n=len(unpaid),
        )
