"""Alembic environment: runs on the engine handed over by ``salon_desk.core.migrate``."""

from __future__ import annotations

from alembic import context

from salon_desk.core.db import Base
from salon_desk.features import load_models

load_models()
config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
