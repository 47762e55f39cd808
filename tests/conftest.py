"""Shared fixtures: a migrated database per test (SQLite always; PostgreSQL too when
``SALON_DESK_TEST_PG`` names a server), a frozen clock, and staff to act as."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.i18n import set_language
from salon_desk.core.migrate import upgrade

SHOP_TZ = ZoneInfo("Asia/Shanghai")
PG_URL = os.environ.get("SALON_DESK_TEST_PG")
BACKENDS = ["sqlite", "pg"]


@pytest.fixture(autouse=True)
def _chinese_default() -> Iterator[None]:
    set_language("zh_CN")
    yield
    set_language("zh_CN")


@pytest.fixture
def clock() -> FixedClock:
    """10:00 in Shanghai on Saturday 28 November 2026."""
    return FixedClock(datetime(2026, 11, 28, 10, 0, tzinfo=SHOP_TZ))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database | None]:
    if not PG_URL:
        yield None
        return
    db = Database.open(PG_URL)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    upgrade(db)
    yield db
    db.dispose()


def _truncate_pg(db: Database) -> None:
    from salon_desk.core.db import Base
    from salon_desk.features import load_models

    load_models()
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        conn.exec_driver_sql(
            "INSERT INTO audit_head (id, last_hash, count) VALUES (1, repeat('0', 64), 0)"
        )


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A SQLite file copied from a migrated template."""
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(params=BACKENDS)
def core(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    pg_database: Database | None,
    clock: FixedClock,
) -> Iterator[Core]:
    """Core services on a fresh database: once on SQLite, once on PostgreSQL."""
    if request.param == "pg":
        if pg_database is None:
            pytest.skip("SALON_DESK_TEST_PG is not set")
        _truncate_pg(pg_database)
        c = Core.build(pg_database, clock=clock, local_settings=tmp_path / "local.json")
        yield c
        return
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    c = Core.build(
        Database.open(f"sqlite:///{target}"), clock=clock, local_settings=tmp_path / "local.json"
    )
    yield c
    c.close()


@pytest.fixture
def sqlite_core(tmp_path: Path, sqlite_template: Path, clock: FixedClock) -> Iterator[Core]:
    """Core services on SQLite only (for GUI tests and SQLite-specific behaviour)."""
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    c = Core.build(
        Database.open(f"sqlite:///{target}"), clock=clock, local_settings=tmp_path / "local.json"
    )
    yield c
    c.close()


def _staff(core: Core, owner: Actor, name: str, number: str, role: Role) -> Actor:
    row = core.auth.create_staff(owner, name=name, number=number, pin="1234", role=role)
    return Actor(row.id, row.number, row.name, row.role)


@pytest.fixture
def owner(core: Core) -> Actor:
    return core.auth.create_owner(name="王店长", number="8888", pin="8888")


@pytest.fixture
def manager(core: Core, owner: Actor) -> Actor:
    return _staff(core, owner, "李经理", "9001", Role.MANAGER)


@pytest.fixture
def counter(core: Core, owner: Actor) -> Actor:
    return _staff(core, owner, "小陈", "101", Role.COUNTER)
