"""Peak memory of the app with the big database open, against the bare window.

The app starts in a fresh process as in bench/startup.py, signs in as the owner and opens
every tab in turn; after the first paint, after signing in and after each tab it reads its
own RSS high-water mark (``VmHWM``; ``resource.getrusage`` where there is no /proc). The
floor is the bare PySide6 window with the same tab bar, its high-water mark read at exit.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m bench.memory [--quick] [--db FILE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench.harness import Figure, Report, Timing
from bench.startup import new_database, start_app, start_bare, working_copy


def _mib(kib: float) -> float:
    return kib / 1024


def run(db: Path, report: Report, *, quick: bool) -> None:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        copy = working_copy(db, Path(tmp))
        new = new_database(Path(tmp))
        starts = [start_app(copy, tabs=True) for _ in range(repeat)]
        fresh = [start_app(new, tabs=True) for _ in range(repeat)]
    bare = Timing(tuple(_mib(start_bare(memory=True).maxrss_kib) for _ in range(repeat)))
    stages = list(starts[0].rss_kib)

    def at(stage: str) -> Timing:
        return Timing(tuple(_mib(s.rss_kib[stage]) for s in starts))

    report.add(
        Figure(
            "memory: sign-in screen, database open (RSS peak)",
            at("first paint"),
            bare,
            unit="MiB",
            note="floor: the bare window with the same tab bar, RSS peak at exit (VmHWM)",
        )
    )
    report.add(Figure("memory: signed in, first tab (RSS peak)", at("signed in"), bare, unit="MiB"))
    last = stages[-1]
    opened = ", ".join(
        f"{key} {statistics.median(_mib(s.rss_kib[key]) for s in starts):.0f}" for key in stages[2:]
    )
    report.add(
        Figure(
            "memory: every tab opened (RSS peak)",
            at(last),
            bare,
            unit="MiB",
            note=f"MiB after opening each tab in turn: {opened}",
        )
    )
    report.add(
        Figure(
            "memory: every tab opened, big vs new database",
            at(last),
            Timing(tuple(_mib(s.rss_kib[last]) for s in fresh)),
            unit="MiB",
            note="floor: the same on a new shop's database: the ratio is what the data costs",
        )
    )


if __name__ == "__main__":
    from bench.__main__ import main

    raise SystemExit(main(["--only", "memory", *sys.argv[1:]]))
