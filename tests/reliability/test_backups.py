"""Backups are verified before they count, rotated, and restore puts the data back."""

from __future__ import annotations

from pathlib import Path

import pytest

from salon_desk.core.auth import Role
from salon_desk.core.backups import (
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
