"""The running stock balance (``stock_0003``): a shop's database with movements goes back
to the revision before it (no balance table) and forward again, the balances filled from
the movements on file and the schema equal to the models — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from own_database import own_core
from test_core_migrations import schema_differences

from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.migrate import alembic_config, current_heads, pending, upgrade
from salon_desk.core.money import Money
from salon_desk.stock.models import StockMovement
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService

SCHEMA = "stock_upgrade"


@pytest.fixture(params=["sqlite", "pg"])
def shop_core(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Core]:
    """A migrated database of its own: the test takes it back a revision."""
    with own_core(request.param, tmp_path, SCHEMA, clock) as core:
        yield core


def _movements(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text("SELECT * FROM stock_movement ORDER BY id"))]


def _balances(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        q = "SELECT product_id, location, qty FROM stock_balance ORDER BY product_id, location"
        return [tuple(r) for r in conn.execute(sa.text(q))]


def test_the_balances_go_back_and_come_again_as_the_sums_of_the_movements(
    shop_core: Core,
) -> None:
    core = shop_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    stock = StockService(core)
    ids = []
    for n in range(3):
        fields = ProductFields(
            brand="迁移", name_zh=f"产品{n}", price=Money(5000), cabinet="A", shelf=1, position=n
        )
        ids.append(stock.create_product(owner, fields).id)
    stock.receive(owner, ids[0], 10)
    stock.move_to_display(owner, ids[0], 4)
    stock.receive(owner, ids[1], 3, location="display")
    stock.write_off(owner, ids[1], 3, reason="damaged")
    stock.adjust(owner, ids[2], location="display", qty=-2, note="卖出未记")
    kept = _balances(core.db)
    assert kept == [
        (ids[0], "display", 4),
        (ids[0], "store", 6),
        (ids[1], "display", 0),
        (ids[2], "display", -2),
    ]
    movements = _movements(core.db)

    command.downgrade(alembic_config(core.db), "stock_0002")
    assert "stock_0002" in current_heads(core.db)
    assert "stock_balance" not in sa.inspect(core.db.engine).get_table_names()
    assert _movements(core.db) == movements
    with core.db.engine.begin() as conn:  # a movement made by the version before
        conn.execute(
            sa.insert(StockMovement).values(
                product_id=ids[2], location="store", qty=5, reason="received", at=core.clock.now()
            )
        )

    upgrade(core.db)
    assert not pending(core.db)
    assert schema_differences(core.db) == []
    assert _balances(core.db) == [*kept, (ids[2], "store", 5)]
    assert len(_movements(core.db)) == len(movements) + 1
    assert stock.product(ids[2]).in_store == 5
    assert stock.receive(owner, ids[2], 1).balance == 6
