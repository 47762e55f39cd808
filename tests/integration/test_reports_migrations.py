"""The indexes the reports read from (``reports_0002``, ``reports_0003``): a shop's
database with tickets and cards goes back to the indexes it had before and forward again
with every row kept, the schema equal to the models and the reports unchanged — on SQLite
and on PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from own_database import own_core
from test_core_migrations import schema_differences
from test_reports_cards import DAY, _day_of_cards

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Base, Database
from salon_desk.core.migrate import alembic_config, current_heads, pending, upgrade
from salon_desk.reports.service import ReportService

SCHEMA = "reports_upgrade"

#: table -> indexes the revision adds, and those it replaces
ADDED = {
    "booking": {"ix_booking_day_figures", "ix_booking_sale_ref_staff"},
    "booking_item": {"ix_booking_item_booking_price"},
    "pos_sale_line": {"ix_pos_sale_line_sale_figures"},
    "card_account": {"ix_card_account_kind_sold"},
    "card_ledger": {"ix_card_ledger_account_kind"},
}
REPLACED = {
    "booking": {"ix_booking_sale_ref"},
    "booking_item": {"ix_booking_item_booking_id"},
    "pos_sale_line": {"ix_pos_sale_line_sale_id"},
}
#: the same for ``reports_0003``
ADDED_3 = {
    "pos_sale": {"ix_pos_sale_day_figures"},
    "pos_payment": {"ix_pos_payment_sale_figures"},
}
REPLACED_3 = {
    "pos_sale": {"ix_pos_sale_day"},
    "pos_payment": {"ix_pos_payment_sale_id"},
}


@pytest.fixture(params=["sqlite", "pg"])
def shop_core(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Core]:
    """A migrated database of its own: the test takes it back a revision."""
    with own_core(request.param, tmp_path, SCHEMA, clock) as core:
        yield core


def _indexes(db: Database, tables: Iterable[str] = ADDED) -> dict[str, set[str]]:
    inspector = sa.inspect(db.engine)
    return {t: {str(ix["name"]) for ix in inspector.get_indexes(t)} for t in tables}


def _rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.engine.connect() as conn:
        return {
            t: [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {t} ORDER BY id"))]
            for t in (*ADDED, "pos_sale", "pos_payment", "member")
        }


def _reports(core: Core, owner: Actor) -> tuple[Any, Any]:
    service = ReportService(core)

    def bare(report: Any) -> Any:  # the same figures, whenever printed
        return dataclasses.replace(
            report, header=dataclasses.replace(report.header, printed_at=None)
        )

    return bare(service.daily(owner, DAY)), bare(service.period(owner, DAY, DAY))


@pytest.mark.parametrize(
    ("back_to", "added", "replaced"),
    [("reports_0001", ADDED, REPLACED), ("reports_0002", ADDED_3, REPLACED_3)],
    ids=["reports_0002", "reports_0003"],
)
def test_each_revision_of_report_indexes_goes_back_and_comes_again(
    shop_core: Core, back_to: str, added: dict[str, set[str]], replaced: dict[str, set[str]]
) -> None:
    core = shop_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    row = core.auth.create_staff(owner, name="小陈", number="101", pin="1234", role=Role.COUNTER)
    _day_of_cards(core, owner, Actor(row.id, row.number, row.name, row.role))
    rows = _rows(core.db)
    assert rows["pos_sale"] and rows["pos_payment"] and rows["member"]
    reports = _reports(core, owner)
    assert reports[1].register.sales and reports[1].members.total

    command.downgrade(alembic_config(core.db), back_to)
    assert back_to in current_heads(core.db)
    before = _indexes(core.db, added)
    for table, names in added.items():
        assert not names & before[table], table
        assert replaced.get(table, set()) <= before[table], table
    assert _rows(core.db) == rows
    # the figures kept by closed day came later (reports_0004): an empty table of them
    # makes today's reports read every day's rows, through the old indexes
    kept = Base.metadata.tables["report_day_figure"]
    kept.create(core.db.engine)
    assert _reports(core, owner) == reports  # the same figures through the old indexes
    kept.drop(core.db.engine)

    upgrade(core.db)
    assert not pending(core.db)
    assert schema_differences(core.db) == []
    after = _indexes(core.db, added)
    for table, names in added.items():
        assert names <= after[table], table
        assert not replaced.get(table, set()) & after[table], table
    assert _rows(core.db) == rows
    assert _reports(core, owner) == reports
