"""Power cut at the counter: a driver process takes payments (plain sales and members'
card uses through the checkout) and bookings while its parent kills it with SIGKILL at
random moments about twenty times and starts it again; each start retries the unfinished
operation with the same idempotency key. Afterwards the SQLite file is sound and every
sale is whole and counted once (``crash_checks.problems``). The long run is
``tests/reliability/crash_run.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from crash_checks import problems
from crash_driver import read_journal, run
from crash_shop import START, build
from sqlalchemy import text

from salon_desk.core import auth as core_auth
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database

SEED = 11
OPS = 120
KILLS = 20


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple:
    folder = tmp_path_factory.mktemp("crash")
    target = folder / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    url = f"sqlite:///{target}"
    core = Core.build(Database.open(url), clock=FixedClock(START), local_settings=folder / "l.json")
    n = core_auth._N
    core_auth._N = 2**4  # the staff here never sign in; their PINs need not be slow to hash
    try:
        shop = build(core, OPS)
    finally:
        core_auth._N = n
    core.close()
    journal = folder / "journal.txt"
    result = run(url, journal, shop, seed=SEED, ops=OPS, kills=KILLS, max_life=0.06,
                 local=folder / "l.json")  # fmt: skip
    return url, folder, shop, result, journal


def test_killed_twenty_times_every_sale_is_whole_and_counted_once(crashed: tuple) -> None:
    url, folder, shop, result, journal = crashed
    assert result.kills == KILLS
    state = read_journal(journal)
    assert len(state.committed) + len(state.refused) == OPS
    assert state.retried, "no kill landed inside an operation"
    core = Core.build(Database.open(url), clock=FixedClock(START), local_settings=folder / "l.json")
    try:
        assert problems(core, shop, state, SEED) == []
    finally:
        core.close()


def test_the_checks_see_a_damaged_sale(crashed: tuple, tmp_path: Path) -> None:
    """The same checks on a copy with one payment and one stock movement removed."""
    _, folder, shop, _, journal = crashed
    copy = tmp_path / "damaged.sqlite3"
    shutil.copyfile(folder / "salon.sqlite3", copy)
    core = Core.build(
        Database.open(f"sqlite:///{copy}"), clock=FixedClock(START), local_settings=tmp_path / "l"
    )
    try:
        with core.db.tx() as s:
            s.execute(text("DELETE FROM pos_payment WHERE id = (SELECT MAX(id) FROM pos_payment)"))
            s.execute(
                text(
                    "DELETE FROM stock_movement WHERE id = "
                    "(SELECT MAX(id) FROM stock_movement WHERE reason = 'sold')"
                )
            )
        found = problems(core, shop, read_journal(journal), SEED)
    finally:
        core.close()
    assert any("paid" in p for p in found), found
    assert any("left the shelf" in p for p in found), found
    assert any("stock balance" in p for p in found), found
