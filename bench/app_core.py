"""Opening the benchmark database the way the app does, and the raw connection its floors
use (the same file, the same pragmas, no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import Clock, FixedClock
from salon_desk.core.context import Core


def open_core(db: Path, *, clock: Clock | None = None) -> Core:
    """The app's core on ``db`` (migrated, as the app does) — never a cached database of
    another schema, which would be upgraded in place under its old name. Closing it leaves
    the file as it is: the cached benchmark file is shared, and ``PRAGMA optimize`` at
    close would add statistics after the first run, so that later runs would measure
    another database."""
    from bench.datagen import check_cached

    check_cached(db)
    return Core.open(f"sqlite:///{Path(db).resolve()}", clock=clock, optimize_on_close=False)


def fixed_clock(at: datetime) -> FixedClock:
    return FixedClock(at)


def owner(core: Core) -> Actor:
    """The shop's owner, acting as the signed-in staff member."""
    from sqlalchemy import select

    from salon_desk.core.models import Staff

    with core.db.read() as s:
        st = s.scalars(
            select(Staff).where(Staff.role == Role.OWNER.value, Staff.active).order_by(Staff.id)
        ).first()
        if st is None:
            raise SystemExit(f"{core.db.sqlite_path}: no owner among the staff")
        return Actor(st.id, st.number, st.name, Role(st.role))


def raw(db: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the app's pragmas (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(Path(db), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    return conn
