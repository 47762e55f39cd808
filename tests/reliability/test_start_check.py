"""Start-up checks a big SQLite file in part (the schema and the tables opening reads), a
small one whole; either way a damaged file is refused before anything is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from salon_desk.core import db as db_module
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import quick_check, start_check
from salon_desk.core.errors import CorruptDatabase


def _shop(path: Path, clock: FixedClock) -> None:
    core = Core.open(f"sqlite:///{path}", clock=clock)
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    with core.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    core.close()


def _page_of(path: Path, table: str) -> int:
    import sqlite3

    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    return int(root)


def _scribble(path: Path, page_no: int) -> None:
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big") or 65536
    start = (page_no - 1) * size
    data[start : start + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


def test_a_sound_file_passes_both_checks(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "salon.sqlite3"
    _shop(path, clock)
    assert quick_check(path) is None
    assert quick_check(path, tables=db_module.START_TABLES) is None


@pytest.mark.parametrize("table", ["staff", "setting", "alembic_version"])
def test_a_big_file_damaged_where_opening_reads_is_refused(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    path = tmp_path / "salon.sqlite3"
    _shop(path, clock)
    _scribble(path, _page_of(path, table))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(db_module, "FULL_CHECK_BYTES", 0)  # as if the file were big
    assert start_check(path)
    with pytest.raises(CorruptDatabase):
        Core.open(f"sqlite:///{path}", clock=clock)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_big_file_is_checked_only_in_part(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage in a table opening does not read is left to the daily verified backup."""
    path = tmp_path / "salon.sqlite3"
    _shop(path, clock)
    _scribble(path, _page_of(path, "pos_sale"))
    assert quick_check(path)  # the whole-file check sees it
    monkeypatch.setattr(db_module, "FULL_CHECK_BYTES", 0)
    assert start_check(path) is None


def test_the_version_table_heads_are_read_from_the_files(tmp_path: Path, clock: FixedClock) -> None:
    from salon_desk.core.migrate import current_heads, file_heads, version_rows

    path = tmp_path / "salon.sqlite3"
    core = Core.open(f"sqlite:///{path}", clock=clock)
    try:
        assert file_heads() == version_rows(core.db) == current_heads(core.db)
    finally:
        core.close()


def test_opening_an_up_to_date_database_does_not_load_alembic(
    tmp_path: Path, clock: FixedClock
) -> None:
    import subprocess
    import sys

    path = tmp_path / "salon.sqlite3"
    _shop(path, clock)
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys\n"
        "from salon_desk.core.context import Core\n"
        f"Core.open({f'sqlite:///{path}'!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
