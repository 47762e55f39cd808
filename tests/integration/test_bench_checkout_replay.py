"""The checkout benchmark's second floor: the statements of one write transaction,
captured on the app's engine and replayed with raw sqlite3, keys made fresh and ids
followed from one INSERT to the next (a small schema with the shapes a payment has)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as upsert

from bench.app_core import raw
from bench.checkout_replay import capture, check, replayer
from salon_desk.core.db import Database

meta = MetaData()
sale = Table(
    "sale",
    meta,
    Column("id", Integer, primary_key=True),
    Column("number", String, unique=True, nullable=False),
    Column("key", String, unique=True, nullable=False),
)
line = Table(
    "line",
    meta,
    Column("id", Integer, primary_key=True),
    Column("sale_id", ForeignKey("sale.id"), nullable=False),
    Column("seq", Integer, nullable=False),
)
line_staff = Table(
    "line_staff",
    meta,
    Column("line_id", ForeignKey("line.id"), primary_key=True),
    Column("staff", Integer, primary_key=True),
)
payment = Table(
    "payment",
    meta,
    Column("id", Integer, primary_key=True),
    Column("sale_id", ForeignKey("sale.id"), nullable=False),
    Column("reference", String, nullable=False),
)
counter = Table("counter", meta, Column("kind", String, primary_key=True), Column("last", Integer))
card = Table(
    "card",
    meta,
    Column("id", Integer, primary_key=True),
    Column("fen", Integer, CheckConstraint("fen >= 0"), nullable=False),
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Database, sqlite3.Connection]]:
    database = Database.open(f"sqlite:///{tmp_path / 'replay.sqlite3'}", optimize_on_close=False)
    meta.create_all(database.engine)
    with database.tx() as s:
        s.execute(insert(card).values(id=1, fen=10_000))
    conn = raw(tmp_path / "replay.sqlite3")
    yield database, conn
    conn.close()
    database.dispose()


def pay(database: Database, key: str) -> None:
    """A sale's shapes: a key looked up, a counter upserted, a balance updated, a parent
    inserted RETURNING its id, children in one insertmanyvalues batch RETURNING theirs,
    grandchildren and siblings with executemany, a read at the end."""
    with database.tx() as s:
        conn = s.connection()
        assert conn.execute(select(sale.c.id).where(sale.c.key == key)).first() is None
        n = conn.execute(
            upsert(counter)
            .values(kind="receipt", last=1)
            .on_conflict_do_update(index_elements=["kind"], set_={"last": counter.c.last + 1})
            .returning(counter.c.last)
        ).scalar_one()
        conn.execute(update(card).where(card.c.id == 1).values(fen=card.c.fen - 100))
        number = f"R-{n:04d}"
        sale_id = conn.execute(
            insert(sale).values(number=number, key=key).returning(sale.c.id)
        ).scalar_one()
        lines = conn.execute(
            insert(line).returning(line.c.seq, line.c.id),
            [{"sale_id": sale_id, "seq": i} for i in (1, 2, 3)],
        ).all()
        conn.execute(insert(line_staff), [{"line_id": lid, "staff": 7} for _seq, lid in lines[:2]])
        conn.execute(insert(payment), [{"sale_id": sale_id, "reference": number} for _ in range(2)])
        conn.execute(select(func.count()).select_from(line).where(line.c.sale_id == sale_id))


def test_the_replay_sends_the_same_statements_with_fresh_keys_and_new_ids(
    db: tuple[Database, sqlite3.Connection],
) -> None:
    database, conn = db
    pay(database, "key-00000001")  # the counter exists: the next payment updates it
    cap = capture(database.engine, conn, lambda: pay(database, "key-00000002"))
    assert cap.kinds() == {"SELECT": 2, "upsert": 1, "UPDATE": 1, "INSERT": 4}
    assert {t: len(r) for t, r in cap.inserted.items()} == {
        "sale": 1,
        "line": 3,
        "line_staff": 2,
        "payment": 2,
    }
    assert cap.changes == 1 + 1 + 1 + 3 + 2 + 2  # the counter and the card updated
    replay = replayer(conn, cap)
    check(conn, cap, replay)
    replay()
    sales = conn.execute("SELECT id, number, key FROM sale ORDER BY id").fetchall()
    assert [s[1:] for s in sales] == [
        ("R-0001", "key-00000001"),
        ("R-0002", "key-00000002"),
        ("R-0002~1", "key-00000002~1"),
        ("R-0002~2", "key-00000002~2"),
    ]
    for sale_id, number, _key in sales:
        assert conn.execute(
            "SELECT count(*) FROM line WHERE sale_id = ?", (sale_id,)
        ).fetchone() == (3,)
        assert conn.execute(
            "SELECT count(*) FROM line_staff JOIN line ON line.id = line_id WHERE sale_id = ?",
            (sale_id,),
        ).fetchone() == (2,)
        assert conn.execute(
            "SELECT DISTINCT reference FROM payment WHERE sale_id = ?", (sale_id,)
        ).fetchall() == [(number,)]
    assert conn.execute("SELECT fen FROM card").fetchone() == (10_000 - 4 * 100,)
    assert conn.execute("SELECT last FROM counter").fetchone() == (4,)


def test_a_replay_that_writes_otherwise_fails_the_check(
    db: tuple[Database, sqlite3.Connection],
) -> None:
    database, conn = db
    pay(database, "key-00000001")
    cap = capture(database.engine, conn, lambda: pay(database, "key-00000002"))
    with pytest.raises(RuntimeError, match="the replay wrote"):
        check(conn, cap, lambda: None)
    with pytest.raises(RuntimeError, match="one"):  # two transactions are two payments
        capture(database.engine, conn, lambda: (pay(database, "key-3"), pay(database, "key-4")))


def test_a_reference_to_a_row_of_unknown_new_id_is_refused(
    db: tuple[Database, sqlite3.Connection],
) -> None:
    """Parents inserted with executemany give the replay no ids to follow."""
    database, conn = db

    def parents_then_child() -> None:
        with database.tx() as s:
            c = s.connection()
            c.execute(insert(sale), [{"number": f"N{i}", "key": f"K{i}"} for i in (1, 2)])
            sid = c.execute(select(func.max(sale.c.id))).scalar_one()
            c.execute(insert(payment).values(sale_id=sid, reference="x"))

    cap = capture(database.engine, conn, parents_then_child)
    with pytest.raises(RuntimeError, match=r"payment\.sale_id refers to a new sale row"):
        replayer(conn, cap)
