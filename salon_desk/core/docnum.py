"""Gap-free document numbers per kind and shop-local day: ``20261128-0007``.

The counter row is bumped inside the caller's transaction with an upsert, so a number is
used only if the document that takes it commits; two counters on PostgreSQL serialise on
the counter row and never get the same number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Integer, bindparam, cast
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from salon_desk.core import direct
from salon_desk.core.models import DocCounter


def next_number(s: Session, kind: str, day: date) -> str:
    """Take the next number of ``kind`` (e.g. ``"receipt"``) for ``day``."""
    dialect = s.get_bind().dialect.name
    stmt = _UPSERTS.get(dialect)
    if stmt is None:
        stmt = _UPSERTS[dialect] = _upsert(dialect)
    # on the transaction's driver connection: the ORM's path for an INSERT costs 1 ms more
    # and has nothing to do here (a counter is never an object in the session)
    last: int = direct.scalar_one(s, stmt, {"kind": kind, "day": day})
    return format_number(day, last)


def _upsert(dialect: str) -> ReturningInsert[int]:
    """The counter's upsert for ``dialect``, built once (a statement remembers its cache
    key): it runs for every receipt."""
    # the dialect's module is imported here, not at the top: on SQLite the PostgreSQL one
    # (45 ms) is never needed
    dialect_insert: Callable[..., Any]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = DocCounter.__table__
    stmt: ReturningInsert[int] = (
        dialect_insert(DocCounter)
        .values(
            kind=bindparam("kind", type_=table.c.kind.type),
            day=bindparam("day", type_=table.c.day.type),
            last=1,
        )
        .on_conflict_do_update(
            index_elements=[DocCounter.kind, DocCounter.day],
            set_={"last": cast(DocCounter.last + 1, Integer)},
        )
        .returning(DocCounter.last)
    )
    return stmt


_UPSERTS: dict[str, ReturningInsert[int]] = {}


def format_number(day: date, n: int) -> str:
    # the date's fields, not strftime: taken on every receipt, and strftime costs more
    return f"{day.year:04d}{day.month:02d}{day.day:02d}-{n:04d}"
