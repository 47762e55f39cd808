"""The checkout's second floor: every statement a payment sends, replayed raw.

The first floor (:mod:`bench.checkout`) replays only the inserts of the rows a payment
writes. A payment by the rules also reads (the replay key and the day's state, the prices of
products and services, the staff, the card and its balance, the stock on hand) and updates
(the card's balance, the receipt counter). This floor is all of it: the statements the
service sent for one payment, captured with SQLAlchemy's ``before_cursor_execute`` event —
SQL text and parameters, in order — and replayed with raw sqlite3 in one
``BEGIN IMMEDIATE … COMMIT``, every result fetched. The ratio is then what our Python and
SQLAlchemy add to the SQL the rules need.

Made fresh on every replay, as the first floor does: unique text of the rows the payment
inserted (the idempotency key, the receipt number — wherever a statement passes it, the key
lookup included) gets ``~n`` appended; an id of a row inserted earlier in the transaction,
passed to a later INSERT in a referencing column, becomes the id the replay's INSERT got
(from its ``RETURNING``, or ``lastrowid`` for a single row). A payment passes no id of its
own new rows to a SELECT or an UPDATE, so those are replayed as sent. The payment captured
is not the day's first: its receipt counter is updated, as on every later one.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench.checkout import Rows, high_water, table_keys, written_since
from bench.harness import Figure, Report, measure_pair

NAME = "checkout commit: 3 lines, 2 payments, stored-value card, against the same statements raw"

_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)\s*VALUES\s*', re.I)
_TAIL = re.compile(r"\s(ON\s+CONFLICT|RETURNING)\s", re.I)
_UPSERT = re.compile(r"\sON\s+CONFLICT\s", re.I)
_RETURNING = re.compile(r"\sRETURNING\s+(.+)$", re.I | re.S)


@dataclass(frozen=True)
class Statement:
    sql: str
    rows: tuple[tuple[Any, ...], ...]  # one for ``execute``, several for ``executemany``
    many: bool


@dataclass(frozen=True)
class Capture:
    statements: list[Statement]
    inserted: Rows  # the rows the payment inserted, table by table
    changes: int  # rows inserted, updated or deleted (sqlite3's total_changes)

    def kinds(self) -> Counter[str]:
        """How many statements of each kind (``upsert``: an INSERT … ON CONFLICT)."""
        return Counter(
            "upsert" if _UPSERT.search(s.sql) else s.sql.split(None, 1)[0].upper()
            for s in self.statements
        )


def capture(engine: Engine, conn: sqlite3.Connection, pay: Callable[[], object]) -> Capture:
    """The statements of one ``pay()`` on ``engine`` (which must run one transaction),
    without its ``BEGIN``; ``conn`` is a raw connection to the same file."""
    sent: list[Statement] = []
    changes: list[int] = []

    def before(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        # A batch of insertmanyvalues is flagged ``many`` but runs as one ``execute``.
        many = many and bool(params) and isinstance(params[0], tuple | list)
        rows = [tuple(p) for p in params] if many else [tuple(params)]
        sent.append(Statement(sql, tuple(rows), many))

    def begun(c: Any) -> None:
        changes.append(c.connection.driver_connection.total_changes)

    def committing(c: Any) -> None:
        changes.append(c.connection.driver_connection.total_changes)

    hooks = (("before_cursor_execute", before), ("begin", begun), ("commit", committing))
    marks = high_water(conn)
    for name, fn in hooks:
        event.listen(engine, name, fn)
    try:
        pay()
    finally:
        for name, fn in hooks:
            event.remove(engine, name, fn)
    begins = [s for s in sent if s.sql.upper().startswith("BEGIN")]
    if len(changes) != 2 or len(begins) != 1 or sent[0] is not begins[0]:
        raise RuntimeError(f"a payment ran {len(begins)} transactions, not one")
    return Capture(sent[1:], written_since(conn, marks), changes[1] - changes[0])


@dataclass
class _Step:
    sql: str
    rows: tuple[tuple[Any, ...], ...]
    many: bool
    fetch: bool
    subs: list[tuple[int, int, str | None]] = field(default_factory=list)  # row, col, table
    makes: str | None = None  # the table whose new ids the replay learns from this step
    id_col: int | None = None  # where the id is in a RETURNING row; None: lastrowid
    old_ids: list[Any] = field(default_factory=list)


def replayer(conn: sqlite3.Connection, cap: Capture, *, first: int = 1) -> Callable[[], None]:
    """The floor: ``cap``'s statements on ``conn`` in one write transaction."""
    keys = {t: table_keys(conn, t) for t in cap.inserted}
    unique = {
        row[c]
        for t, rows in cap.inserted.items()
        for row in rows
        for c in keys[t][1]
        if isinstance(row[c], str)
    }
    waiting = {  # the ids of the inserted rows, in the order they were inserted
        t: [row[keys[t][0]] for row in rows] for t, rows in cap.inserted.items() if keys[t][0]
    }
    known: dict[str, set[Any]] = {}  # ids a replay will have mapped by then
    lost: dict[str, set[Any]] = {}  # ids inserted with no way to learn the new ones
    steps = []
    for st in cap.statements:
        step = _Step(st.sql, st.rows, st.many, fetch=_fetches(st.sql))
        for r, row in enumerate(st.rows):
            step.subs.extend((r, c, None) for c, v in enumerate(row) if _fresh(v, unique))
        m = _INSERT.match(st.sql)
        if m:
            table = m.group(1)
            columns, groups = _columns(m, st.sql)
            _refer(step, table, columns, table_keys(conn, table)[2], known, lost)
            if table in waiting:
                _learn(step, table, groups * len(st.rows), waiting, known, lost)
        steps.append(step)
    serial = count(first)

    def replay() -> None:
        n = next(serial)
        ids: dict[str | None, dict[Any, Any]] = {None: {v: f"{v}~{n}" for v in unique}}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in steps:
                rows: Any = step.rows
                if step.subs:
                    rows = [list(r) for r in rows]
                    for r, c, table in step.subs:
                        rows[r][c] = ids[table][rows[r][c]]
                if step.many:
                    cur = conn.executemany(step.sql, rows)
                else:
                    cur = conn.execute(step.sql, rows[0])
                got = cur.fetchall() if step.fetch else None
                if step.makes is not None:
                    new = (
                        [cur.lastrowid]
                        if step.id_col is None or got is None
                        else sorted(g[step.id_col] for g in got)
                    )
                    ids.setdefault(step.makes, {}).update(zip(step.old_ids, new, strict=True))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return replay


