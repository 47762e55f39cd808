"""Statements run on the transaction's driver connection (core.direct): the same rows
written and read, the same types and the same errors as through SQLAlchemy, on SQLite and
PostgreSQL, and still seen by the engine's statement listeners."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import bindparam, event, func, insert, select
from sqlalchemy.exc import IntegrityError

from salon_desk.core import direct
from salon_desk.core.context import Core
from salon_desk.core.errors import Unavailable
from salon_desk.core.models import DocCounter
from salon_desk.pos.print_models import PrintJob

AT = datetime(2026, 11, 28, 10, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
_INSERT = insert(PrintJob).returning(PrintJob.id, PrintJob.created_at, PrintJob.payload)
_BY_IDS = select(PrintJob.id, PrintJob.created_at, PrintJob.payload, PrintJob.printed_at).where(
    PrintJob.id.in_(bindparam("ids", expanding=True))
)
_COUNT = select(func.coalesce(func.sum(PrintJob.attempts), 0), func.count()).where(
    PrintJob.station == bindparam("station")
)


def job(ref: str, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "kind": "receipt",
        "ref": ref,
        "payload": {"lines": ["深层补水", 28800], "at": "2026-11-28"},
        "station": "front",
        "status": "queued",
        "attempts": 0,
        "last_error": None,
        "reprint_of": None,
        "created_by": None,
        "created_at": AT.replace(microsecond=0),  # no fraction: stored as SQLAlchemy does
        "printed_at": None,
        "updated_at": AT,
    }
    return values | changes


def test_the_same_rows_as_through_sqlalchemy(core: Core) -> None:
    with core.db.tx() as s:
        new_id, created, payload = direct.one(s, _INSERT, job("A-1"))
        other = s.connection().execute(_INSERT, job("A-2")).one()
        assert created == AT.astimezone(UTC) and created.tzinfo is not None
        assert payload == {"lines": ["深层补水", 28800], "at": "2026-11-28"}
        ids = [new_id, other.id]
        assert direct.rows(s, _BY_IDS, {"ids": ids}) == [
            tuple(r) for r in s.connection().execute(_BY_IDS, {"ids": ids})
        ]
        assert direct.rows(s, _BY_IDS, {"ids": []}) == []
        assert direct.one(s, _COUNT, {"station": "front"}) == (0, 2)
        assert direct.one_or_none(s, _COUNT, {"station": "back"}) == (0, 0)
    with core.db.read() as s:
        first, second = (s.get_one(PrintJob, i) for i in ids)
        for name in ("created_at", "updated_at", "payload", "printed_at", "status"):
            assert getattr(first, name) == getattr(second, name), name


def test_several_sets_in_one_statement(core: Core) -> None:
    with core.db.tx() as s:
        assert direct.rows(s, insert(PrintJob), [job("B-1"), job("B-2"), job("B-3")]) == []
        assert direct.scalar_one(s, _COUNT, {"station": "front"}) == 0
        assert direct.one(s, _COUNT, {"station": "front"})[1] == 3


def test_a_driver_error_is_sqlalchemys_and_rolls_back_the_transaction(core: Core) -> None:
    upsert_free = insert(DocCounter)
    row = {"kind": "receipt", "day": date(2026, 11, 28), "last": 1}
    with pytest.raises(IntegrityError) as caught, core.db.tx() as s:
        direct.rows(s, _INSERT, job("C-1"))
        direct.rows(s, upsert_free, row)
        direct.rows(s, upsert_free, row)  # the same kind and day again
    assert "[parameters:" not in str(caught.value)  # names and phones stay out of logs
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob)) == 0
        assert s.scalar(select(func.count()).select_from(DocCounter)) == 0


def test_the_engines_listeners_see_every_statement(core: Core) -> None:
    seen: list[tuple[str, bool]] = []

    def note(_c: object, _cur: object, sql: str, _p: object, _ctx: object, many: bool) -> None:
        seen.append((sql.split()[0], many))

    event.listen(core.db.engine, "after_cursor_execute", note)
    try:
        with core.db.tx() as s:
            direct.rows(s, insert(PrintJob), [job("D-1"), job("D-2")])
            direct.one(s, _COUNT, {"station": "front"})
    finally:
        event.remove(core.db.engine, "after_cursor_execute", note)
    assert ("INSERT", True) in seen and ("SELECT", False) in seen


def test_each_transaction_of_a_session_has_its_connection(core: Core) -> None:
    with core.db.tx() as s:
        direct.rows(s, _INSERT, job("E-1"))
    s.close()
    with s.begin():  # the same session again: a new transaction, maybe another connection
        assert direct.connection(s) is s.connection()
        assert direct.one(s, _COUNT, {"station": "front"}) == (0, 1)


def test_a_file_held_by_another_counter_is_reported_as_busy(sqlite_core: Core) -> None:
    core = sqlite_core
    path = core.db.sqlite_path
    assert path is not None

    def short_wait(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout = 50")  # after the app's own settings

    event.listen(core.db.engine, "connect", short_wait)
    core.db.engine.dispose()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(Unavailable) as caught, core.db.tx() as s:
            direct.rows(s, _INSERT, job("F-1"))
        assert caught.value.code == (
            "Another counter is busy with the database. Nothing was saved; try again."
        )
    finally:
        other.close()
        event.remove(core.db.engine, "connect", short_wait)


def test_statements_built_on_every_call_do_not_pile_up(core: Core) -> None:
    with core.db.tx() as s:
        for n in range(direct._MAX_COMPILED + 40):
            fresh = select(PrintJob.id).where(PrintJob.attempts > bindparam("n"))
            assert direct.rows(s, fresh, {"n": n}) == []
            assert direct.rows(s, _BY_IDS, {"ids": list(range(n % 100))}) == []
        assert len(direct._COMPILED) <= direct._MAX_COMPILED
        assert all(len(c.plans) <= direct._MAX_PLANS for c in direct._COMPILED.values())


#: A list written into the statement (``IN`` of constants) beside a parameter.
_OF_KINDS = select(PrintJob.ref).where(
    PrintJob.status.in_(("queued", "failed")), PrintJob.station == bindparam("station")
)


def test_a_list_of_constants_in_the_statement_is_its_own(core: Core) -> None:
    with core.db.tx() as s:
        for i, status in enumerate(("queued", "done", "failed")):
            direct.one(s, _INSERT, job(f"K-{i}", status=status))
        got = direct.rows(s, _OF_KINDS, {"station": "front"})
        assert sorted(got) == sorted(
            tuple(r) for r in s.connection().execute(_OF_KINDS, {"station": "front"})
        )
        assert sorted(got) == [("K-0",), ("K-2",)]
