"""The benchmark database generator: every rule the services enforce holds in the bulk
rows (checked with SQL), and the app's services work on the result."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.datagen import END, build
from salon_desk.core.audit import verify
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.migrate import pending
from salon_desk.core.money import Money
from salon_desk.members.rules import search_keys
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.service import ReportService

pytestmark = pytest.mark.slow
SCALE = 0.01


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("benchdata") / "small.sqlite3", seed=7, scale=SCALE).path


@pytest.fixture
def db(built: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(built)
    yield con
    con.close()


def one(con: sqlite3.Connection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def nothing(con: sqlite3.Connection, sql: str) -> None:
    """The query counts the rows that break a rule: there must be none."""
    assert one(con, sql) == 0, sql


def test_every_table_has_the_planner_statistics_the_app_would_leave(
    db: sqlite3.Connection,
) -> None:
    """A file of the app's holds statistics for all its tables once a connection has
    closed on it (core.sqlite_stats); measured without them, SQLite plans for tables of
    guessed sizes that a shop's database never has for long."""
    from salon_desk.core.sqlite_stats import missing

    assert missing(db) == []
    assert one(db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'pos_sale_line'") > 0


def test_counts_follow_the_scale(db: sqlite3.Connection) -> None:
    assert one(db, "SELECT count(*) FROM member") == 1000
    assert one(db, "SELECT count(*) FROM booking") == 3000
    assert one(db, "SELECT count(*) FROM product") == 20
    assert one(db, "SELECT count(*) FROM staff WHERE role = 'beautician'") == 30
    lines = one(db, "SELECT count(*) FROM pos_sale_line")
    assert isinstance(lines, int) and 10_000 <= lines < 10_500
    assert one(db, "SELECT count(*) FROM card_account") > 0
    assert one(db, "SELECT count(*) FROM card_ledger WHERE kind = 'use'") > 0
    assert one(db, "PRAGMA integrity_check") == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert one(db, "PRAGMA journal_mode") == "wal"


def _schema(con: sqlite3.Connection) -> set[tuple[str, str, frozenset[str]]]:
    """Each object with the clauses of its SQL (a table rebuilt by a migration may list its
    constraints in another order)."""
    out = set()
    for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master"):
        clauses = re.split(r",\s*\n", (sql or "").removesuffix("\n)"))
        out.add((kind, name, frozenset(c.strip() for c in clauses)))
    return out


def test_schema_is_the_migrations(built: Path, db: sqlite3.Connection) -> None:
    from salon_desk.core.db import Database

    database = Database.open(f"sqlite:///{built}")
    try:
        assert not pending(database)
    finally:
        database.dispose()
    fresh = built.with_name("fresh.sqlite3")
    Core.open(f"sqlite:///{fresh}").close()
    made = sqlite3.connect(fresh)
    want = _schema(made)
    made.close()
    got = _schema(db)
    assert got == want


def test_card_balances_are_their_ledger_and_never_negative(db: sqlite3.Connection) -> None:
    nothing(
        db,
        """SELECT count(*) FROM card_account a JOIN (
                 SELECT account_id, sum(sessions) s, sum(principal_fen) p, sum(bonus_fen) b
                 FROM card_ledger GROUP BY account_id) l ON l.account_id = a.id
               WHERE a.sessions_left != l.s OR a.principal_fen != l.p OR a.bonus_fen != l.b""",
    )
    nothing(
        db, "SELECT count(*) FROM card_account WHERE id NOT IN (SELECT account_id FROM card_ledger)"
    )
    # every entry's balance-after is the running sum, in id order
    rows = db.execute(
        "SELECT account_id, sessions, principal_fen, bonus_fen, sessions_after, "
        "principal_after_fen, bonus_after_fen, kind FROM card_ledger ORDER BY account_id, id"
    ).fetchall()
    run: dict[int, list[int]] = {}
    for acct, s, p, b, sa, pa, ba, _kind in rows:
        total = run.setdefault(acct, [0, 0, 0])
        total[0] += s
        total[1] += p
        total[2] += b
        assert total == [sa, pa, ba]
        assert min(total) >= 0
    # an expired card has nothing left and a last expiry entry
    nothing(
        db,
        "SELECT count(*) FROM card_account WHERE status = 'expired' AND "
        "(sessions_left + principal_fen + bonus_fen) != 0",
    )
    nothing(
        db,
        f"SELECT count(*) FROM card_account WHERE status = 'active' "
        f"AND expires_on < '{(END - timedelta(days=1)).isoformat()}'",
    )


def test_sales_add_up_and_are_paid(db: sqlite3.Connection) -> None:
    nothing(
        db,
        """SELECT count(*) FROM pos_sale s LEFT JOIN (
        SELECT sale_id, sum(amount_fen) paid FROM pos_payment GROUP BY sale_id) p
        ON p.sale_id = s.id WHERE coalesce(p.paid, 0) != s.total_fen""",
    )
    nothing(
        db,
        """SELECT count(*) FROM pos_sale s JOIN (
        SELECT sale_id, sum(net_fen) net, sum(gross_fen) gross, sum(member_discount_fen) md
        FROM pos_sale_line GROUP BY sale_id) l ON l.sale_id = s.id
        WHERE l.net != s.total_fen OR l.gross != s.subtotal_fen
           OR l.md != s.member_discount_fen""",
    )
    nothing(db, "SELECT count(*) FROM pos_sale WHERE id NOT IN (SELECT sale_id FROM pos_sale_line)")
    nothing(
        db,
        """SELECT count(*) FROM pos_sale s WHERE s.change_fen != s.received_fen -
        (SELECT coalesce(sum(amount_fen), 0) FROM pos_payment WHERE sale_id = s.id)""",
    )
    # stored value paid equals what the cards lost in that sale
    nothing(
        db,
        """SELECT count(*) FROM pos_payment p JOIN pos_sale s ON s.id = p.sale_id
        WHERE p.tender = 'stored_value' AND p.amount_fen != -(SELECT sum(l.principal_fen +
        l.bonus_fen) FROM card_ledger l JOIN card_account a ON a.id = l.account_id
        WHERE l.sale_ref = s.number AND a.number = p.reference AND l.kind = 'use')""",
    )
    # each completed booking was paid by the sale it names
    nothing(
        db,
        """SELECT count(*) FROM booking b WHERE b.status = 'completed' AND NOT
        EXISTS (SELECT 1 FROM pos_sale s WHERE s.number = b.sale_ref AND s.at = b.paid_at)""",
    )
    # the Z report of each day holds that day's figures; the cash expected is the float + cash
    nothing(
        db,
        """SELECT count(*) FROM pos_z_report z WHERE
        json_extract(z.figures, '$.takings') !=
        (SELECT coalesce(sum(total_fen), 0) FROM pos_sale WHERE day = z.day)
        OR z.expected_fen != 50000 + (SELECT coalesce(sum(p.amount_fen), 0) FROM pos_payment p
        JOIN pos_sale s ON s.id = p.sale_id WHERE s.day = z.day AND p.tender = 'cash')""",
    )
    nothing(
        db,
        "SELECT count(*) FROM pos_sale s WHERE NOT EXISTS (SELECT 1 FROM "
        "pos_till_open t WHERE t.day = s.day AND t.at < s.at)",
    )


def test_no_beautician_is_double_booked_and_all_work_in_their_shift(
    db: sqlite3.Connection,
) -> None:
    busy = "('booked', 'arrived', 'in_service', 'completed')"
    nothing(
        db,
        f"""SELECT count(*) FROM booking a JOIN booking b
        ON a.staff_id = b.staff_id AND a.day = b.day AND a.id < b.id
        WHERE a.status IN {busy} AND b.status IN {busy}
        AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at""",
    )
    nothing(
        db,
        f"""SELECT count(*) FROM booking b LEFT JOIN roster_shift r
        ON r.staff_id = b.staff_id AND r.day = b.day
        WHERE b.status IN {busy} AND (r.id IS NULL OR r.day_off = 1
        OR b.starts_at < r.starts_at OR b.ends_at > r.ends_at)""",
    )
    nothing(
        db,
        """SELECT count(*) FROM booking b JOIN booking_item i ON i.booking_id = b.id
        JOIN service_item_staff q ON q.service_id = i.service_id
        WHERE NOT EXISTS (SELECT 1 FROM service_item_staff k
        WHERE k.service_id = i.service_id AND k.staff_id = b.staff_id)""",
    )
    # the same guest never holds two bookings at once
    nothing(
        db,
        f"""SELECT count(*) FROM booking a JOIN booking b
        ON a.guest_phone = b.guest_phone AND a.day = b.day AND a.id < b.id
        WHERE a.status IN {busy} AND b.status IN {busy}
        AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at""",
    )


def test_stock_never_below_zero_on_display(db: sqlite3.Connection) -> None:
    nothing(
        db,
        """SELECT count(*) FROM (SELECT product_id, location, sum(qty) q
        FROM stock_movement GROUP BY product_id, location) WHERE q < 0""",
    )
    assert one(
        db,
        "SELECT count(*) FROM stock_movement m JOIN pos_sale s ON s.number = m.ref "
        "WHERE m.reason = 'sold'",
    ) == one(db, "SELECT sum(qty > 0) FROM pos_sale_line WHERE kind = 'product'")


def test_stock_balances_are_the_sums_of_the_movements(db: sqlite3.Connection) -> None:
    sums = db.execute(
        "SELECT product_id, location, sum(qty) FROM stock_movement GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    assert sums
    assert db.execute("SELECT * FROM stock_balance ORDER BY 1, 2").fetchall() == sums


def test_members_phones_keys_and_numbers(db: sqlite3.Connection) -> None:
    mobile = re.compile(r"^1[3-9][0-9]{9}$")
    rows = db.execute("SELECT id, name, phone, number FROM member").fetchall()
    assert all(mobile.match(phone) for _, _, phone, _ in rows)
    assert len({phone for _, _, phone, _ in rows}) == len(rows)
    keys: dict[int, set[str]] = {}
    for member_id, key in db.execute("SELECT member_id, key FROM member_search_key"):
        keys.setdefault(member_id, set()).add(key)
    for member_id, name, phone, number in rows:
        assert keys[member_id] == search_keys(name=name, phone=phone, number=number)
    assert one(db, "SELECT last FROM doc_counter WHERE kind = 'member'") == len(rows)


def test_document_numbers_are_gap_free_with_their_counters(db: sqlite3.Connection) -> None:
    for table, kind in (
        ("pos_sale", "receipt"),
        ("booking", "booking"),
        ("card_account", "card"),
        ("pos_z_report", "z"),
    ):
        per_day: dict[str, list[int]] = {}
        for (number,) in db.execute(f"SELECT number FROM {table}"):
            stamp, n = number.split("-")
            per_day.setdefault(stamp, []).append(int(n))
        counters = {
            day.replace("-", ""): last
            for day, last in db.execute("SELECT day, last FROM doc_counter WHERE kind = ?", (kind,))
        }
        assert counters == {d: len(ns) for d, ns in per_day.items()}
        assert all(sorted(ns) == list(range(1, len(ns) + 1)) for ns in per_day.values())


def test_same_seed_same_data(tmp_path: Path) -> None:
    a = build(tmp_path / "a.sqlite3", seed=3, scale=0.002).path
    b = build(tmp_path / "b.sqlite3", seed=3, scale=0.002).path
    c = build(tmp_path / "c.sqlite3", seed=4, scale=0.002).path

    def digest(path: Path) -> str:
        con = sqlite3.connect(path)
        h = hashlib.sha256()
        for table in ("member", "booking", "pos_sale", "pos_sale_line", "card_ledger"):
            for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"):
                h.update(repr(row).encode())
        con.close()
        return h.hexdigest()

    assert digest(a) == digest(b) != digest(c)


@pytest.fixture
def app_core(built: Path, tmp_path: Path) -> Iterator[Core]:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(built, copy)
    clock = FixedClock(datetime(END.year, END.month, END.day, 3, 0, tzinfo=UTC))
    core = Core.open(f"sqlite:///{copy}", clock=clock, local_settings=tmp_path / "local.json")
    yield core
    core.close()


def test_the_services_work_on_it(app_core: Core) -> None:
    core = app_core
    assert verify(core.db) == []
    owner = core.auth.sign_in("8888", "8888")
    members = MemberService(core)
    con = sqlite3.connect(core.db.engine.url.database or "")
    name, phone = con.execute("SELECT name, phone FROM member WHERE id = 42").fetchone()
    service_id, service_name, price = con.execute(
        "SELECT id, name_zh, price_fen FROM service_item ORDER BY id LIMIT 1"
    ).fetchone()
    con.close()
    assert [m.phone for m in members.search(phone[-4:])].count(phone) == 1
    found = members.search(name)
    assert any(m.phone == phone for m in found)
    assert all(m.created_at.tzinfo is not None for m in found)

    yesterday = END - timedelta(days=1)
    report = ReportService(core).daily(owner, yesterday)
    assert report.register.sales > 0

    till = TillService(core)
    till.open_day(owner, {10000: 5})
    member = members.search(phone)[0]
    ticket = Ticket()
    ticket.attach_member(MemberRef(member.id, member.name, member.tier_name, member.tier_bp))
    ticket.add("service", service_id, service_name, Money(price))
    due = ticket.priced().total
    sale = CheckoutService(core).pay(owner, ticket, [Tender("cash", due)], "bench-check-0001")
    assert sale.total == due
    assert sale.number == f"{END:%Y%m%d}-0001"


def test_a_cached_database_of_another_schema_is_never_opened(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening upgrades: a cached file named for an older schema would be changed in place
    under its old name, which other checkouts still trust."""
    from bench.app_core import open_core
    from bench.datagen import schema_tag

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("SALON_BENCH_DATA", str(cache))
    older = cache / "salon-s7-x0.002-v2-0badcafe.sqlite3"
    shutil.copyfile(built, older)
    before = hashlib.sha256(older.read_bytes()).hexdigest()
    with pytest.raises(SystemExit, match="another schema"):
        open_core(older)
    assert hashlib.sha256(older.read_bytes()).hexdigest() == before
    for fine in (cache / f"salon-s7-x0.002-v2-{schema_tag()}.sqlite3", tmp_path / "copy.sqlite3"):
        shutil.copyfile(built, fine)
        open_core(fine).close()
