"""How ``core_0001.sqlite3`` was made: a database at the first migration, filled with data.

Kept for the record; the file itself must never be regenerated with a newer schema, as
``tests/integration/test_core_migrations.py`` checks that such an old database upgrades to
the newest schema with nothing lost. Run: ``PYTHONPATH=. python tests/data/make_core_0001.py``.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command

from salon_desk.core import audit
from salon_desk.core.auth import Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.docnum import next_number
from salon_desk.core.migrate import alembic_config

TARGET = Path(__file__).with_name("core_0001.sqlite3")


def main() -> None:
    TARGET.unlink(missing_ok=True)
    clock = FixedClock(datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    db = Database.open(f"sqlite:///{TARGET}")
    command.upgrade(alembic_config(db), "core_0001")
    core = Core.build(db, clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    clock.advance(minutes=5)
    manager = core.auth.create_staff(
        owner, name="李经理", number="9001", pin="9001", role=Role.MANAGER
    )
    for number, name, role in [
        ("101", "小陈", Role.COUNTER),
        ("102", "小周", Role.COUNTER),
        ("01", "张美玲", Role.BEAUTICIAN),
        ("02", "刘晓燕", Role.BEAUTICIAN),
    ]:
        clock.advance(minutes=1)
        core.auth.create_staff(owner, name=name, number=number, pin="1234", role=role)
    core.auth.set_active(owner, core.auth.sign_in("102", "1234").staff_id, False)
    core.settings.set_many(
        owner,
        {
            "shop.name": "丽人坊美容院",
            "shop.address": "上海市徐汇区漕溪北路 88 号",
            "hours.open": "10:00",
            "booking.late_grace_minutes": 20,
        },
    )
    signed_in = core.auth.sign_in("9001", "9001")
    with core.db.tx() as s:
        for _ in range(3):
            next_number(s, "receipt", date(2026, 6, 1))
        next_number(s, "refund", date(2026, 6, 1))
        audit.record(
            s,
            clock,
            signed_in,
            "till.open",
            "till",
            1,
            after={"float_fen": 50000},
            reason="开班",
        )
    assert manager.number == "9001"
    core.close()
    conn = sqlite3.connect(TARGET)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main()
