"""Queries that run on every keystroke, straight on the database driver.

Member search answers in well under a millisecond on the database side; around it,
SQLAlchemy's checkout of a pooled connection, its ``BEGIN``, its execution context, its
result object and its rollback cost about twice that again. For such a query
:class:`QuickReader` keeps one driver connection per thread (opened through the engine, so
it has the same settings as every other connection) in autocommit and runs the statement on
the driver's own cursor as :mod:`salon_desk.core.direct` plans it (compiled once per dialect,
parameters and columns converted by the column types' own processors).

Only for a single ``SELECT``: one statement is its own consistent snapshot in autocommit on
both SQLite (WAL) and PostgreSQL. Anything that writes, or reads twice and needs both reads
to agree, goes through :meth:`Database.tx` / :meth:`Database.read`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, Select
from sqlalchemy.exc import DBAPIError

from salon_desk.core.direct import plan_for


class QuickReader:
    """One autocommit driver connection per thread for single-statement reads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []

    def _connection(self) -> Any:
        conn: Any = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        pooled = self.engine.raw_connection()  # the engine's connect settings apply
        conn = pooled.driver_connection
        try:
            pooled.rollback()  # psycopg: a pre-ping may have opened a transaction
            pooled.detach()  # from now on ours alone; closed in close()
        except BaseException:
            pooled.invalidate()
            raise
        if self.engine.dialect.name == "postgresql":
            conn.autocommit = True
        with self._lock:
            self._open.append(conn)
        self._local.conn = conn
        return conn

    def _drop(self, conn: Any) -> None:
        self._local.conn = None
        with self._lock:
            if conn in self._open:
                self._open.remove(conn)
        with contextlib.suppress(Exception):  # already broken; nothing to save
            conn.close()

    def rows(self, stmt: Select[Any], params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of ``stmt`` with ``params``, converted as SQLAlchemy would. A lost
        connection is opened again once; a second failure raises SQLAlchemy's own error
        (``OperationalError`` for a lost or locked database) so that callers handle it as
        they handle any other."""
        compiled = plan_for(stmt, self.engine.dialect, params)
        if compiled is None:  # work at execution time: SQLAlchemy's (not a keystroke query)
            with self.engine.connect() as sa:
                return [tuple(r) for r in sa.execute(stmt, params)]
        args = compiled.args(params)
        dbapi = self.engine.dialect.loaded_dbapi
        for attempt in (1, 2):
            conn = self._connection()
            try:
                cur = conn.cursor()
                try:
                    cur.execute(compiled.sql, args)
                    return compiled.convert(cur.fetchall())
                finally:
                    cur.close()
            except dbapi.Error as exc:
                lost = isinstance(exc, dbapi.OperationalError)
                if lost:
                    self._drop(conn)
                if not (lost and attempt == 1):
                    raise DBAPIError.instance(
                        compiled.sql,
                        None,
                        exc,
                        dbapi.Error,
                        hide_parameters=True,
                        dialect=self.engine.dialect,
                    ) from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close every connection opened here, from any thread."""
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            with contextlib.suppress(Exception):  # closing at exit; nothing to save
                conn.close()
        self._local = threading.local()
