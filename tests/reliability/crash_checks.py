"""What must hold after any number of kills: the database file is sound, every sale the
journal saw committed is there exactly once and whole, no sale is partial, the money adds
up per sale and per day, no card is below zero, each stock balance is the sum of its
movements, no booking is doubled."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from crash_driver import Journal
from crash_shop import Op, Shop, plan
from sqlalchemy import text

from salon_desk.core.context import Core


def _rows(core: Core, sql: str) -> list:
    with core.db.read() as s:
        return list(s.execute(text(sql)).all())


def problems(core: Core, shop: Shop, journal: Journal, seed: int) -> list[str]:
    """Everything wrong, as sentences (an empty list when the run is clean)."""
    out: list[str] = []
    if core.db.is_sqlite:
        integrity = _rows(core, "PRAGMA integrity_check")
        if [tuple(r) for r in integrity] != [("ok",)]:
            out.append(f"integrity_check: {integrity}")
        fks = _rows(core, "PRAGMA foreign_key_check")
        if fks:
            out.append(f"foreign_key_check: {fks[:5]}")
    if journal.unfinished:
        out.append(f"operations never finished: {journal.unfinished}")

    plans = {i: plan(shop, seed, i) for i in journal.attempted}
    by_key = {op.key: op for op in plans.values()}
    sales = {
        r.idempotency_key: r
        for r in _rows(core, "SELECT id, number, idempotency_key, total_fen, day FROM pos_sale")
    }
    keys = Counter(r[0] for r in _rows(core, "SELECT idempotency_key FROM pos_sale"))
    out += [f"sale key {k} stored {n} times" for k, n in keys.items() if n > 1]
    lines = Counter(r[0] for r in _rows(core, "SELECT sale_id FROM pos_sale_line"))
    paid: dict[int, int] = defaultdict(int)
    tenders = Counter()
    for sale_id, amount in _rows(core, "SELECT sale_id, amount_fen FROM pos_payment"):
        paid[sale_id] += amount
        tenders[sale_id] += 1
    moved = defaultdict(int)
    for ref, qty in _rows(
        core, "SELECT ref, qty FROM stock_movement WHERE reason = 'sold' AND ref IS NOT NULL"
    ):
        moved[ref] += -qty
    ledger: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for ref, acct, sessions, value in _rows(
        core,
        "SELECT sale_ref, account_id, sessions, principal_fen + bonus_fen FROM card_ledger "
        "WHERE sale_ref IS NOT NULL",
    ):
        ledger[(ref, acct)][0] += -sessions
        ledger[(ref, acct)][1] += -value
    receipts = Counter(
        r[0] for r in _rows(core, "SELECT ref FROM print_job WHERE kind = 'receipt'")
    )

    for key, sale in sales.items():
        op = by_key.get(key)
        if op is None:
            out.append(f"sale {sale.number} has a key no attempt used")
            continue
        out += _check_sale(op, sale, lines, paid, tenders, moved, ledger, receipts)
    for i, ref in journal.committed.items():
        op = plans[i]
        if op.kind == "booking":
            continue
        sale = sales.get(op.key)
        if sale is None:
            out.append(f"operation {i}: committed as {ref} but the sale is missing")
        elif sale.number != ref:
            out.append(f"operation {i}: committed as {ref} but stored as {sale.number}")
    for i in journal.refused:
        if plans[i].kind != "booking" and plans[i].key in sales:
            out.append(f"operation {i} was refused yet its sale exists")

    out += _check_days(core)
    out += _check_cards(core)
    out += _check_stock(core)
    out += _check_bookings(core, plans, journal)
    return out


def _check_sale(op: Op, sale, lines, paid, tenders, moved, ledger, receipts) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    name = f"sale {sale.number} (operation {op.index})"
    if lines[sale.id] != len(op.ticket.lines):
        out.append(f"{name}: {lines[sale.id]} lines, planned {len(op.ticket.lines)}")
    if tenders[sale.id] != len(op.tenders):
        out.append(f"{name}: {tenders[sale.id]} payments, planned {len(op.tenders)}")
    if paid[sale.id] != sale.total_fen or sale.total_fen != op.ticket.priced().total.fen:
        out.append(f"{name}: paid {paid[sale.id]}, total {sale.total_fen}")
    products = sum(ln.qty for ln in op.ticket.lines if ln.kind == "product")
    if moved[sale.number] != products:
        out.append(f"{name}: {moved[sale.number]} units left the shelf, sold {products}")
    if op.pack is not None and ledger[(sale.number, op.pack)][0] != op.sessions:
        out.append(f"{name}: session card not charged {op.sessions}")
    if op.value is not None and ledger[(sale.number, op.value)][1] != op.value_paid.fen:
        out.append(f"{name}: stored value charged {ledger[(sale.number, op.value)][1]}")
    if receipts[sale.number] != 1:
        out.append(f"{name}: {receipts[sale.number]} receipts queued")
    return out


def _check_days(core: Core) -> list[str]:
    rows = _rows(
        core,
        "SELECT s.day, SUM(s.total_fen), (SELECT COALESCE(SUM(p.amount_fen), 0) "
        "FROM pos_payment p JOIN pos_sale t ON t.id = p.sale_id WHERE t.day = s.day) "
        "FROM pos_sale s GROUP BY s.day",
    )
    return [f"day {d}: sales {t}, payments {p}" for d, t, p in rows if t != p]


def _check_stock(core: Core) -> list[str]:
    balances = {
        (r[0], r[1]): r[2]
        for r in _rows(core, "SELECT product_id, location, qty FROM stock_balance")
    }
    sums = {
        (r[0], r[1]): r[2]
        for r in _rows(
            core,
            "SELECT product_id, location, SUM(qty) FROM stock_movement "
            "GROUP BY product_id, location",
        )
    }
    return [
        f"stock balance of product {p} at {loc}: {balances.get((p, loc))} != movements {q}"
        for (p, loc), q in sums.items()
        if balances.get((p, loc)) != q
    ] + [
        f"stock balance of product {p} at {loc} has no movements"
        for p, loc in balances.keys() - sums.keys()
    ]


def _check_cards(core: Core) -> list[str]:
    out = []
    accounts = _rows(core, "SELECT id, sessions_left, principal_fen, bonus_fen FROM card_account")
    sums = {
        r[0]: r[1:]
        for r in _rows(
            core,
            "SELECT account_id, SUM(sessions), SUM(principal_fen), SUM(bonus_fen) "
            "FROM card_ledger GROUP BY account_id",
        )
    }
    for acct, sessions, principal, bonus in accounts:
        if min(sessions, principal, bonus) < 0:
            out.append(f"card {acct} below zero: {sessions} {principal} {bonus}")
        if tuple(sums.get(acct, (0, 0, 0))) != (sessions, principal, bonus):
            out.append(f"card {acct}: balance {sessions, principal, bonus} != ledger {sums[acct]}")
    return out


def _check_bookings(core: Core, plans: dict[int, Op], journal: Journal) -> list[str]:
    out = []
    rows = _rows(
        core,
        "SELECT number, guest_phone, staff_id, starts_at, ends_at FROM booking "
        "WHERE status <> 'cancelled'",
    )
    phones = Counter(r.guest_phone for r in rows)
    out += [f"{n} bookings for {p}" for p, n in phones.items() if n > 1]
    by_staff = defaultdict(list)
    for r in rows:
        by_staff[r.staff_id].append((r.starts_at, r.ends_at, r.number))
    for spans in by_staff.values():
        spans.sort()
        for a, b in itertools.pairwise(spans):
            if b[0] < a[1]:
                out.append(f"bookings {a[2]} and {b[2]} overlap")
    numbers = {r.number for r in rows}
    for i, ref in journal.committed.items():
        if plans[i].kind == "booking" and ref not in numbers:
            out.append(f"operation {i}: booking {ref} committed but missing")
    return out
