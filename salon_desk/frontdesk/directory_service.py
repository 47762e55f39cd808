"""The phone directory (电话簿): staff, suppliers and services. Confidential lines
(managers' own numbers) are returned only to those with the confidential-directory
permission; adding, changing or removing a line is audited. The directory should be
checked through monthly: :meth:`DirectoryService.review_state` says when it is due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.frontdesk import rules
from salon_desk.frontdesk.common import names
from salon_desk.frontdesk.models import DirectoryEntry, DirectoryReview
from salon_desk.frontdesk.rows import DirectoryRow, ReviewState


def _row(e: DirectoryEntry) -> DirectoryRow:
    return DirectoryRow(
        e.id, e.name, e.category, e.phone, e.note, e.confidential, e.active, e.updated_at
    )


def _fields(e: DirectoryEntry) -> dict[str, Any]:
    return {
        "name": e.name,
        "category": e.category,
        "phone": e.phone,
        "note": e.note,
        "confidential": e.confidential,
        "active": e.active,
    }


def _checked(name: str, category: str, phone: str, note: str) -> dict[str, Any]:
    return {
        "name": rules.text(name, N_("Name"), "name", limit=40),
        "category": rules.choice(category, rules.CATEGORIES, "category"),
        "phone": rules.phone(phone),
        "note": rules.text(note, N_("Note"), "note", limit=200, required=False),
    }


class DirectoryService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def entries(
        self, actor: Actor, *, category: str | None = None, text: str = ""
    ) -> list[DirectoryRow]:
        """Active lines the actor may see, by category then name."""
        with self.core.db.read() as s:
            q = select(DirectoryEntry).where(DirectoryEntry.active.is_(True))
            if not actor.can(Perm.CONFIDENTIAL_DIRECTORY):
                q = q.where(DirectoryEntry.confidential.is_(False))
            if category:
                q = q.where(DirectoryEntry.category == category)
            needle = text.strip()
            if needle:
                q = q.where(
                    DirectoryEntry.name.icontains(needle, autoescape=True)
                    | DirectoryEntry.phone.contains(needle, autoescape=True)
                    | DirectoryEntry.note.icontains(needle, autoescape=True)
                )
            q = q.order_by(DirectoryEntry.category, DirectoryEntry.name, DirectoryEntry.id)
            return [_row(e) for e in s.scalars(q)]

    def add(
        self,
        actor: Actor,
        *,
        name: str,
        category: str,
        phone: str,
        note: str = "",
        confidential: bool = False,
    ) -> DirectoryRow:
        values = _checked(name, category, phone, note)
        if confidential:
            require(actor, Perm.CONFIDENTIAL_DIRECTORY)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            e = DirectoryEntry(**values, confidential=confidential, active=True, updated_at=now)
            s.add(e)
            s.flush()
            record(
                s, self.core.clock, actor, "directory.added", "directory", e.id, after=_fields(e)
            )
            return _row(e)

    def _editable(self, actor: Actor, entry_id: int, s: Session) -> DirectoryEntry:
        e = s.get(DirectoryEntry, entry_id, with_for_update=True)
        if e is None or not e.active:
            raise NotFound(N_("No such directory entry."))
        if e.confidential:
            require(actor, Perm.CONFIDENTIAL_DIRECTORY)
        return e

    def update(
        self,
        actor: Actor,
        entry_id: int,
        *,
        name: str,
        category: str,
        phone: str,
        note: str = "",
        confidential: bool = False,
    ) -> DirectoryRow:
        values = _checked(name, category, phone, note)
        if confidential:
            require(actor, Perm.CONFIDENTIAL_DIRECTORY)
        with self.core.db.tx() as s:
            e = self._editable(actor, entry_id, s)
            before = _fields(e)
            for key, value in values.items():
                setattr(e, key, value)
            e.confidential = confidential
            e.updated_at = self.core.clock.now()
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "directory.changed",
                "directory",
                e.id,
                before=before,
                after=_fields(e),
            )
            return _row(e)

    def remove(self, actor: Actor, entry_id: int) -> None:
        """Take a line out of the directory (kept in the database and the audit log)."""
        with self.core.db.tx() as s:
            e = self._editable(actor, entry_id, s)
            before = _fields(e)
            e.active = False
            e.updated_at = self.core.clock.now()
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "directory.removed",
                "directory",
                e.id,
                before=before,
                after=_fields(e),
            )

    def mark_reviewed(self, actor: Actor) -> ReviewState:
        """The whole directory, confidential lines included, was checked through."""
        require(actor, Perm.CONFIDENTIAL_DIRECTORY)
        with self.core.db.tx() as s:
            review = DirectoryReview(at=self.core.clock.now(), staff_id=actor.staff_id)
            s.add(review)
            s.flush()
            record(s, self.core.clock, actor, "directory.reviewed", "directory", None)
        return self.review_state()

    def review_state(self) -> ReviewState:
        with self.core.db.read() as s:
            last = s.scalars(
                select(DirectoryReview).order_by(DirectoryReview.id.desc()).limit(1)
            ).first()
            if last is None:
                return ReviewState(None, "", True)
            due = self.core.clock.now() - last.at >= timedelta(days=rules.REVIEW_DAYS)
            return ReviewState(last.at, names(s, [last.staff_id]).get(last.staff_id, ""), due)
