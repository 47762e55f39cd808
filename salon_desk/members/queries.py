"""Reading members inside a session: one member, search as you type.

The register and the appointments side call these inside their own transactions; the
:class:`~salon_desk.members.service.MemberService` wraps them for the tab.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    bindparam,
    cast,
    delete,
    func,
    select,
)
from sqlalchemy.orm import Session

from salon_desk.core.db import Database
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import DocCounter
from salon_desk.members.models import Member, MemberSearchKey, MemberTier
from salon_desk.members.rows import MemberRow
from salon_desk.members.rules import fold_query, next_prefix, search_keys

#: The number counter lives in the core's document counters under a fixed day.
_NUMBER_KIND = "member"
_NUMBER_DAY = date(2000, 1, 1)
SEARCH_LIMIT = 50


def member_row(m: Member, tier: MemberTier | None) -> MemberRow:
    return MemberRow(
        id=m.id,
        number=m.number,
        name=m.name,
        phone=m.phone,
        gender=m.gender,
        birthday=m.birthday,
        tier_id=m.tier_id,
        tier_name=tier.name if tier else "",
        tier_bp=tier.discount_bp if tier else 0,
        skin_type=m.skin_type,
        allergies=m.allergies,
        contraindications=m.contraindications,
        notes=m.notes,
        referral=m.referral,
        marketing_ok=m.marketing_ok,
        pinyin=m.pinyin,
        initials=m.initials,
        created_at=m.created_at,
        erased=m.erased_at is not None,
    )


def member_in(s: Session, member_id: int) -> MemberRow:
    m = s.get(Member, member_id)
    if m is None:
        raise NotFound(N_("No such member."))
    return member_row(m, s.get(MemberTier, m.tier_id) if m.tier_id else None)


def member_by_phone_in(s: Session, phone: str) -> MemberRow | None:
    m = s.scalar(select(Member).where(Member.phone == phone))
    if m is None:
        return None
    return member_row(m, s.get(MemberTier, m.tier_id) if m.tier_id else None)


def _search_statement(pattern: bool) -> Select[Any]:
    """Members by the first keys of a prefix, in key order, with their level: one query.
    ``pattern`` (PostgreSQL) matches ``LIKE 'p%'`` on the pattern index; otherwise the
    prefix is a range on the index (SQLite: ``LIKE`` never uses it). The columns are
    those of :class:`MemberRow` in its order (``erased`` aside: erased members are left
    out), so that a row becomes a result without looking anything up by name."""
    key = MemberSearchKey.key
    matches: ColumnElement[bool]
    if pattern:
        matches = key.like(bindparam("pattern"), escape="/")
    else:
        matches = (key >= bindparam("low")) & (key < bindparam("high"))
    keys = (
        select(MemberSearchKey.member_id, key)
        .where(matches)
        .order_by(key, MemberSearchKey.member_id)
        .limit(bindparam("fetch"))
        .subquery("k")
    )
    m, t = Member.__table__.c, MemberTier.__table__.c
    level = {
        "tier_name": func.coalesce(t.name, "").label("tier_name"),
        "tier_bp": func.coalesce(t.discount_bp, 0).label("tier_bp"),
    }
    columns = [level[f] if f in level else m[f] for f in MemberRow.__slots__ if f != "erased"]
    return (
        select(*columns)
        .select_from(
            keys.join(Member.__table__, m.id == keys.c.member_id).outerjoin(
                MemberTier.__table__, t.id == m.tier_id
            )
        )
        .where(m.erased_at.is_(None))
        .order_by(keys.c.key, keys.c.member_id)
    )


#: A search row in MemberRow's order, then ``erased`` (always False: erased members are
#: never found).
_result: Callable[..., MemberRow] = MemberRow

#: Built once: search runs on every keystroke, and building a statement costs more than
#: running it.
_SEARCH = {False: _search_statement(False), True: _search_statement(True)}


def search_in(s: Session | Connection, text: str, limit: int = SEARCH_LIMIT) -> list[MemberRow]:
    """Members whose phone (any part of it), name (any part), pinyin (in full or by
    initials, from any syllable) or member number starts with what was typed, inside the
    caller's transaction (the register, a booking). :func:`search_quick` answers the same
    outside any transaction, on every keystroke.

    Exact keys come first (the whole phone, the whole number, ``zs`` for 张三), then the
    longer ones in key order. Erased members are never found.
    """
    conn = s.connection() if isinstance(s, Session) else s
    pattern = conn.dialect.name == "postgresql"
    return _search(text, limit, pattern, lambda p: conn.execute(_SEARCH[pattern], p).all())


def search_quick(db: Database, text: str, limit: int = SEARCH_LIMIT) -> list[MemberRow]:
    """:func:`search_in` as one statement straight on the driver
    (:meth:`~salon_desk.core.db.Database.quick_rows`): what the members tab and the
    register's member box run on every keystroke."""
    pattern = db.dialect == "postgresql"
    return _search(text, limit, pattern, lambda p: db.quick_rows(_SEARCH[pattern], p))


def _search(
    text: str,
    limit: int,
    pattern: bool,
    run: Callable[[dict[str, Any]], Sequence[Sequence[Any]]],
) -> list[MemberRow]:
    query = fold_query(text)
    limit = max(1, min(limit, 500))
    if not query:
        return []
    params: dict[str, Any]
    if pattern:
        escaped = query.replace("/", "//").replace("%", "/%").replace("_", "/_")
        params = {"pattern": escaped + "%"}
    else:
        params = {"low": query, "high": next_prefix(query)}
    fetch = limit * 4  # a member has several keys that can share a prefix
    while True:
        rows = run({**params, "fetch": fetch})
        found: list[MemberRow] = []
        seen: set[int] = set()
        for r in rows:
            if r[0] not in seen:
                seen.add(r[0])
                found.append(_result(*r, False))
                if len(found) == limit:
                    return found
        if len(rows) < fetch or fetch >= limit * 64:
            return found
        fetch *= 4


def write_keys(s: Session, m: Member) -> None:
    """Replace the member's search keys (an index, not history)."""
    s.execute(delete(MemberSearchKey).where(MemberSearchKey.member_id == m.id))
    if m.erased_at is not None:
        return
    for k in sorted(search_keys(name=m.name, phone=m.phone, number=m.number)):
        s.add(MemberSearchKey(member_id=m.id, key=k))
    s.flush()


def next_member_number(s: Session) -> str:
    """The next free member number (``000123``), counted in the core's document counters
    so that two counters never take the same one."""
    dialect_insert: Callable[..., Any]
    if s.get_bind().dialect.name == "postgresql":  # imported here: see core.docnum
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    while True:
        stmt = (
            dialect_insert(DocCounter)
            .values(kind=_NUMBER_KIND, day=_NUMBER_DAY, last=1)
            .on_conflict_do_update(
                index_elements=[DocCounter.kind, DocCounter.day],
                set_={"last": cast(DocCounter.last + 1, Integer)},
            )
            .returning(DocCounter.last)
        )
        n: int = s.execute(stmt).scalar_one()
        number = f"{n:06d}"
        if s.scalar(select(Member.id).where(Member.number == number)) is None:
            return number
