"""Migrations: the migrated schema is exactly the models, on SQLite and PostgreSQL, and a
database made by the first migration upgrades to the newest with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from salon_desk.core import audit
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Base, Database
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import error_text
from salon_desk.core.migrate import pending, upgrade
from salon_desk.features import load_models

OLD = Path(__file__).resolve().parents[1] / "data" / "core_0001.sqlite3"


def schema_differences(db: Database) -> list[Any]:
    load_models()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_the_migrated_schema_equals_the_models(core: Core) -> None:
    assert not pending(core.db)
    assert schema_differences(core.db) == []


def test_upgrading_an_empty_database_twice_is_harmless(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert upgrade(db) is None  # a new file needs no backup
    assert not pending(db)  # every head applied (a depends_on absorbs the head it names)
    assert upgrade(db) is None
    db.dispose()


def rows_of(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY 1').fetchall()
            found[table] = (columns, rows)
        return found
    finally:
        conn.close()


def test_a_database_from_the_first_migration_upgrades_with_nothing_lost(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "salon.sqlite3"
    shutil.copyfile(OLD, path)
    before = rows_of(path)
    assert before["alembic_version"][1] == [("core_0001",)]
    assert len(before["staff"][1]) == 6 and len(before["audit_log"][1]) > 10

    core = Core.open(f"sqlite:///{path}", clock=clock, local_settings=tmp_path / "local.json")
    try:
        # The file was copied aside before the upgrade, untouched.
        assert core.backup_made is not None and core.backup_made.exists()
        assert rows_of(core.backup_made) == before
        assert not pending(core.db)
        assert schema_differences(core.db) == []

        after = rows_of(path)
        for table, (columns, rows) in before.items():
            if table == "alembic_version":
                continue
            new_columns, new_rows = after[table]
            keep = [new_columns.index(c) for c in columns]
            assert [tuple(r[i] for i in keep) for r in new_rows] == rows, table

        # And it still works as the shop left it.
        assert audit.verify(core.db) == []
        assert core.auth.sign_in("9001", "9001").name == "李经理"
        assert [s.number for s in core.auth.list_staff()] == ["01", "02", "101", "8888", "9001"]
        assert core.settings.get("shop.name") == "丽人坊美容院"
        assert core.settings.get("booking.late_grace_minutes") == 20
        with core.db.tx() as s:
            assert next_number(s, "receipt", date(2026, 6, 1)) == "20260601-0004"
    finally:
        core.close()


def test_a_database_upgraded_by_a_newer_version_is_refused_untouched(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "salon.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    upgrade(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('members_0099')")
    db.dispose()
    before = path.read_bytes()
    with pytest.raises(Unavailable) as info:
        Core.open(f"sqlite:///{path}", clock=clock)
    assert "members_0099" in error_text(info.value) and "更新版本" in error_text(info.value)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.before-upgrade-*"))
