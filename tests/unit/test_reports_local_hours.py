"""Sums by local hour from UTC quarter hours: each quarter falls in the hour the shop's
zone shows at its start, on days the zone's offset changes too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from salon_desk.reports.buckets import local_hours

ZONES = ("Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe",
         "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham")  # fmt: skip
#: around a change of summer time in each hemisphere, and an ordinary stretch
FIRST = datetime(2025, 3, 7, tzinfo=UTC)


def _quarter(n: int) -> tuple[str, datetime]:
    start = FIRST + timedelta(minutes=15 * n)
    return f"{start:%Y-%m-%d %H:}{start.minute // 15}", start


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.lists(st.tuples(st.integers(0, 4 * 24 * 240), st.integers(-50_000, 50_000)), max_size=60),
)
def test_each_quarter_is_counted_in_its_local_hour(
    zone: str, groups: list[tuple[int, int]]
) -> None:
    tz = ZoneInfo(zone)
    want = [0] * 24
    given_groups = []
    for n, amount in groups:
        bucket, start = _quarter(n)
        want[start.astimezone(tz).hour] += amount
        given_groups.append((bucket, amount))
    assert local_hours(given_groups, tz) == tuple(want)
