"""Parked tickets (挂单): a ticket put aside while the member finishes a treatment or
fetches a card, and taken back later on any counter."""

from __future__ import annotations

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.models import ParkedTicket
from salon_desk.pos.rows import ParkedRow


class ParkingService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def park(self, actor: Actor, ticket: Ticket, label: str = "") -> ParkedRow:
        require(actor, Perm.SELL)
        if ticket.is_empty:
            raise Invalid(N_("The ticket is empty."))
        label = (label or "").strip()
        if not label:
            label = ticket.member.name if ticket.member else ticket.lines[0].name
        label = label[:40]
        total = ticket.priced().total
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            row = ParkedTicket(
                day=local_day(now, self.core.settings.tz()),
                at=now,
                staff_id=actor.staff_id,
                label=label,
                total_fen=total.fen,
                payload=ticket.to_dict(),
            )
            s.add(row)
            s.flush()
            return ParkedRow(row.id, row.at, label, total, actor.name)

    def parked(self) -> list[ParkedRow]:
        with self.core.db.read() as s:
            q = (
                select(ParkedTicket, Staff.name)
                .join(Staff, Staff.id == ParkedTicket.staff_id)
                .where(ParkedTicket.resumed_at.is_(None))
                .order_by(ParkedTicket.at, ParkedTicket.id)
            )
            return [
                ParkedRow(p.id, p.at, p.label, Money(p.total_fen), name) for p, name in s.execute(q)
            ]

    def resume(self, actor: Actor, parked_id: int) -> Ticket:
        """Take a parked ticket back; another counter can no longer take it."""
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            row = s.get(ParkedTicket, parked_id, with_for_update=True)
            if row is None:
                raise NotFound(N_("No such parked ticket."))
            if row.resumed_at is not None:
                raise Conflict(N_("This ticket has already been taken back."))
            row.resumed_at = self.core.clock.now()
            row.resumed_by = actor.staff_id
            return Ticket.from_dict(row.payload)

    def clear(self, actor: Actor, parked_id: int, reason: str) -> None:
        """Throw away a parked ticket nobody will pay (the member left): needs the void
        permission and a reason, and is logged."""
        require(actor, Perm.VOID)
        reason = (reason or "").strip()
        if not reason:
            raise Invalid(N_("Say why."), field="reason")
        with self.core.db.tx() as s:
            row = s.get(ParkedTicket, parked_id, with_for_update=True)
            if row is None:
                raise NotFound(N_("No such parked ticket."))
            if row.resumed_at is not None:
                raise Conflict(N_("This ticket has already been taken back."))
            row.resumed_at = self.core.clock.now()
            row.resumed_by = actor.staff_id
            record(
                s,
                self.core.clock,
                actor,
                "ticket.clear",
                "pos_parked",
                row.id,
                before={"label": row.label, "total": row.total_fen},
                reason=reason[:500],
            )
