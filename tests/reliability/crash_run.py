"""The long crash run, on demand:

    PYTHONPATH=.:tests/reliability python tests/reliability/crash_run.py \
        --ops 3000 --kills 300 [--db postgresql+psycopg://...] [--seed 7] [--dir /tmp/crash]

It builds the shop in a new SQLite file (or an empty, migrated PostgreSQL database given
with ``--db``), runs the driver under random SIGKILLs, checks the result and prints what it
found; the exit status is 1 when anything is wrong. The suite runs a short version
(``tests/reliability/test_crash_checkout.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from crash_checks import problems
from crash_driver import read_journal, run
from crash_shop import START, build

from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.migrate import upgrade


def crash_run(url: str, folder: Path, *, ops: int, kills: int, seed: int) -> int:
    db = Database.open(url)
    upgrade(db)
    core = Core.build(db, clock=FixedClock(START), local_settings=folder / "local.json")
    shop = build(core, ops)
    core.close()
    journal = folder / "journal.txt"
    began = time.monotonic()
    result = run(url, journal, shop, seed=seed, ops=ops, kills=kills, local=folder / "local.json")
    seconds = time.monotonic() - began
    state = read_journal(journal)
    core = Core.build(Database.open(url), clock=FixedClock(START), local_settings=folder / "l.json")
    found = problems(core, shop, state, seed)
    core.close()
    kinds = {"sale": 0, "card": 0, "booking": 0}
    from crash_shop import plan

    for i in state.committed:
        kinds[plan(shop, seed, i).kind] += 1
    print(
        f"{ops} operations in {seconds:.1f} s, {result.kills} kills, {result.starts} starts; "
        f"committed {len(state.committed)} ({kinds}), refused {len(state.refused)}; "
        f"retried after a kill {len(state.retried)}, of which already committed "
        f"{len(state.replayed)}"
    )
    for p in found:
        print("PROBLEM:", p)
    print("clean" if not found else f"{len(found)} problems")
    return 1 if found else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ops", type=int, default=3000)
    ap.add_argument("--kills", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="an empty PostgreSQL database (default: a new SQLite file)")
    ap.add_argument("--dir", type=Path, help="where the database file and journal go")
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="salon-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = args.db or f"sqlite:///{folder / 'salon.sqlite3'}"
    print(f"database {url}, journal {folder / 'journal.txt'}")
    return crash_run(url, folder, ops=args.ops, kills=args.kills, seed=args.seed)


if __name__ == "__main__":
    sys.exit(main())
