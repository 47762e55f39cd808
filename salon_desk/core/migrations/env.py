"""Alembic environment: runs on the engine handed over by ``salon_desk.core.migrate``.

On SQLite a changed table is copied into a new one and the old one dropped (batch mode);
with foreign keys enforced, dropping a table that other rows point at fails (a sale line
that has its beauticians). So the upgrade runs with enforcement off, as SQLite's own
procedure for altering a table prescribes, and checks every reference before it commits.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from salon_desk.core.db import Base
from salon_desk.features import load_models

load_models()
config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.driver_connection if sqlite else None
    if raw is not None:  # outside any transaction: the pragma is ignored inside one
        raw.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).first()
                if broken is not None:
                    raise RuntimeError(f"the upgrade left a broken reference: {tuple(broken)}")
        connection.commit()
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = ON")
