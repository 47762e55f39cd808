"""Run every benchmark and print one markdown table.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m bench            # the big database
    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m bench --quick    # a smoke run

A benchmark is a module listed in ``BENCHES`` with a function
``run(db: Path, report: Report, *, quick: bool) -> None`` that adds its figures to the
report (``report.add(Figure(...))``). ``db`` is the generated SQLite database of a large
salon (``bench.datagen``); a module that changes data works on its own copy of it. With
``quick`` the database is small (``--scale``, 0.01 by default) and the repeats few: for
checking that every benchmark runs, not for its numbers.

Options: ``--db FILE`` uses that database instead of the cached one, ``--scale F`` the
size of the generated one, ``--only NAME`` (repeatable) runs some modules only.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.harness import Figure, Report

#: Module names under ``bench``, in the order the table shows them.
BENCHES = [
    "startup",
    "search",
    "checkout",
    "day_view",
    "call_suggestions",
    "reports",
    "receipt",
    "memory",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small database, few repeats")
    parser.add_argument("--db", type=Path, help="an existing benchmark database")
    parser.add_argument("--scale", type=float, help="size of the generated database (1 = full)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", action="append", choices=BENCHES, help="run only this one")
    args = parser.parse_args(argv)
    from bench import datagen

    scale = args.scale if args.scale is not None else (0.01 if args.quick else 1.0)
    started = time.perf_counter()
    db = args.db or datagen.ensure(scale=scale, seed=args.seed)
    print(f"database: {db} ({time.perf_counter() - started:.1f} s to get)", file=sys.stderr)
    report = Report()
    failed = 0
    for name in args.only or BENCHES:
        module = importlib.import_module(f"bench.{name}")
        print(f"-- {name}", file=sys.stderr, flush=True)
        try:
            with contextlib.redirect_stdout(sys.stderr):  # rows as they come, on stderr
                module.run(db, report, quick=args.quick)
        except Exception as exc:
            failed += 1
            traceback.print_exc()
            report.figures.append(Figure(f"{name}: FAILED", None, None, note=repr(exc)[:300]))
    print(report.markdown())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
