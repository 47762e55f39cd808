"""The append-only, hash-chained audit log: who, when, what, before, after, why.

Each entry stores the hash of the entry before it, so an edited or deleted row breaks
the chain and :func:`verify` (``salon-desk audit verify``) finds it. Appending locks the
one-row ``audit_head`` table, so two counters on PostgreSQL cannot fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.clock import Clock
from salon_desk.core.models import AuditEntry, AuditHead

if TYPE_CHECKING:
    from salon_desk.core.auth import Actor
    from salon_desk.core.db import Database

GENESIS = "0" * 64


def _plain(value: Any) -> Any:
    """JSON-safe copy: Money as fen, dates as ISO text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    fen = getattr(value, "fen", None)
    if isinstance(fen, int):
        return fen
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _digest(prev: str, entry: AuditEntry) -> str:
    body = json.dumps(
        [
            prev,
            entry.at.isoformat(),
            entry.staff_id,
            entry.authorised_by,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.before,
            entry.after,
            entry.reason,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(
    s: Session,
    clock: Clock,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: object = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """Append an entry inside the caller's transaction (it commits or rolls back with it)."""
    head = s.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    at = clock.now()
    entry = AuditEntry(
        at=at,
        staff_id=actor.staff_id if actor else None,
        authorised_by=actor.authorised_by if actor else None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        before=_plain(before),
        after=_plain(after),
        reason=reason,
        prev_hash=head.last_hash,
    )
    entry.hash = _digest(head.last_hash, entry)
    head.last_hash = entry.hash
    head.count += 1
    s.add(entry)
    s.flush()
    return entry


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    staff_id: int | None
    authorised_by: int | None
    action: str
    object_type: str
    object_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


def entries(
    db: Database,
    *,
    object_type: str | None = None,
    object_id: object = None,
    action_prefix: str | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    with db.read() as s:
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if object_type is not None:
            q = q.where(AuditEntry.object_type == object_type)
        if object_id is not None:
            q = q.where(AuditEntry.object_id == str(object_id))
        if action_prefix is not None:
            q = q.where(AuditEntry.action.startswith(action_prefix, autoescape=True))
        return [
            AuditRow(
                e.id,
                e.at,
                e.staff_id,
                e.authorised_by,
                e.action,
                e.object_type,
                e.object_id,
                e.before,
                e.after,
                e.reason,
            )
            for e in s.scalars(q)
        ]


def verify(db: Database) -> list[str]:
    """Walk the chain; return a description of every break (empty when intact)."""
    problems: list[str] = []
    prev = GENESIS
    count = 0
    with db.read() as s:
        for entry in s.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000):
            count += 1
            if entry.prev_hash != prev:
                problems.append(f"entry {entry.id}: the entry before it was changed or removed")
            if _digest(entry.prev_hash, entry) != entry.hash:
                problems.append(f"entry {entry.id}: its contents were changed")
            prev = entry.hash
        head = s.get(AuditHead, 1)
        if head is not None and (head.last_hash != prev or head.count != count):
            problems.append("the newest entries were removed")
    return problems
