"""A Z report is frozen in the database itself: raw SQL that updates or deletes its row
is refused by a trigger (SQLite and PostgreSQL) and the row stays as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from test_pos_checkout import open_till

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.till_service import TillService

CHANGES = (
    "UPDATE pos_z_report SET over_short_fen = 0, note = 'changed'",
    "UPDATE pos_z_report SET counted_fen = counted_fen + 100, to_safe_fen = to_safe_fen + 100",
    "DELETE FROM pos_z_report",
)


def z_rows(core: Core) -> list[tuple[object, ...]]:
    with core.db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM pos_z_report"))]


@pytest.mark.parametrize("sql", CHANGES)
def test_raw_sql_cannot_change_or_remove_a_z(core: Core, counter: Actor, sql: str) -> None:
    open_till(core, counter, 50000)
    TillService(core).close_day(counter, {10000: 4, 1000: 10}, kept_float=Money(50000), note="短")
    frozen = z_rows(core)
    assert len(frozen) == 1
    with pytest.raises(DatabaseError) as caught, core.db.engine.begin() as conn:
        conn.execute(text(sql))
    assert "a Z report cannot be changed or removed" in str(caught.value)
    assert z_rows(core) == frozen


def test_a_new_z_can_still_be_written(core: Core, counter: Actor) -> None:
    open_till(core, counter, 30000)
    z = TillService(core).close_day(counter, {10000: 3}, kept_float=Money(30000))
    assert z_rows(core)[0][1] == z.number
