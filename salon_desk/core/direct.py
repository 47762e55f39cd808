"""Statements of a hot write path run on the transaction's own driver connection.

Paying a ticket runs some fifteen small statements; for each, SQLAlchemy's execution
context, parameter processing and result object cost about 50 µs of Python above the
driver (sqlite3 or psycopg), more than most of the statements themselves. The functions
here run a statement built once at import inside the session's transaction (the same
connection, the same ``BEGIN``, committed or rolled back with the rest) straight on the
driver's cursor: compiled once per dialect and set of parameter names, parameters and
result columns converted by the column types' own processors, exactly as SQLAlchemy
would.

The engine's ``before_cursor_execute`` / ``after_cursor_execute`` listeners still see
every statement, and a driver error becomes SQLAlchemy's own (``IntegrityError``,
``OperationalError`` …, parameters hidden), so callers handle it as any other.

A statement whose compiled form needs work at execution time — a column default computed
in Python, an expanding ``IN``, a parameter rendered into the text — is handed to
SQLAlchemy unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Executable
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

Params = Mapping[str, Any]
Row = tuple[Any, ...]
_Proc = Callable[[Any], Any]


class _Ref:
    """Stands for a parameter (or one item of an expanding one) while a plan is made."""

    __slots__ = ("index", "name")

    def __init__(self, name: str, index: int) -> None:
        self.name = name
        self.index = index


class _Plan:
    """One statement compiled for one dialect, one set of parameter names and the lengths
    of its expanding (``IN``) parameters."""

    __slots__ = ("binds", "positional", "results", "returns_rows", "sql")

    def __init__(self, stmt: Any, compiled: SQLCompiler, given: Params, dialect: Any) -> None:
        # expanded once with stand-ins: which driver parameter takes which value
        stand_ins = {
            k: [_Ref(k, i) for i in range(len(v))] if compiled.binds[k].expanding else _Ref(k, -1)
            for k, v in given.items()
            if k in compiled.binds
        }
        state = compiled.construct_expanded_state(stand_ins)
        self.sql: str = state.statement
        self.positional = state.positiontup is not None
        names = state.positiontup if state.positiontup is not None else list(state.parameters)
        # the processors of the items of expanded parameters are the state's; the others
        # are the parameters' types' (by the name in the statement, unescaped)
        unescaped = {v: k for k, v in (compiled.escaped_bind_names or {}).items()}
        # (driver name, parameter, item or -1, constant, processor)
        binds: list[tuple[str, str | None, int, Any, _Proc | None]] = []
        for name in names:
            value = state.parameters[name]
            proc = state.processors.get(name)
            bind = compiled.binds.get(unescaped.get(name, name))
            if proc is None and bind is not None and not bind.expanding:
                proc = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if isinstance(value, _Ref):
                binds.append((name, value.name, value.index, None, proc))
            else:  # a constant of the statement (``coalesce(x, 0)``)
                binds.append((name, None, -1, proc(value) if proc else value, None))
        self.binds = tuple(binds)
        self.returns_rows = bool(compiled.effective_returning) or bool(stmt.is_select)
        procs: list[_Proc | None] = []
        if self.returns_rows:
            for col in stmt.exported_columns:
                procs.append(col.type.dialect_impl(dialect).result_processor(dialect, None))
        self.results = tuple((i, p) for i, p in enumerate(procs) if p is not None)

    def args(self, given: Params) -> list[Any] | dict[str, Any]:
        # one comprehension: the INSERT of a ticket's lines has some seventy parameters
        values = [
            constant
            if key is None
            else (
                (given[key] if index < 0 else given[key][index])
                if proc is None
                else proc(given[key] if index < 0 else given[key][index])
            )
            for _name, key, index, constant, proc in self.binds
        ]
        if self.positional:
            return values
        return {b[0]: v for b, v in zip(self.binds, values, strict=True)}

    def convert(self, fetched: list[Any]) -> list[Row]:
        if not self.results:
            return [tuple(r) for r in fetched]
        out = []
        for row in fetched:
            values = list(row)
            for i, proc in self.results:
                values[i] = proc(values[i])
            out.append(tuple(values))
        return out


class _Compiled:
    """A statement compiled for one dialect and one set of parameter names; its plans by
    the lengths of its expanding parameters. ``None`` as the compiled form: the statement
    is left to SQLAlchemy."""

    __slots__ = ("compiled", "dialect", "expanding", "plans", "stmt")

    def __init__(self, stmt: Any, compiled: SQLCompiler | None, dialect: Any) -> None:
        self.stmt = stmt  # kept: the cache is keyed by its id
        self.compiled = compiled
        self.dialect = dialect
        # the expanding parameters given at execution; a list of constants written into
        # the statement (``x IN ('a', 'b')``) is expanded from its own value, once
        self.expanding = tuple(
            name
            for name, b in (compiled.binds.items() if compiled else ())
            if b.expanding and not (b.value is not None and b.callable is None and b.unique)
        )
        self.plans: dict[tuple[int, ...], _Plan] = {}

    def plan(self, given: Params) -> _Plan | None:
        if self.compiled is None:
            return None
        lengths = tuple(len(given[n]) for n in self.expanding) if self.expanding else ()
        plan = self.plans.get(lengths)
        if plan is None:
            if len(self.plans) >= _MAX_PLANS:
                self.plans.clear()
            plan = self.plans[lengths] = _Plan(self.stmt, self.compiled, given, self.dialect)
        return plan


#: (id of the statement, dialect, parameter names, for several sets) -> compiled
_COMPILED: dict[tuple[int, str, tuple[str, ...], bool], _Compiled] = {}
#: The statements of the hot paths are built once at import; one built anew on every call
#: (or an IN list of ever new lengths) must not make the caches grow without end.
_MAX_COMPILED = 256
_MAX_PLANS = 32


def plan_for(stmt: Executable, dialect: Dialect, given: Params, many: bool = False) -> _Plan | None:
    """How to run ``stmt`` with the parameters ``given`` on ``dialect``'s driver (its
    ``sql``, ``args(given)`` and ``convert(rows)``); ``None`` when it needs SQLAlchemy's
    work at execution time. Also what :mod:`salon_desk.core.quick_read` runs."""
    keys = tuple(given)
    key = (id(stmt), dialect.name, keys, many)
    hit = _COMPILED.get(key)
    if hit is None or hit.stmt is not stmt:
        compiled = stmt.compile(  # type: ignore[attr-defined]
            dialect=dialect, column_keys=list(keys), for_executemany=many
        )
        assert isinstance(compiled, SQLCompiler)
        if (
            compiled.insert_prefetch
            or compiled.update_prefetch
            or compiled.literal_execute_params
            or (many and compiled.post_compile_params)
        ):
            compiled = None  # work at execution time: SQLAlchemy's
        if len(_COMPILED) >= _MAX_COMPILED:
            _COMPILED.clear()
        hit = _COMPILED[key] = _Compiled(stmt, compiled, dialect)
    return hit.plan(given)


def rows(s: Session, stmt: Executable, params: Params | Sequence[Params] = ()) -> list[Row]:
    """Run ``stmt`` in the session's transaction; the rows it returns (a ``SELECT``, or
    ``RETURNING``), converted. A list of parameter sets runs the statement for each."""
    conn = connection(s)
    if type(params) is dict:  # one set of parameters: the common case, in fewest steps
        plan = plan_for(stmt, conn.dialect, params, False)
        if plan is not None:
            args = plan.args(params)
            return plan.convert(execute(conn, plan.sql, args, fetch=plan.returns_rows))
    one = isinstance(params, Mapping)
    sets = [cast(Params, params)] if one else cast(Sequence[Params], params)
    if not sets:
        return []
    if len(sets) > 1:  # nothing returned: all sets in one executemany
        plan = plan_for(stmt, conn.dialect, sets[0], True)
        if plan is not None and not plan.returns_rows:
            _run(conn, plan, [plan.args(p) for p in sets], many=True)
            return []
    plan = plan_for(stmt, conn.dialect, sets[0], False)
    if plan is None:
        return [tuple(r) for p in sets for r in _sa_rows(conn, stmt, p)]
    out: list[Row] = []
    for p in sets:
        out += _run(conn, plan, plan.args(p))
    return out


def connection(s: Session) -> Connection:
    """The session's connection, kept for its transaction: ``Session.connection()`` walks
    the transaction's state machinery on every call (a payment asks some fifteen times)."""
    tx = s.get_transaction()
    held = s.info.get(_CONNECTION)
    if held is not None and tx is not None and held[0] is tx:
        conn: Connection = held[1]
        return conn
    conn = s.connection()
    s.info[_CONNECTION] = (s.get_transaction(), conn)
    return conn


