"""The reports' second floor: the SQL a report needs, replayed raw, and its bare tables.

The first floor (:mod:`bench.reports`) is a bare reportlab document of the report's rows
and no queries at all, so whatever the figures cost to read from a month of sales counts
against the report. This floor reads them too: every statement the report's build sent —
SQL text and parameters, in order, captured with SQLAlchemy's ``before_cursor_execute``
event — run again with raw sqlite3 with every row fetched, then the same bare tables. The
ratio is then what our Python, SQLAlchemy and page add to the SQL the figures need.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

Statement = tuple[str, tuple[Any, ...]]  # sql, parameters


def capture(engine: Engine, build: Callable[[], object]) -> list[Statement]:
    """The statements one ``build()`` sends on ``engine``; transaction control left out."""
    sent: list[Statement] = []

    def before(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        head = sql.lstrip().split(None, 1)[0].upper()
        if head in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
            return
        sent.append((sql, tuple(params) if params is not None else ()))

    event.listen(engine, "before_cursor_execute", before)
    try:
        build()
    finally:
        event.remove(engine, "before_cursor_execute", before)
    if any(not s.lstrip().upper().startswith(("SELECT", "WITH")) for s, _p in sent):
        raise RuntimeError("a report's build wrote to the database")
    return sent


def replayer(conn: sqlite3.Connection, statements: list[Statement]) -> Callable[[], int]:
    """Run ``statements`` on ``conn`` in one read transaction; the rows fetched."""

    def replay() -> int:
        fetched = 0
        conn.execute("BEGIN")
        try:
            for sql, params in statements:
                fetched += len(conn.execute(sql, params).fetchall())
        finally:
            conn.execute("COMMIT")
        return fetched

    return replay
