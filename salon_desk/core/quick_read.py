"""Queries that run on every keystroke, straight on the database driver.

Member search answers in well under a millisecond on the database side; around it,
SQLAlchemy's checkout of a pooled connection, its ``BEGIN``, its execution context, its
result object and its rollback cost about twice that again. For such a query
:class:`QuickReader` keeps one driver connection per thread (opened through the engine, so
it has the same settings as every other connection) in autocommit, compiles each statement
once for the dialect, and runs it on the driver's own cursor, converting the columns the way
SQLAlchemy would (dates, times, flags) with the column types' own result processors.

Only for a single ``SELECT``: one statement is its own consistent snapshot in autocommit on
both SQLite (WAL) and PostgreSQL. Anything that writes, or reads twice and needs both reads
to agree, goes through :meth:`Database.tx` / :meth:`Database.read`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, Select
from sqlalchemy.exc import DBAPIError, OperationalError


class _Compiled:
    """A statement compiled for one dialect: its text, how its parameters are passed and
    how each result column is converted."""

    __slots__ = ("defaults", "names", "processors", "sql")

    def __init__(self, stmt: Select[Any], engine: Engine) -> None:
        dialect = engine.dialect
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        # Bound constants (``coalesce(name, '')``) keep their values; the named
        # parameters are filled in per call. Positional drivers (sqlite3's ``?``) take
        # them in ``positiontup`` order, the others (psycopg's ``%(name)s``) by name.
        self.defaults = {k: b.value for k, b in compiled.binds.items() if b.value is not None}
        self.names: tuple[str, ...] | None = (
            tuple(compiled.positiontup or ()) if compiled.positional else None
        )
        procs: list[Callable[[Any], Any] | None] = []
        for col in stmt.selected_columns:
            impl = col.type.dialect_impl(dialect)
            procs.append(impl.result_processor(dialect, None))
        self.processors: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(
            (i, p) for i, p in enumerate(procs) if p is not None
        )

    def params(self, given: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        merged = {**self.defaults, **given}
        if self.names is None:
            return merged
        return [merged[n] for n in self.names]

    def convert(self, rows: list[Any]) -> list[tuple[Any, ...]]:
        if not self.processors:
            return rows
        out = []
        for row in rows:
            values = list(row)
            for i, proc in self.processors:
                values[i] = proc(values[i])
            out.append(tuple(values))
        return out


class QuickReader:
    """One autocommit driver connection per thread for single-statement reads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []
        self._compiled: dict[int, tuple[Select[Any], _Compiled]] = {}

    def _compile(self, stmt: Select[Any]) -> _Compiled:
        hit = self._compiled.get(id(stmt))
        if hit is not None and hit[0] is stmt:
            return hit[1]
        compiled = _Compiled(stmt, self.engine)
        self._compiled[id(stmt)] = (stmt, compiled)  # the statement is kept: ids stay unique
        return compiled

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
        compiled = self._compile(stmt)
        args = compiled.params(params)
        dbapi = self.engine.dialect.loaded_dbapi
        for attempt in (1, 2):
            conn = self._connection()
            try:
                cur = conn.cursor()
                try:
                    cur.execute(compiled.sql, args)
                    fetched = cur.fetchall()
                finally:
                    cur.close()
            except dbapi.OperationalError as exc:
                self._drop(conn)
                if attempt == 2:
                    raise OperationalError(compiled.sql, None, exc) from exc
                continue
            except dbapi.Error as exc:
                raise DBAPIError.instance(
                    compiled.sql, None, exc, dbapi.Error, dialect=self.engine.dialect
                ) from exc
            return compiled.convert(fetched)
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close every connection opened here, from any thread."""
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            with contextlib.suppress(Exception):  # closing at exit; nothing to save
                conn.close()
        self._local = threading.local()
