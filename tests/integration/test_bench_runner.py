"""``python -m bench --quick`` runs every benchmark on a tiny database and prints one
markdown table with a row for every figure (the timings themselves are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import BENCHES
from bench.checkout_replay import NAME as CHECKOUT_STATEMENTS

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


CHECKOUT = "checkout commit: 3 lines, 2 payments, stored-value card"


def quick_run(tmp_path: Path, *args: str) -> list[str]:
    """The lines ``python -m bench --quick`` prints, on a tiny database of its own."""
    env = dict(os.environ, SALON_BENCH_DATA=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--scale", "0.002", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split(" | ")]


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    lines = quick_run(tmp_path)
    assert lines[0].startswith("| figure | median | p95 | floor median | ratio | target |")
    rows = [line for line in lines[2:] if line.startswith("| ")]
    names = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    assert len(rows) >= len(BENCHES)
    assert not [n for n in names if "FAILED" in n]
    for figure in (
        "start-up: launch → main window painted, big database",
        "start-up: launch → sign-in screen painted, big vs new database",
        "start-up: sign-in → workspace painted, big vs new database",
        "memory: sign-in screen, database open (RSS peak)",
        "memory: signed in, first tab (RSS peak)",
        "memory: every tab opened (RSS peak)",
        "memory: every tab opened, big vs new database",
        CHECKOUT,
        CHECKOUT_STATEMENTS,
    ):
        assert figure in names
    for row in rows:  # every timing row has a median
        assert row.split(" | ")[1].strip(), row
    assert list(tmp_path.glob("salon-s1-x0.002-v*-*.sqlite3"))


def test_checkout_is_set_against_its_inserts_and_against_all_its_statements(
    tmp_path: Path,
) -> None:
    """Two floors: the inserts of the rows a payment writes (the target is set against it)
    and every statement it sends, reads and updates included (no target)."""
    lines = quick_run(tmp_path, "--only", "checkout")
    rows = {cells(line)[0]: cells(line) for line in lines[2:] if line.startswith("| ")}
    assert set(rows) == {CHECKOUT, CHECKOUT_STATEMENTS}
    inserts, statements = rows[CHECKOUT], rows[CHECKOUT_STATEMENTS]
    assert inserts[5] == "≤ 3.0×"
    assert statements[5] == "" and statements[6] == ""  # no target, no verdict
    for row in (inserts, statements):
        assert row[1].endswith(" ms") and row[3].endswith(" ms") and row[4].endswith("×"), row
    notes = [line for line in lines if line.startswith(f"- {CHECKOUT_STATEMENTS}: ")]
    assert len(notes) == 1
    assert "SELECT" in notes[0] and "UPDATE" in notes[0] and "upsert" in notes[0]


def test_each_report_is_also_drawn_from_figures_already_built(tmp_path: Path) -> None:
    """The whole report (queries, layout, PDF) carries the target; the same report drawn
    from its built figures, against the same bare tables, shows what the page costs; the
    whole report against its statements replayed raw and the bare tables, what our code
    adds to the reading."""
    lines = quick_run(tmp_path, "--only", "reports")
    rows = [cells(line) for line in lines[2:] if line.startswith("| ")]
    names = [r[0] for r in rows]
    assert len(rows) == 6, names
    whole = [r for r in rows if r[0].startswith(("daily report:", "month report:"))]
    drawn = [r for r in rows if ", PDF of built figures:" in r[0]]
    read = [r for r in rows if ", against the same statements raw:" in r[0]]
    assert len(whole) == 2 and len(drawn) == 2 and len(read) == 2
    assert all(r[5] == "≤ 1.5×" for r in whole)
    assert all(r[5] == "" and r[4].endswith("×") for r in drawn + read)
    for w, d, r in zip(whole, drawn, read, strict=True):  # the same day and month
        assert w[0].partition(":")[2] == d[0].partition(":")[2] == r[0].partition(":")[2]
    notes = [line for line in lines if line.startswith("- daily report, against")]
    assert len(notes) == 1 and " statements its build sent" in notes[0]