def _fresh(v: Any, unique: set[Any]) -> bool:
    return isinstance(v, str) and v in unique


def _fetches(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper()
    return head in ("SELECT", "WITH", "PRAGMA") or _RETURNING.search(sql) is not None


def _columns(m: re.Match[str], sql: str) -> tuple[list[str], int]:
    """The column of each parameter of the VALUES list(s) of an INSERT, and how many rows
    of values it has (an insertmanyvalues batch has several)."""
    cols = [c.strip().strip('"') for c in m.group(2).split(",")]
    values = sql[m.end() :]
    tail = _TAIL.search(values)
    marks = (values[: tail.start()] if tail else values).count("?")
    return [cols[i % len(cols)] for i in range(marks)], marks // len(cols)


def _refer(
    step: _Step,
    table: str,
    columns: list[str],
    refs: dict[str, str],
    known: dict[str, set[Any]],
    lost: dict[str, set[Any]],
) -> None:
    for r, row in enumerate(step.rows):
        for c, col in enumerate(columns):
            target = refs.get(col)
            if target is None:
                continue
            if row[c] in lost.get(target, ()):
                raise RuntimeError(f"{table}.{col} refers to a new {target} row of unknown id")
            if row[c] in known.get(target, ()):
                step.subs.append((r, c, target))


def _learn(
    step: _Step,
    table: str,
    inserts: int,
    waiting: dict[str, list[Any]],
    known: dict[str, set[Any]],
    lost: dict[str, set[Any]],
) -> None:
    """The ids this INSERT gave its rows (the next ones of ``table``), and how the replay
    learns its own."""
    old, waiting[table] = waiting[table][:inserts], waiting[table][inserts:]
    returning = _RETURNING.search(step.sql)
    names = (
        [n.strip().split(".")[-1].strip('"') for n in returning.group(1).split(",")]
        if returning
        else []
    )
    step.old_ids = old
    if "id" in names:
        step.makes, step.id_col = table, names.index("id")
        known.setdefault(table, set()).update(old)
    elif inserts == 1 and not returning:
        step.makes = table
        known.setdefault(table, set()).update(old)
    else:
        lost.setdefault(table, set()).update(old)


def check(conn: sqlite3.Connection, cap: Capture, replay: Callable[[], None]) -> None:
    """The replay inserts as many rows per table as the payment did and changes as many
    rows in all (the card's balance and the receipt counter included); its rows refer to
    its own rows where the payment's referred to the payment's, and their unique text is
    new."""
    marks = high_water(conn)
    before = conn.total_changes
    replay()
    changed = conn.total_changes - before
    made = written_since(conn, marks)
    want = {t: len(r) for t, r in cap.inserted.items()}
    got = {t: len(r) for t, r in made.items()}
    if got != want or changed != cap.changes:
        raise RuntimeError(
            f"the replay wrote {got} ({changed} changes), a payment {want} ({cap.changes})"
        )
    keys = {t: table_keys(conn, t) for t in made}
    new_ids = {t: {r[k[0]] for r in made[t]} for t, k in keys.items() if k[0]}
    old_ids = {t: {r[k[0]] for r in cap.inserted[t]} for t, k in keys.items() if k[0]}
    for t, (_pk, uniques, refs) in keys.items():
        for old, new in zip(cap.inserted[t], made[t], strict=True):
            for col, target in refs.items():
                if (old[col] in old_ids.get(target, ())) != (new[col] in new_ids.get(target, ())):
                    raise RuntimeError(f"{t}.{col} of the replay refers to another row")
            for col in uniques:
                if isinstance(old[col], str) and new[col] == old[col]:
                    raise RuntimeError(f"{t}.{col} of the replay is not new")


def add_figure(
    report: Report,
    conn: sqlite3.Connection,
    engine: Engine,
    subject: Callable[[], object],
    *,
    repeat: int,
) -> Figure:
    subject()  # the day's receipt counter exists: the payment captured is like the next
    cap = capture(engine, conn, subject)
    floor = replayer(conn, cap)
    check(conn, cap, floor)
    a, b = measure_pair(subject, floor, repeat=repeat)
    check(conn, cap, floor)  # the card still pays: no UPDATE found nothing to change
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(cap.kinds().items()))
    return report.add(
        Figure(
            NAME,
            a,
            b,
            target_ratio=None,
            note=f"CheckoutService.pay vs raw sqlite3 replaying the {len(cap.statements)} "
            f"statements it sent ({kinds}), results fetched, in one BEGIN IMMEDIATE … "
            "COMMIT, with fresh keys and ids; synchronous=FULL, WAL",
        )
    )
