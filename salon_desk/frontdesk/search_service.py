"""Search across every front-desk log by text and by a range of shop days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.clock import local_day_bounds
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.frontdesk.models import (
    Complaint,
    DirectoryEntry,
    HandoverNote,
    LostItem,
    Visitor,
)
from salon_desk.frontdesk.rows import SearchHit

KINDS: dict[str, str] = {
    "visitor": N_("Visitor"),
    "complaint": N_("Complaint"),
    "lost": N_("Lost property"),
    "directory": N_("Phone directory"),
    "handover": N_("Handover"),
}


def _like(text: str, *columns: Any) -> Any:
    return or_(*(col.icontains(text, autoescape=True) for col in columns))


class SearchService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def search(
        self,
        actor: Actor,
        text: str = "",
        *,
        first: date | None = None,
        last: date | None = None,
        limit: int = 300,
    ) -> list[SearchHit]:
        """Entries of every log matching ``text`` (any part of a name, phone, reason,
        item, place or note) within the shop days ``first``..``last``; newest first.
        Confidential directory lines are left out for those who may not see them."""
        needle = text.strip()
        if first and last and last < first:
            raise Invalid(N_("The last day cannot be before the first day."), field="last")
        if not needle and not (first or last):
            raise Invalid(N_("Type something to look for or choose the days."), field="text")
        tz = self.core.settings.tz()
        start = local_day_bounds(first, tz)[0] if first else None
        end = local_day_bounds(last, tz)[1] if last else None

        def within(col: Any) -> list[Any]:
            conds = []
            if start is not None:
                conds.append(col >= start)
            if end is not None:
                conds.append(col < end)
            return conds

        hits: list[SearchHit] = []
        with self.core.db.read() as s:
            q: Any = select(Visitor).where(*within(Visitor.signed_in_at))
            if needle:
                q = q.where(
                    _like(needle, Visitor.name, Visitor.phone, Visitor.reason, Visitor.visiting)
                )
            for v in s.scalars(q.limit(limit)):
                hits.append(
                    SearchHit("visitor", v.id, v.signed_in_at, f"{v.name} ×{v.people}", v.reason)
                )
            q = select(Complaint).where(*within(Complaint.received_at))
            if needle:
                q = q.where(
                    _like(
                        needle,
                        Complaint.number,
                        Complaint.customer,
                        Complaint.contact,
                        Complaint.what,
                    )
                )
            for c in s.scalars(q.limit(limit)):
                hits.append(
                    SearchHit("complaint", c.id, c.received_at, f"{c.number} {c.customer}", c.what)
                )
            q = select(LostItem).where(*within(LostItem.found_at))
            if needle:
                q = q.where(
                    _like(
                        needle,
                        LostItem.item,
                        LostItem.place,
                        LostItem.found_by,
                        LostItem.claimed_by,
                    )
                )
            for i in s.scalars(q.limit(limit)):
                hits.append(SearchHit("lost", i.id, i.found_at, i.item, i.place))
            q = select(HandoverNote).where(*within(HandoverNote.at))
            if needle:
                q = q.where(_like(needle, HandoverNote.text, HandoverNote.closing_note))
            for n in s.scalars(q.limit(limit)):
                hits.append(SearchHit("handover", n.id, n.at, n.text[:40], n.closing_note or ""))
            q = select(DirectoryEntry).where(
                DirectoryEntry.active.is_(True), *within(DirectoryEntry.updated_at)
            )
            if not actor.can(Perm.CONFIDENTIAL_DIRECTORY):
                q = q.where(DirectoryEntry.confidential.is_(False))
            if needle:
                q = q.where(
                    _like(needle, DirectoryEntry.name, DirectoryEntry.phone, DirectoryEntry.note)
                )
            for e in s.scalars(q.limit(limit)):
                hits.append(SearchHit("directory", e.id, e.updated_at, e.name, e.phone))

        def newest(hit: SearchHit) -> datetime:
            return hit.at

        return sorted(hits, key=newest, reverse=True)[:limit]
