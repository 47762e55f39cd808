"""A checkout commit: a ticket with three lines (two services with their beauticians and a
product), paid in two parts (the member's stored-value card and cash), in one transaction.

Subject: ``CheckoutService.pay`` — the checks (trading day, member, prices, staff,
discount limits), the receipt number, the sale, its lines and payments, the card's ledger
entry, the stock movement, the queued receipt and the audit trail, committed with the
app's ``synchronous=FULL`` in WAL.
Floor, on the same file in the same run: the raw sqlite3 inserts of the same rows — every
row the service wrote for one sale, replayed in one ``BEGIN IMMEDIATE … COMMIT`` with
fresh ids, unique text made unique again and references pointing at the new rows.
A second figure sets the same payment against every statement it sent, reads and updates
included, replayed raw (:mod:`bench.checkout_replay`).

    PYTHONPATH=. python -m bench.checkout DB
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from bench.app_core import fixed_clock, open_core, owner, raw
from bench.harness import Figure, Report, measure_pair

TARGET_RATIO = 3.0

Rows = dict[str, list[dict[str, Any]]]


def bench_day(conn: sqlite3.Connection) -> Any:
    """A day after every sale on file, so the till is opened fresh and the reports' days
    are left alone."""
    from datetime import date

    last = conn.execute("SELECT max(day) FROM pos_sale").fetchone()[0]
    opened = conn.execute("SELECT max(day) FROM pos_till_open").fetchone()[0]
    days = [date.fromisoformat(d) for d in (last, opened) if d]
    return max(days) + timedelta(days=1) if days else date(2026, 11, 30)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' AND sql NOT LIKE '%WITHOUT ROWID%'"
        )
    ]


def high_water(conn: sqlite3.Connection) -> dict[str, int]:
    marks = {}
    for t in _tables(conn):
        marks[t] = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').fetchone()[0]
    return marks


def written_since(conn: sqlite3.Connection, marks: dict[str, int]) -> Rows:
    """The rows inserted since ``marks``, table by table, parents before children."""
    out: Rows = {}
    for t, mark in marks.items():
        cur = conn.execute(f'SELECT * FROM "{t}" WHERE rowid > ? ORDER BY rowid', (mark,))
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        if rows:
            out[t] = rows
    order = _parents_first(conn, list(out))
    return {t: out[t] for t in order}


def _parents_first(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    deps = {
        t: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')} & set(tables)
        for t in tables
    }
    done: list[str] = []
    while len(done) < len(tables):
        ready = [t for t in tables if t not in done and deps[t] <= set(done) | {t}]
        if not ready:
            raise RuntimeError(f"cyclic references among {tables}")
        done.extend(sorted(ready))
    return done


def table_keys(conn: sqlite3.Connection, table: str) -> tuple[str | None, set[str], dict[str, str]]:
    """``table``'s integer primary key (if it has a single-column one), the columns of its
    unique indexes and its references (column → referenced table)."""
    pk = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5]]
    uniques: set[str] = set()
    for idx in conn.execute(f'PRAGMA index_list("{table}")'):
        if idx[2]:  # unique
            uniques.update(c[2] for c in conn.execute(f'PRAGMA index_info("{idx[1]}")'))
    refs = {r[3]: r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
    return (pk[0] if len(pk) == 1 else None), uniques, refs


def replayer(conn: sqlite3.Connection, rows: Rows, *, first: int = 1) -> Callable[[], None]:
    """The floor: insert copies of ``rows`` with raw sqlite3 in one write transaction.
    Unique text gets ``~n`` appended, ``n`` counting up from ``first``."""
    plans = []
    for table, table_rows in rows.items():
        int_pk, uniques, refs = table_keys(conn, table)
        cols = [c for c in table_rows[0] if c != int_pk]
        sql = (
            f'INSERT INTO "{table}" ({", ".join(f"{c!r}" for c in cols)}) '
            f"VALUES ({', '.join('?' for _ in cols)})"
        ).replace("'", '"')
        plans.append((table, table_rows, int_pk, cols, uniques, refs, sql))
    serial = count(first)

    def replay() -> None:
        n = next(serial)
        new_ids: dict[str, dict[Any, int]] = {}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table, table_rows, int_pk, cols, uniques, refs, sql in plans:
                ids = new_ids.setdefault(table, {})
                for row in table_rows:
                    values = []
                    for c in cols:
                        v = row[c]
                        if c in refs and v in new_ids.get(refs[c], {}):
                            v = new_ids[refs[c]][v]
                        elif c in uniques and isinstance(v, str):
                            v = f"{v}~{n}"
                        values.append(v)
                    cur = conn.execute(sql, values)
                    if int_pk is not None:
                        ids[row[int_pk]] = cur.lastrowid  # type: ignore[assignment]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return replay


def private_copy(db: Path, folder: Path) -> Path:
    """A copy of the benchmark database to sell on: the others read the original."""
    target = folder / "checkout.sqlite3"
    src = sqlite3.connect(Path(db))
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def run(db: Path, report: Report, *, quick: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-checkout-") as folder:
        _run(private_copy(db, Path(folder)), report, quick=quick)


def _run(db: Path, report: Report, *, quick: bool) -> None:
    from salon_desk.core.money import Money
    from salon_desk.members.card_service import CardService
    from salon_desk.members.service import MemberService
    from salon_desk.pos.cart import MemberRef, Ticket
    from salon_desk.pos.checkout_service import CheckoutService
    from salon_desk.pos.demo import FLOAT
    from salon_desk.pos.rules import Tender
    from salon_desk.pos.till_service import TillService

    conn = raw(db)
    day = bench_day(conn)
    core = open_core(db)
    tz = core.settings.tz()
    clock = fixed_clock(datetime.combine(day, time(11), tzinfo=tz))
    core.close()
    core = open_core(db, clock=clock)
    try:
        actor = owner(core)
        TillService(core).open_day(actor, FLOAT)
        services = conn.execute(
            "SELECT id, name_zh, price_fen FROM service_item WHERE active ORDER BY id LIMIT 2"
        ).fetchall()
        product = conn.execute(
            "SELECT id, name_zh, price_fen FROM product WHERE active ORDER BY id LIMIT 1"
        ).fetchone()
        beauticians = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM staff WHERE role = 'beautician' AND active ORDER BY id LIMIT 2"
            )
        ]
        card_product = conn.execute(
            "SELECT id, price_fen FROM card_product WHERE kind = 'value' AND active "
            "ORDER BY price_fen DESC LIMIT 1"
        ).fetchone()
        member_id = conn.execute(
            "SELECT id FROM member WHERE erased_at IS NULL ORDER BY id LIMIT 1 OFFSET "
            "(SELECT count(*) / 2 FROM member WHERE erased_at IS NULL)"
        ).fetchone()[0]
        if len(services) < 2 or product is None or card_product is None:
            raise SystemExit("the benchmark database lacks services, products or a value card")
        member = MemberService(core).get(member_id)
        card = CardService(core).sell(
            actor,
            member_id=member.id,
            product_id=card_product[0],
            price=Money(card_product[1]),
            sale_ref="BENCH",
        )
        ticket = Ticket()
        ticket.attach_member(MemberRef(member.id, member.name, member.tier_name, member.tier_bp))
        for i, (sid, name, price) in enumerate(services):
            ticket.add(
                "service", sid, name, Money(price), beautician_ids=tuple(beauticians[i : i + 1])
            )
        ticket.add("product", product[0], product[1], Money(product[2]))
        due = ticket.priced().total
        from_card = Money(min(due.fen // 2, 5000))  # the card lasts the whole run
        cash = Money(-(-(due.fen - from_card.fen) // 10000) * 10000)
        tenders = [Tender("stored_value", from_card, account_id=card.id), Tender("cash", cash)]
        service = CheckoutService(core)

        def subject() -> None:
            service.pay(actor, ticket, tenders, str(uuid.uuid4()))

        marks = high_water(conn)
        subject()
        rows = written_since(conn, marks)
        floor = replayer(conn, rows)
        floor()  # the floor's rows are accepted by the schema's checks
        written = ", ".join(f"{t} {len(r)}" for t, r in rows.items())
        a, b = measure_pair(subject, floor, repeat=15 if quick else 40)
        report.add(
            Figure(
                "checkout commit: 3 lines, 2 payments, stored-value card",
                a,
                b,
                target_ratio=TARGET_RATIO,
                note=f"CheckoutService.pay vs raw sqlite3 inserts of the same rows ({written}); "
                "synchronous=FULL, WAL",
            )
        )
        from bench.checkout_replay import add_figure

        add_figure(report, conn, core.db.engine, subject, repeat=15 if quick else 40)
    finally:
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
