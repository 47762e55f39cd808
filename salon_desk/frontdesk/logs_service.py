"""The visitor log (来访登记) and lost property (失物登记)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor
from salon_desk.core.clock import ensure_aware, local_day_bounds
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.frontdesk import rules
from salon_desk.frontdesk.common import active_manager, names, not_future
from salon_desk.frontdesk.models import LostItem, Visitor
from salon_desk.frontdesk.rows import LostItemRow, VisitorRow


def _visitor(v: Visitor, who: dict[int, str]) -> VisitorRow:
    return VisitorRow(
        v.id,
        v.name,
        v.phone,
        v.people,
        v.reason,
        v.visiting,
        v.signed_in_at,
        v.signed_out_at,
        who.get(v.staff_id, ""),
    )


def _lost(item: LostItem, who: dict[int, str]) -> LostItemRow:
    return LostItemRow(
        item.id,
        item.item,
        item.place,
        item.found_at,
        item.found_by,
        item.handed_to,
        who.get(item.handed_to, ""),
        item.recorded_at,
        item.claimed_by,
        item.claimed_contact,
        item.claimed_at,
    )


class VisitorService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def sign_in(
        self,
        actor: Actor,
        *,
        name: str,
        people: int,
        reason: str,
        visiting: str = "",
        phone: str = "",
        at: datetime | None = None,
    ) -> VisitorRow:
        now = self.core.clock.now()
        values = {
            "name": rules.text(name, N_("Name"), "name", limit=40),
            "people": rules.people(people),
            "reason": rules.text(reason, N_("Reason"), "reason", limit=200),
            "visiting": rules.text(visiting, N_("Visiting"), "visiting", limit=40, required=False),
            "phone": rules.phone(phone, required=False),
            "signed_in_at": not_future(at, now, "at") if at is not None else now,
        }
        with self.core.db.tx() as s:
            v = Visitor(**values, staff_id=actor.staff_id)
            s.add(v)
            s.flush()
            return _visitor(v, names(s, [v.staff_id]))

    def sign_out(self, actor: Actor, visitor_id: int, *, at: datetime | None = None) -> VisitorRow:
        now = self.core.clock.now()
        out = not_future(at, now, "at") if at is not None else now
        with self.core.db.tx() as s:
            v = s.get(Visitor, visitor_id, with_for_update=True)
            if v is None:
                raise NotFound(N_("No such visitor."))
            if v.signed_out_at is not None:
                raise Conflict(N_("This visitor has already signed out."))
            if out < ensure_aware(v.signed_in_at):
                raise Invalid(N_("The time out cannot be before the time in."), field="at")
            v.signed_out_at = out
            v.out_staff_id = actor.staff_id
            s.flush()
            return _visitor(v, names(s, [v.staff_id]))

    def day(self, day: date | None = None) -> list[VisitorRow]:
        """A shop day's visitors, those still inside first, then the newest."""
        tz = self.core.settings.tz()
        day = day or self.core.clock.now().astimezone(tz).date()
        start, end = local_day_bounds(day, tz)
        with self.core.db.read() as s:
            q = select(Visitor).where(Visitor.signed_in_at >= start, Visitor.signed_in_at < end)
            found = list(s.scalars(q))
            who = names(s, [v.staff_id for v in found])
            rows = [_visitor(v, who) for v in found]
        return sorted(rows, key=lambda r: (not r.inside, -r.signed_in_at.timestamp()))


class LostPropertyService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def record_found(
        self,
        actor: Actor,
        *,
        item: str,
        place: str,
        found_by: str,
        handed_to: int | None,
        found_at: datetime | None = None,
    ) -> LostItemRow:
        now = self.core.clock.now()
        values = {
            "item": rules.text(item, N_("Article"), "item", limit=100),
            "place": rules.text(place, N_("Where found"), "place", limit=60),
            "found_by": rules.text(found_by, N_("Found by"), "found_by", limit=40),
            "found_at": not_future(found_at, now, "found_at") if found_at is not None else now,
        }
        with self.core.db.tx() as s:
            manager = active_manager(s, handed_to, "handed_to")
            row = LostItem(**values, handed_to=manager.id, recorded_at=now, staff_id=actor.staff_id)
            s.add(row)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "lost.found",
                "lost_item",
                row.id,
                after={**values, "handed_to": manager.id},
            )
            return _lost(row, names(s, [row.handed_to]))

    def claim(self, actor: Actor, item_id: int, *, claimed_by: str, contact: str) -> LostItemRow:
        who_claims = rules.text(claimed_by, N_("Claimed by"), "claimed_by", limit=40)
        contact = rules.text(contact, N_("Contact"), "contact", limit=40)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            row = s.get(LostItem, item_id, with_for_update=True)
            if row is None:
                raise NotFound(N_("No such lost item."))
            if row.claimed_at is not None:
                raise Conflict(
                    N_("This item was already claimed by {name}."), name=row.claimed_by or ""
                )
            row.claimed_by, row.claimed_contact = who_claims, contact
            row.claimed_at, row.claim_staff_id = now, actor.staff_id
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "lost.claimed",
                "lost_item",
                row.id,
                after={"claimed_by": who_claims, "contact": contact},
            )
            return _lost(row, names(s, [row.handed_to]))

    def items(self, *, unclaimed_only: bool = False, limit: int = 300) -> list[LostItemRow]:
        with self.core.db.read() as s:
            q = select(LostItem).order_by(LostItem.found_at.desc(), LostItem.id.desc())
            if unclaimed_only:
                q = q.where(LostItem.claimed_at.is_(None))
            found = list(s.scalars(q.limit(limit)))
            who = names(s, [i.handed_to for i in found])
            return [_lost(i, who) for i in found]
