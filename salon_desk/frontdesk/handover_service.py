"""Handover notes (交班事项): open items carried from shift to shift until someone
closes them. The register's closing handover text is shown beside them."""

from __future__ import annotations

from sqlalchemy import select

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, NotFound
from salon_desk.core.i18n import N_
from salon_desk.frontdesk import rules
from salon_desk.frontdesk.common import names
from salon_desk.frontdesk.models import HandoverNote
from salon_desk.frontdesk.rows import HandoverRow


def _row(n: HandoverNote, who: dict[int, str]) -> HandoverRow:
    return HandoverRow(
        n.id,
        n.text,
        n.at,
        who.get(n.staff_id, ""),
        n.closed_at,
        who.get(n.closed_by, "") if n.closed_by else "",
        n.closing_note or "",
    )


class HandoverService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add(self, actor: Actor, text: str) -> HandoverRow:
        body = rules.text(text, N_("Handover note"), "text", limit=1000)
        with self.core.db.tx() as s:
            n = HandoverNote(text=body, at=self.core.clock.now(), staff_id=actor.staff_id)
            s.add(n)
            s.flush()
            return _row(n, names(s, [n.staff_id]))

    def close(self, actor: Actor, note_id: int, closing_note: str = "") -> HandoverRow:
        closing = rules.text(closing_note, N_("Note"), "closing_note", limit=500, required=False)
        with self.core.db.tx() as s:
            n = s.get(HandoverNote, note_id, with_for_update=True)
            if n is None:
                raise NotFound(N_("No such handover note."))
            if n.closed_at is not None:
                raise Conflict(N_("This handover item is already closed."))
            n.closed_at, n.closed_by = self.core.clock.now(), actor.staff_id
            n.closing_note = closing
            s.flush()
            return _row(n, names(s, [n.staff_id, n.closed_by]))

    def notes(self, *, open_only: bool = True, limit: int = 200) -> list[HandoverRow]:
        """Open items oldest first; with ``open_only=False`` the newest items of all."""
        with self.core.db.read() as s:
            q = select(HandoverNote)
            if open_only:
                q = q.where(HandoverNote.closed_at.is_(None)).order_by(HandoverNote.id)
            else:
                q = q.order_by(HandoverNote.id.desc())
            found = list(s.scalars(q.limit(limit)))
            who = names(s, [x for n in found for x in (n.staff_id, n.closed_by)])
            return [_row(n, who) for n in found]
