"""Closing a SQLite database brings the query planner's statistics up to date (``PRAGMA
optimize`` as each connection closes, bounded by ``PRAGMA analysis_limit``), and never
leaves a table that holds rows without statistics beside one that has them; a busy file
or a file that must stay as it is (the benchmark's) is left alone."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import text

from salon_desk.core.db import Database


def _shop_file(path: Path, *, optimize_on_close: bool = True) -> Database:
    db = Database.open(f"sqlite:///{path}", optimize_on_close=optimize_on_close)
    with db.tx() as s:
        for table in ("visit", "card"):
            s.execute(text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, member INTEGER)"))
            s.execute(text(f"CREATE INDEX ix_{table}_member ON {table} (member)"))
            s.execute(
                text(f"INSERT INTO {table} (member) VALUES (:m)"),
                [{"m": i % 50} for i in range(2000)],
            )
        s.execute(text("CREATE TABLE empty (id INTEGER PRIMARY KEY, member INTEGER)"))
        s.execute(text("CREATE INDEX ix_empty_member ON empty (member)"))
    with db.read() as s:  # a query that could use the index
        assert s.execute(text("SELECT count(*) FROM visit WHERE member = 7")).scalar() == 40
    return db


def _stats(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return [(r[0], r[1]) for r in conn.execute("SELECT tbl, idx FROM sqlite_stat1")]
    finally:
        conn.close()


def test_closing_analyses_the_tables_that_were_queried(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    db = _shop_file(path)
    assert _stats(path) == []
    db.dispose()
    assert ("visit", "ix_visit_member") in _stats(path)


def test_no_table_holding_rows_is_left_without_statistics(tmp_path: Path) -> None:
    """Statistics for one table of a join and a guess for the other make the planner walk
    the wrong one (a month report: 0.4 ms → 190 ms). Only ``visit`` was queried; ``card``
    holds rows too and is analysed with it, whether the file had no statistics yet or
    had them for ``visit`` only."""
    path = tmp_path / "shop.sqlite3"
    _shop_file(path).dispose()
    assert ("card", "ix_card_member") in _stats(path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'card'")
    conn.commit()
    conn.close()
    db = Database.open(f"sqlite:///{path}")
    with db.read() as s:
        s.execute(text("SELECT count(*) FROM visit WHERE member = 1")).scalar()
    db.dispose()
    assert ("card", "ix_card_member") in _stats(path)


def test_a_file_opened_to_stay_as_it_is_gets_no_statistics(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite3"
    _shop_file(path, optimize_on_close=False).dispose()
    assert _stats(path) == []


def test_closing_while_another_counter_writes_does_not_wait_for_it(tmp_path: Path) -> None:
    """The optimisation needs the write lock: while another counter holds it, closing
    skips it instead of waiting out the 15 s busy timeout, and says nothing."""
    path = tmp_path / "shop.sqlite3"
    db = _shop_file(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        db.dispose()
        assert time.monotonic() - started < 5  # not the busy timeout of a write
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _stats(path) == []
    again = Database.open(f"sqlite:///{path}")  # and it is done at a later close
    with again.read() as s:
        s.execute(text("SELECT count(*) FROM visit WHERE member = 3")).scalar()
    again.dispose()
    assert ("visit", "ix_visit_member") in _stats(path)
