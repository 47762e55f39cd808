"""A full disk, a read-only database and a damaged file never lose or half-save data."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from salon_desk.core import audit
from salon_desk.core.auth import Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.errors import CorruptDatabase, Unavailable
from salon_desk.core.i18n import error_text
from salon_desk.core.models import AuditEntry, Staff


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Staff)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_disk_full_rolls_back_whole_and_the_same_action_succeeds_later(
    db_url: str, clock: FixedClock
) -> None:
    core = Core.open(db_url, clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    full = {"on": False}

    def limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if full["on"]:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(core.db.engine, "connect", limit)
    core.db.engine.dispose()
    full["on"] = True
    error = None
    for i in range(2000):  # fill the last free pages, then hit the wall
        before = _counts(core.db)
        try:
            core.auth.create_staff(
                owner, name="员工" + "长" * 30, number=f"{i}", pin="1234", role=Role.COUNTER
            )
        except Unavailable as exc:
            error = exc
            break
    assert error is not None, "the database never filled up"
    assert "磁盘已满" in error_text(error)
    assert _counts(core.db) == before  # neither the staff row nor its audit entry
    assert audit.verify(core.db) == []
    full["on"] = False
    core.db.engine.dispose()  # space is back
    core.auth.create_staff(
        owner, name="员工" + "长" * 30, number=f"{i}", pin="1234", role=Role.COUNTER
    )
    assert _counts(core.db) == (before[0] + 1, before[1] + 1)
    core.close()


def test_read_only_database_refuses_writes_with_a_clear_message(
    db_url: str, clock: FixedClock
) -> None:
    core = Core.open(db_url, clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    path = core.db.sqlite_path
    core.close()
    ro = Core.open(f"sqlite:///file:{path}?mode=ro&uri=true", clock=clock, upgrade=False)
    assert ro.auth.sign_in("8888", "8888").name == "王店长"  # reading still works
    with pytest.raises(Unavailable) as caught:
        ro.settings.set(owner, "shop.name", "新店名")
    assert "只读" in error_text(caught.value)
    assert ro.settings.get("shop.name") != "新店名"
    ro.close()


def _corrupt_header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"this is not sqlite at all")


def _truncate(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2 + 100)


def _scribble_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for n in range(1, len(data) // page):
        start = n * page
        data[start : start + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage", [_corrupt_header, _truncate, _scribble_pages], ids=["header", "truncated", "pages"]
)
def test_a_damaged_file_is_refused_and_left_untouched(
    db_url: str, clock: FixedClock, damage
) -> None:  # type: ignore[no-untyped-def]
    core = Core.open(db_url, clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    for i in range(40):
        core.auth.create_staff(
            owner, name=f"员工{i}", number=f"{100 + i}", pin="1234", role=Role.COUNTER
        )
    path = core.db.sqlite_path
    assert path is not None
    with core.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    core.close()
    damage(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises((CorruptDatabase, Unavailable)) as caught:
        Core.open(f"sqlite:///{path}", clock=clock)
    assert "损坏" in error_text(caught.value) or "无法打开" in error_text(caught.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not list(path.parent.glob("*.before-upgrade-*"))


def test_a_copy_is_made_before_pending_migrations(tmp_path: Path, clock: FixedClock) -> None:
    from alembic import command

    from salon_desk.core.migrate import alembic_config

    old = tmp_path / "salon.sqlite3"
    db = Database.open(f"sqlite:///{old}")
    command.upgrade(alembic_config(db), "core_0001")  # a database from the first release
    Core.build(db, clock=clock).auth.create_owner(name="王店长", number="8888", pin="8888")
    db.dispose()
    core = Core.open(f"sqlite:///{old}", clock=clock)
    assert core.backup_made is not None
    assert core.backup_made.name.startswith("salon.before-upgrade-")
    with sqlite3.connect(core.backup_made) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("core_0001",)
        ]
        assert copy.execute("SELECT name FROM staff").fetchall() == [("王店长",)]
    assert core.auth.sign_in("8888", "8888").name == "王店长"
    core.close()
