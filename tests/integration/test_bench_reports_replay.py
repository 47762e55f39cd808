"""The reports benchmark's second floor: the statements a report's build reads with,
captured on the app's engine and run again with raw sqlite3, every row fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, insert, select

from bench.app_core import raw
from bench.reports_replay import capture, replayer

meta = MetaData()
sale = Table(
    "sale",
    meta,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),
    Column("fen", Integer, nullable=False),
)


def test_the_reads_of_a_build_are_replayed_with_every_row_fetched(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    engine = create_engine(f"sqlite:///{db}")
    meta.create_all(engine)
    with engine.begin() as c:
        c.execute(insert(sale), [{"kind": k, "fen": i} for i, k in enumerate("abcabca")])

    def build() -> list[object]:
        with engine.begin() as c:  # a transaction, as the report's session has
            by_kind = c.execute(
                select(sale.c.kind, func.sum(sale.c.fen)).group_by(sale.c.kind)
            ).all()
            big = c.execute(select(sale.c.id).where(sale.c.fen >= 3)).all()
        return [by_kind, big]

    statements = capture(engine, build)
    assert [s.split()[0] for s, _p in statements] == ["SELECT", "SELECT"]
    assert statements[1][1] == (3,)
    conn = raw(db)
    try:
        assert replayer(conn, statements)() == 3 + 4
        assert not conn.in_transaction
    finally:
        conn.close()
        engine.dispose()


def test_a_build_that_writes_is_refused(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    meta.create_all(engine)

    def build() -> None:
        with engine.begin() as c:
            c.execute(insert(sale).values(kind="a", fen=1))

    with pytest.raises(RuntimeError, match="wrote"):
        capture(engine, build)
    engine.dispose()