_CONNECTION = "salon_desk.direct.connection"


def _sa_rows(conn: Connection, stmt: Executable, params: Params) -> list[Any]:
    result = conn.execute(stmt, params)
    return list(result) if result.returns_rows else []


def _run(conn: Connection, plan: _Plan, args: Any, *, many: bool = False) -> list[Row]:
    return plan.convert(execute(conn, plan.sql, args, many=many, fetch=plan.returns_rows))


def execute(
    conn: Connection, sql: str, args: Any = (), *, many: bool = False, fetch: bool = False
) -> list[Any]:
    """Run ``sql`` (in the dialect's own parameter style) on ``conn``'s driver connection,
    seen by the engine's statement listeners; the rows fetched when ``fetch``, as the
    driver returns them. A driver error is raised as SQLAlchemy's, parameters hidden."""
    dialect = conn.dialect
    dispatch = conn.dispatch
    dbapi_conn = conn.connection
    cursor = dbapi_conn.cursor()
    try:
        # (a listener collection is tested before it is walked: walking an empty one
        # costs a chain of iterators on every statement)
        before = dispatch.before_cursor_execute
        if before:
            for fn in before:
                fn(conn, cursor, sql, args, None, many)
        try:
            if many:
                cursor.executemany(sql, args)
                fetched: list[Any] = []
            else:
                cursor.execute(sql, args)
                fetched = list(cursor.fetchall()) if fetch else []
        except dialect.loaded_dbapi.Error as exc:
            if dialect.is_disconnect(exc, dbapi_conn, cursor):
                conn.invalidate(exc)
            raise DBAPIError.instance(
                sql, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect
            ) from exc
        after = dispatch.after_cursor_execute
        if after:
            for fn in after:
                fn(conn, cursor, sql, args, None, many)
    finally:
        cursor.close()
    return fetched


def one(s: Session, stmt: Executable, params: Params) -> Row:
    """The one row ``stmt`` returns (``NoResultFound`` / ``MultipleResultsFound`` else)."""
    found = rows(s, stmt, params)
    if len(found) != 1:
        if not found:
            raise NoResultFound("No row was found when one was required")
        raise MultipleResultsFound("Multiple rows were found when exactly one was required")
    return found[0]


def one_or_none(s: Session, stmt: Executable, params: Params) -> Row | None:
    found = rows(s, stmt, params)
    if len(found) > 1:
        raise MultipleResultsFound("Multiple rows were found when one or none was required")
    return found[0] if found else None


def scalar_one(s: Session, stmt: Executable, params: Params) -> Any:
    """The first column of the one row ``stmt`` returns."""
    return one(s, stmt, params)[0]
