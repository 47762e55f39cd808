"""Gap-free document numbers per kind and shop-local day: ``20261128-0007``.

The counter row is bumped inside the caller's transaction with an upsert, so a number is
used only if the document that takes it commits; two counters on PostgreSQL serialise on
the counter row and never get the same number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from salon_desk.core.models import DocCounter


def next_number(s: Session, kind: str, day: date) -> str:
    """Take the next number of ``kind`` (e.g. ``"receipt"``) for ``day``."""
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(DocCounter)
        .values(kind=kind, day=day, last=1)
        .on_conflict_do_update(
            index_elements=[DocCounter.kind, DocCounter.day],
            set_={"last": cast(DocCounter.last + 1, Integer)},
        )
        .returning(DocCounter.last)
    )
    last: int = s.execute(stmt).scalar_one()
    return format_number(day, last)


def format_number(day: date, n: int) -> str:
    return f"{day:%Y%m%d}-{n:04d}"
