"""A deterministic database of a large salon after three years, for the benchmarks.

    salon-desk bench-data --out big.sqlite3 [--seed 1] [--scale 1.0]
    PYTHONPATH=. python -m bench.datagen --out big.sqlite3 [--seed 1] [--scale 1.0]

or from Python: ``bench.datagen.ensure(scale=1.0)`` builds once and returns the cached
file (``$SALON_BENCH_DATA`` or ``~/.cache/salon-desk-bench``), ``build(path, seed, scale)``
always builds.

At scale 1: 100,000 members, 30 beauticians (plus 4 counter staff, 2 managers and the
owner), 500 products, 300,000 appointments over 1,095 past days and the next 14, about
1,000,000 sale lines, with the cards members bought and used, the stock movements, the
morning float and the Z report of every past day, and the document counters.

The schema is the real one (the migrations run on the empty file). Staff, opening hours,
member levels, the service list and the card products are made through the services, so
the audit log holds their entries and its chain is valid; the bulk rows (members, cards,
bookings, sales, stock) are written with ``executemany`` and have no audit entries, as if
the audit log had been started after them. The bulk rows keep every rule the services
enforce: balances are the sum of their ledger and never negative, payments add up to the
sale totals, a beautician has no two bookings that hold the same time and works only in
her shift, member search keys are the members service's own, phones are valid and unique,
times are aware UTC, document numbers are gap-free per kind and day with their counters.

The data ends on ``END`` (the last past day is the day before): the result does not depend
on the day it is built.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.datagen import names, people, reference
from bench.datagen.bookings import Book, Guest
from bench.datagen.cards import Cards
from bench.datagen.register import Register, Ticket
from bench.datagen.sink import Sink, between, forget_times, pick
from bench.datagen.stock import Product, Stock

#: The first day after the data: bookings from here on are still to come.
END = date(2026, 11, 28)
PAST_DAYS = 3 * 365
FUTURE_DAYS = 14
MEMBERS = 100_000
APPOINTMENTS = 300_000
SALE_LINES = 1_000_000
PRODUCTS = 500
VERSION = 3  # bump when the generated data changes, so cached files are rebuilt
#: Tables filled in bulk: their secondary indexes are dropped during the load and made
#: again afterwards with the migrations' own statements.
BULK = [
    "member",
    "member_search_key",
    "product",
    "stock_movement",
    "roster_shift",
    "booking",
    "booking_item",
    "booking_event",
    "pos_till_open",
    "pos_z_report",
    "pos_sale",
    "pos_sale_line",
    "pos_sale_line_beautician",
    "pos_payment",
    "card_account",
    "card_ledger",
    "doc_counter",
]


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float
    rows: dict[str, int]


def counts_for_scale(scale: float) -> tuple[int, int, int, int]:
    """(members, appointments, sale lines, products) at ``scale``."""
    if not 0 < scale <= 10:
        raise ValueError("scale must be above 0 and at most 10")
    return (
        max(50, round(MEMBERS * scale)),
        max(100, round(APPOINTMENTS * scale)),
        max(200, round(SALE_LINES * scale)),
        max(20, round(PRODUCTS * scale)),
    )


def build(path: Path, seed: int = 1, scale: float = 1.0) -> Built:
    """Build the database at ``path`` (replacing it)."""
    from salon_desk.core.clock import FixedClock
    from salon_desk.core.context import Core
    from salon_desk.core.settings import BY_NAME

    started = time.perf_counter()
    n_members, n_bookings, n_lines, n_products = counts_for_scale(scale)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    first = END - timedelta(days=PAST_DAYS)
    tz = ZoneInfo(BY_NAME["shop.timezone"].default)
    day_starts = [  # midnight in the shop, as UTC instants (the rows are stored in UTC)
        datetime.combine(first + timedelta(days=i), clock_time(0), tz).astimezone(UTC)
        for i in range(PAST_DAYS + FUTURE_DAYS)
    ]
    clock = FixedClock(day_starts[0] + timedelta(hours=7))
    core = Core.open(f"sqlite:///{path}", clock=clock)
    ref = reference.create(core, rng)
    core.close()

    con = sqlite3.connect(path, isolation_level=None)
    try:
        _load(con, rng, ref, tz, day_starts, first, n_members, n_bookings, n_lines, n_products)
    finally:
        con.close()
    # what each day's Z report keeps of the day's figures, as the app's closing does
    from salon_desk.reports.kept_figures import keep_every_closed_in

    core = Core.open(f"sqlite:///{path}", clock=clock)
    try:
        with core.db.tx() as s:
            keep_every_closed_in(s)
    finally:
        core.close()
    # the planner's statistics as the app leaves them after its first close of a file
    # whose tables filled up: every table analysed, with the app's own limit
    from salon_desk.core import sqlite_stats

    sqlite_stats.complete(path)
    rows = _row_counts(path)
    return Built(path, time.perf_counter() - started, rows)


def _load(
    con: sqlite3.Connection,
    rng: random.Random,
    ref: reference.Reference,
    tz: tzinfo,
    day_starts: list[datetime],
    first: date,
    n_members: int,
    n_bookings: int,
    n_lines: int,
    n_products: int,
) -> None:
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -200000")
    indexes = [
        (name, sql)
        for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(BULK))})",
            BULK,
        )
    ]
    con.execute("BEGIN")
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    sink = Sink(con)
    owner = ref.owner.staff_id
    stock = Stock(sink)
    stock.create(n_products, day_starts[0] + timedelta(hours=8), owner)
    pool = max(200, n_members // 4)
    phones = names.phones(rng, n_members + pool)
    members = people.generate(
        sink,
        rng,
        count=n_members,
        phones=phones[:n_members],
        first=first,
        days=PAST_DAYS,
        tiers=ref.tiers,
        counters=ref.counters,
        day_start=day_starts,
    )
    sink.flush()
    strangers = [Guest(names.name(rng), phone, None) for phone in phones[n_members:]]
    book = Book(sink, ref, tz)
    cards = Cards(sink)
    register = Register(sink, ref, cards, stock, book, members.tier_bp)
    sellable = stock.sellable
    weights = [1.0] * PAST_DAYS + [(FUTURE_DAYS - k) / FUTURE_DAYS for k in range(FUTURE_DAYS)]
    quotas = _spread(n_bookings, weights)
    budgets = _spread(n_lines, [1.0] * PAST_DAYS)
    earliest = day_starts[0] + timedelta(hours=8)
    latest = day_starts[PAST_DAYS] + timedelta(hours=8)
    for i, start in enumerate(day_starts):
        day = first + timedelta(days=i)
        past = i < PAST_DAYS
        book.roster(day, i, start, max(earliest, start - timedelta(days=7, hours=-20)))
        if past:
            cards.expire(day, start + timedelta(hours=9))
            register.open_day(day, start + timedelta(hours=8, minutes=50), first=i == 0)
        guests = _guests(rng, quotas[i], members, strangers, min(i, PAST_DAYS - 1))
        visits = book.day(
            rng,
            day=day,
            day_index=i,
            start=start,
            count=quotas[i],
            past=past,
            guests=guests,
            earliest=earliest,
            latest_creation=latest,
            day_starts=day_starts,
            first_day_index=0,
        )
        if past:
            tickets = []
            lines = 0
            for v in visits:
                products = _basket(rng, sellable, pick(rng, (0, 0, 0, 0, 1, 1, 1, 2, 2, 3)))
                member = v.guest.member_id is not None
                tickets.append(
                    Ticket(
                        v.ends_at + timedelta(minutes=between(rng, 2, 10)),
                        v.guest,
                        v.services,
                        v.staff_id,
                        products,
                        booking_id=v.booking_id,
                        buys_card=member and rng.random() < 0.08,
                    )
                )
                lines += len(v.services) + len(products)
            while lines < budgets[i]:
                products = _basket(rng, sellable, min(budgets[i] - lines, between(rng, 1, 5)))
                guest = _guests(rng, 1, members, strangers, i)[0] if rng.random() < 0.6 else None
                at = start + timedelta(minutes=between(rng, 9 * 60 + 10, 21 * 60 + 50))
                tickets.append(Ticket(at, guest, [], None, products))
                lines += len(products)
            register.trade(rng, day, tickets, start + timedelta(hours=22, minutes=30))
        book.close_day()
        forget_times()
        if i % 60 == 59:
            sink.flush()
    cards.write_accounts()
    book.counters()
    sink.flush()
    for _, sql in indexes:
        con.execute(sql)
    # the running stock balances, as the services keep them: the sum of the movements
    con.execute(
        "INSERT INTO stock_balance (product_id, location, qty) "
        "SELECT product_id, location, SUM(qty) FROM stock_movement GROUP BY product_id, location"
    )
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")
    if os.environ.get("BENCH_DATAGEN_PROFILE"):
        for table, seconds in sorted(sink.cpu.items(), key=lambda kv: -kv[1]):
            print(f"{table:28} {sink.counts[table]:>9} rows {seconds:6.2f} s")


def _spread(total: int, weights: list[float]) -> list[int]:
    """``total`` split over the weights in whole numbers that add up exactly."""
    whole = sum(weights)
    out, done, acc = [], 0, 0.0
    for w in weights:
        acc += w
        upto = round(total * acc / whole)
        out.append(upto - done)
        done = upto
    return out


def _guests(
    rng: random.Random,
    count: int,
    members: people.Members,
    strangers: list[Guest],
    day_index: int,
) -> list[Guest]:
    """Who comes on a day: mostly members, the regulars (the oldest members) most often;
    no one twice on one day, so no guest has two bookings at once."""
    joined = members.joined_by(day_index)
    seen: set[str] = set()
    out: list[Guest] = []
    while len(out) < count:
        if rng.random() < 0.8 and joined:
            member_id = 1 + int(joined * rng.random() ** 3)
            guest = Guest(members.names[member_id - 1], members.phones[member_id - 1], member_id)
        else:
            guest = strangers[between(rng, 0, len(strangers))]
        if guest.phone in seen:
            continue
        seen.add(guest.phone)
        out.append(guest)
    return out


def _basket(rng: random.Random, sellable: list[Product], count: int) -> list[tuple[Product, int]]:
    return [(pick(rng, sellable), 1 if rng.random() < 0.9 else 2) for _ in range(count)]


def _row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def schema_tag() -> str:
    """The part of a cached database's name that names this code's migration heads."""
    import hashlib

    from salon_desk.core.migrate import file_heads

    return hashlib.sha1(",".join(sorted(file_heads() or ())).encode()).hexdigest()[:8]


def check_cached(db: Path) -> None:
    """Refuse to open (and so upgrade in place) a cached database built for another
    schema: other checkouts use that file under its name. A copy elsewhere is fine."""
    db = Path(db).resolve()
    if db.parent != cache_folder().resolve() or not db.name.startswith("salon-s"):
        return
    tag = db.name.removesuffix(".sqlite3").rsplit("-", 1)[-1]
    if tag != schema_tag():
        raise SystemExit(
            f"{db} was built for another schema ({tag}, this code is {schema_tag()}): "
            "run without --db to get the one for this code, or pass a copy of it"
        )


def cache_folder() -> Path:
    folder = os.environ.get("SALON_BENCH_DATA")
    return Path(folder) if folder else Path.home() / ".cache" / "salon-desk-bench"


def ensure(path: Path | None = None, scale: float = 1.0, seed: int = 1) -> Path:
    """The database for ``seed`` and ``scale``, built once and kept. ``path`` defaults to
    a file in :func:`cache_folder` named after the seed, scale, generator version and the
    schema's migration heads."""
    if path:
        target = Path(path)
    else:  # named after the schema too: a new migration means a new file, not an upgrade
        name = f"salon-s{seed}-x{scale:g}-v{VERSION}-{schema_tag()}.sqlite3"
        target = cache_folder() / name
    if target.exists() and target.stat().st_size > 0:
        return target
    building = target.with_name(target.name + f".building-{os.getpid()}")
    build(building, seed, scale)
    os.replace(building, target)
    return target
