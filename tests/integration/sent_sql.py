"""The SQL statements a block of a test sends to the database, as SQLAlchemy sends them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from salon_desk.core.context import Core


@contextmanager
def statements(core: Core) -> Iterator[list[str]]:
    """The SQL statements sent to the database inside the block."""
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(core.db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(core.db.engine, "before_cursor_execute", note)
