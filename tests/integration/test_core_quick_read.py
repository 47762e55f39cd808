"""Keystroke reads straight on the driver (member search): the same rows, the same types
and the same errors as a query through SQLAlchemy, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Unavailable
from salon_desk.members import queries
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


@pytest.fixture
def svc(core: Core, counter: Actor, owner: Actor) -> MemberService:
    s = MemberService(core)
    tier = s.save_tier(owner, name="金卡", discount_bp=8800)
    s.create(
        owner,
        MemberInput(
            name="张三",
            phone="13812345678",
            birthday=date(1990, 2, 28),
            tier_id=tier.id,
            marketing_ok=True,
        ),
    )
    s.create(counter, MemberInput(name="张珊珊", phone="13987650001"))
    return s


def test_quick_search_equals_the_search_in_a_transaction(svc: MemberService) -> None:
    db = svc.core.db
    for typed in ("zs", "张", "5678", "1", "000001", "zhang"):
        quick = queries.search_quick(db, typed)
        with db.read() as s:
            slow = queries.search_in(s, typed)
        assert quick == slow, typed
        for q, w in zip(quick, slow, strict=True):  # not only equal: the same types
            assert [type(v) for v in vars_of(q)] == [type(v) for v in vars_of(w)]
    first = queries.search_quick(db, "13812345678")[0]
    assert first.birthday == date(1990, 2, 28)
    assert first.created_at.tzinfo is not None
    assert first.marketing_ok is True
    assert (first.tier_name, first.tier_bp) == ("金卡", 8800)


def vars_of(row: object) -> list[object]:
    return [getattr(row, f) for f in row.__slots__]  # type: ignore[attr-defined]


def test_a_search_sees_what_was_just_saved(svc: MemberService, counter: Actor) -> None:
    assert svc.search("李") == []
    svc.create(counter, MemberInput(name="李晓伟", phone="15011112222"))
    assert [m.name for m in svc.search("李")] == ["李晓伟"]


def test_closing_the_database_closes_its_keystroke_connections(svc: MemberService) -> None:
    svc.search("zs")
    reader = svc.core.db._quick
    assert len(reader._open) == 1
    conn = reader._open[0]
    reader.close()
    assert reader._open == []
    with pytest.raises(Exception):  # noqa: B017 - sqlite3 and psycopg differ in the class
        conn.cursor().execute("SELECT 1")
    assert [m.name for m in svc.search("zss")] == ["张珊珊"]  # opened again when needed


def test_a_connection_the_server_dropped_is_opened_again(svc: MemberService) -> None:
    db = svc.core.db
    if db.dialect != "postgresql":
        pytest.skip("a server that drops connections")
    svc.search("zs")
    pid = db._quick._open[0].info.backend_pid
    with db.engine.begin() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert [m.name for m in svc.search("zss")] == ["张珊珊"]


def test_a_database_that_is_gone_is_reported_in_words(svc: MemberService) -> None:
    db = svc.core.db
    if db.dialect != "sqlite":
        pytest.skip("a file that is taken away")
    path = db.sqlite_path
    assert path is not None
    db._quick.close()
    db.engine.dispose()
    for p in path.parent.glob(path.name + "*"):
        p.unlink()  # opening it again makes an empty file: no member tables in it
    with pytest.raises(Unavailable):
        svc.search("zs")
