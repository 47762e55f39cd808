"""The query planner's statistics of a SQLite file, kept up to date as connections close.

Without statistics SQLite guesses the size of every table alike; the app's queries are
planned for that and run well. Statistics help as the data grows, but only when every
table a query joins has them: a month report joining the cards to their ledger went from
0.4 ms to 190 ms when only the cards table had been analysed (it then walks every card
instead of the month's ledger entries). ``PRAGMA optimize`` alone (SQLite 3.40) analyses
only the tables the closing connection used, so each connection's close runs it, and the
last close of the database analyses everything once when a table holding rows still has
no statistics. ``PRAGMA analysis_limit`` bounds either: 8 ms for all 27 tables of a big
salon's 650 MB file, instead of reading every row of every index.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

#: Rows ``ANALYZE`` reads per index (SQLite advises 100-1000).
ANALYSIS_LIMIT = 400
#: How long a closing connection waits for another counter's write before it skips the
#: analysis (it is tried again at the next close).
BUSY_MS = 200


def optimize_on_close(dbapi_connection: Any, _record: Any) -> None:
    """Pool event ``close``: analyse what this connection's queries used that has no or
    out-of-date statistics."""
    _run(dbapi_connection, "PRAGMA optimize")


def complete(path: Path) -> None:
    """After the last connection closed: analyse every table once if a table holding rows
    has no statistics while others have (or none has any), so that the planner never
    compares a measured table with a guessed one."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_MS / 1000)
    except sqlite3.Error:
        return
    try:
        if missing(conn):
            _run(conn, "ANALYZE")
    except sqlite3.Error:
        pass  # busy, read-only or damaged: tried again at the next close
    finally:
        conn.close()


def missing(conn: sqlite3.Connection) -> list[str]:
    """The indexed tables that hold rows and have no statistics."""
    indexed = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name NOT LIKE 'sqlite_%'"
        )
    ]
    has_stats = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).fetchone()
    analysed = (
        {r[0] for r in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
        if has_stats
        else set()
    )
    return [
        t
        for t in indexed
        if t not in analysed and conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()
    ]


def _run(conn: Any, statement: str) -> None:
    try:
        cur = conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            cur.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            cur.execute(statement)
        finally:
            cur.close()
    except sqlite3.Error:
        pass  # busy, read-only or already broken: the connection closes all the same
