"""Sums by local hour are grouped in the database by UTC quarter hour: the same sums as
converting every instant in Python, in zones a whole hour, half an hour and three quarters
of an hour away from UTC, across a change of summer time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select

from salon_desk.core.context import Core
from salon_desk.core.types import UTCDateTime
from salon_desk.reports.buckets import local_hours, utc_quarter_hour

ZONES = ["Asia/Shanghai", "Asia/Kathmandu", "America/St_Johns", "Europe/London"]


@pytest.mark.parametrize("zone", ZONES)
def test_hours_grouped_in_the_database_match_python(core: Core, zone: str) -> None:
    meta = MetaData()
    table = Table(
        "test_hour_buckets",
        meta,
        Column("id", Integer, primary_key=True),
        Column("at", UTCDateTime, nullable=False),
        Column("amount", Integer, nullable=False),
    )
    rnd = random.Random(zone)
    start = datetime(2026, 3, 27, tzinfo=UTC)  # London and St John's change in these days
    rows = [
        {"at": start + timedelta(seconds=rnd.randrange(6 * 86400)), "amount": rnd.randrange(9000)}
        for _ in range(400)
    ] + [{"at": start + timedelta(hours=h, minutes=m), "amount": 7}
         for h in range(48) for m in (0, 14, 15, 29, 30, 44, 45, 59)]  # fmt: skip
    tz = ZoneInfo(zone)
    want = [0] * 24
    for r in rows:
        want[r["at"].astimezone(tz).hour] += r["amount"]
    meta.create_all(core.db.engine)
    try:
        with core.db.tx() as s:
            s.execute(insert(table), rows)
        bucket = utc_quarter_hour(table.c.at)
        with core.db.read() as s:
            groups = [(str(b), int(v)) for b, v in s.execute(
                select(bucket, func.sum(table.c.amount)).group_by(bucket))]  # fmt: skip
        assert len(groups) < len(rows)
        assert local_hours(groups, tz) == tuple(want)
    finally:
        meta.drop_all(core.db.engine)
