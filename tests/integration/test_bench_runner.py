"""``python -m bench --quick`` runs every benchmark on a tiny database and prints one
markdown table with a row for every figure (the timings themselves are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import BENCHES

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    env = dict(os.environ, SALON_BENCH_DATA=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--scale", "0.002"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
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
    ):
        assert figure in names
    for row in rows:  # every timing row has a median
        assert row.split(" | ")[1].strip(), row
    assert list(tmp_path.glob("salon-s1-x0.002-v*-*.sqlite3"))
