"""A database of a test's own, for tests that take the schema back a revision: a file on
SQLite, a schema of its own on PostgreSQL (``SALON_DESK_TEST_PG``), dropped afterwards.
The other tests' shared database must never see a downgrade."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from salon_desk.core.clock import Clock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.migrate import upgrade

PG_URL = os.environ.get("SALON_DESK_TEST_PG")


@contextmanager
def own_database(kind: str, folder: Path, schema: str) -> Iterator[Database]:
    """``kind`` is ``"sqlite"`` or ``"pg"`` (skipped without a PostgreSQL to use)."""
    admin = None
    if kind == "pg":
        if not PG_URL:
            pytest.skip("SALON_DESK_TEST_PG is not set")
        admin = sa.create_engine(PG_URL)
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        db = Database.open(f"{PG_URL}?options=-csearch_path%3D{schema}")
    else:
        db = Database.open(f"sqlite:///{folder / f'{schema}.sqlite3'}")
    try:
        yield db
    finally:
        db.dispose()
        if admin is not None:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            admin.dispose()


@contextmanager
def own_core(kind: str, folder: Path, schema: str, clock: Clock) -> Iterator[Core]:
    """A shop of its own on :func:`own_database`, migrated to the newest revision (the test
    may take it back); closed afterwards."""
    with own_database(kind, folder, schema) as db:
        upgrade(db)
        core = Core.build(db, clock=clock, local_settings=folder / "local.json")
        try:
            yield core
        finally:
            core.close()
