"""Backups are verified before they count, rotated, and restore puts the data back."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from salon_desk.core import db as db_module
from salon_desk.core.auth import Role
from salon_desk.core.backups import (
    BackupCancelled,
    backup_due,
    list_backups,
    make_backup,
    newest_verified,
    restore,
    verify,
)
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, Unavailable


@pytest.fixture
def opened(db_url: str, clock: FixedClock) -> Core:
    core = Core.open(db_url, clock=clock)
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    return core


def test_backup_is_verified_rotated_and_due_daily(
    opened: Core, clock: FixedClock, tmp_path: Path
) -> None:
    folder = tmp_path / "usb" / "backups"
    assert backup_due(folder, clock)
    made = []
    for _ in range(5):
        made.append(make_backup(opened.db, folder, clock, keep=3))
        clock.advance(hours=7)
    kept = list_backups(folder)
    assert [b.path for b in kept] == [b.path for b in reversed(made[-3:])]
    assert all(verify(b.path) is None for b in kept)
    assert not backup_due(folder, clock)
    clock.advance(days=1)
    assert backup_due(folder, clock)
    assert not list(folder.glob("*.partial"))


def test_restore_brings_back_the_data_and_keeps_the_replaced_file(
    opened: Core, clock: FixedClock, tmp_path: Path
) -> None:
    owner = opened.auth.sign_in("8888", "8888")
    backup = make_backup(opened.db, tmp_path / "b", clock)
    opened.auth.create_staff(owner, name="后来的人", number="200", pin="1234", role=Role.COUNTER)
    path = opened.db.sqlite_path
    assert path is not None
    opened.close()
    clock.advance(minutes=5)
    kept = restore(backup.path, path, clock)
    assert kept.exists()
    again = Core.open(f"sqlite:///{path}", clock=clock)
    assert [s.name for s in again.auth.list_staff()] == ["王店长"]
    again.close()


def test_damaged_backups_are_skipped_and_refused(
    opened: Core, clock: FixedClock, tmp_path: Path
) -> None:
    folder = tmp_path / "b"
    good = make_backup(opened.db, folder, clock)
    clock.advance(hours=1)
    bad = make_backup(opened.db, folder, clock)
    bad.path.write_bytes(b"garbage" * 100)
    assert newest_verified(folder) == good
    with pytest.raises(Invalid):
        restore(bad.path, tmp_path / "target.sqlite3", clock)
    assert not (tmp_path / "target.sqlite3").exists()


def test_backup_to_a_folder_that_cannot_be_written(
    opened: Core, clock: FixedClock, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(Unavailable):
        make_backup(opened.db, blocker / "sub", clock)


def test_postgresql_users_are_pointed_to_pg_dump(
    core: Core, clock: FixedClock, tmp_path: Path
) -> None:
    if core.db.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(Unavailable, match="pg_dump"):
        make_backup(core.db, tmp_path, clock)


def test_a_stopped_backup_leaves_nothing_that_could_pass_for_one(
    opened: Core, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BACKUP_STEP_PAGES", 1)
    folder = tmp_path / "b"
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(copied: int, total: int) -> None:
        seen.append((copied, total))
        assert (folder / "salon-20261128-020000.partial").exists()
        stop.set()  # the app is closing

    with pytest.raises(BackupCancelled):
        make_backup(opened.db, folder, clock, stop=stop, progress=progress)
    assert seen and seen[0][0] < seen[0][1]  # stopped part-way
    assert list(folder.iterdir()) == []
    stop.clear()
    made = make_backup(opened.db, folder, clock, stop=stop)
    assert verify(made.path) is None


def test_leftovers_of_a_backup_cut_short_are_deleted(
    opened: Core, clock: FixedClock, tmp_path: Path
) -> None:
    """An unfinished copy from a backup cut short goes; one that another counter sharing
    the folder is writing right now (touched lately) stays."""
    folder = tmp_path / "b"
    folder.mkdir()
    cut_short = folder / "salon-20261127-020000.partial"
    cut_short.write_bytes(b"SQLite format 3\0" + b"\0" * 500)
    an_hour_ago = time.time() - 3600
    os.utime(cut_short, (an_hour_ago, an_hour_ago))
    being_written = folder / "salon-20261128-015959.partial"
    being_written.write_bytes(b"SQLite format 3\0")
    made = make_backup(opened.db, folder, clock)
    assert sorted(p.name for p in folder.iterdir()) == [being_written.name, made.path.name]
    assert [b.path for b in list_backups(folder)] == [made.path]


def test_sales_written_during_the_copy_neither_restart_it_nor_tear_it(
    opened: Core, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is made in steps from one snapshot: another connection writing between
    the steps (a sale at another counter) does not restart it, and it holds either all
    of a write or none of it."""
    monkeypatch.setattr(db_module, "BACKUP_STEP_PAGES", 1)
    path = opened.db.sqlite_path
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    other.execute("INSERT INTO tally (n) VALUES (0), (0)")
    copied: list[int] = []

    def progress(done: int, total: int) -> None:
        copied.append(done)
        with other:  # one write: both rows change together
            other.execute("UPDATE tally SET n = n + 1")

    made = make_backup(opened.db, tmp_path / "b", clock, progress=progress)
    other.close()
    assert len(copied) > 10 and copied == sorted(copied)  # never went back to the start
    assert verify(made.path) is None
    back = sqlite3.connect(made.path)
    assert back.execute("SELECT n FROM tally").fetchall() == [(0,), (0,)]
    back.close()
