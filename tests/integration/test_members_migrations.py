"""A member's tickets by index (``members_0007``): a shop's database with tickets goes
back to the revision before it (no such index) and forward again with every row kept,
the schema equal to the models and the member's history unchanged — on SQLite and on
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from own_database import own_core
from test_core_migrations import schema_differences
from test_members_privacy import member_with_history

from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.migrate import alembic_config, current_heads, pending, upgrade
from salon_desk.members.history_service import MemberHistoryService

SCHEMA = "members_upgrade"
INDEX = "ix_pos_sale_member_at"


@pytest.fixture(params=["sqlite", "pg"])
def shop_core(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Core]:
    """A migrated database of its own: the test takes it back a revision."""
    with own_core(request.param, tmp_path, SCHEMA, clock) as core:
        yield core


def _indexes(db: Database) -> set[str]:
    return {str(ix["name"]) for ix in sa.inspect(db.engine).get_indexes("pos_sale")}


def _sales(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text("SELECT * FROM pos_sale ORDER BY id"))]


def test_the_member_ticket_index_goes_back_and_comes_again(shop_core: Core) -> None:
    core = shop_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    m, number = member_with_history(core, owner)
    history = MemberHistoryService(core)
    seen = (history.purchases(m.id), history.visits(m.id))
    assert [p.number for p in seen[0]] == [number]
    sales = _sales(core.db)
    assert INDEX in _indexes(core.db)

    command.downgrade(alembic_config(core.db), "members_0006")
    assert "members_0007" not in current_heads(core.db)
    assert INDEX not in _indexes(core.db)
    assert _sales(core.db) == sales
    assert (history.purchases(m.id), history.visits(m.id)) == seen

    upgrade(core.db)
    assert not pending(core.db)
    assert schema_differences(core.db) == []
    assert INDEX in _indexes(core.db)
    assert _sales(core.db) == sales
    assert (history.purchases(m.id), history.visits(m.id)) == seen
