"""The clock: a frozen clock for tests, aware UTC instants, shop-local days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from salon_desk.core.clock import (
    FixedClock,
    SystemClock,
    ensure_aware,
    local_datetime,
    local_day,
    local_day_bounds,
)
from salon_desk.core.types import UTCDateTime

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_fixed_clock_stands_still_until_moved() -> None:
    clock = FixedClock(datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI))
    assert clock.now() == datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert clock.now().tzinfo == UTC
    assert clock.now() == clock.now()
    clock.advance(minutes=31)
    assert clock.now() == datetime(2026, 11, 28, 2, 31, tzinfo=UTC)
    clock.advance(timedelta(hours=1))
    assert clock.now() == datetime(2026, 11, 28, 3, 31, tzinfo=UTC)
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI))
    assert clock.now() == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 11, 28, 10, 0))
    with pytest.raises(ValueError):
        ensure_aware(datetime(2026, 11, 28))
    clock = FixedClock(datetime(2026, 11, 28, tzinfo=UTC))
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 11, 28))


def test_system_clock_is_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)


def test_shop_local_day() -> None:
    # 23:30 UTC on the 27th is already the 28th in Shanghai.
    late = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    assert local_day(late, SHANGHAI) == date(2026, 11, 28)
    assert local_day(late, UTC) == date(2026, 11, 27)
    start, end = local_day_bounds(date(2026, 11, 28), SHANGHAI)
    assert start == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
    assert start <= late < end
    assert local_datetime(date(2026, 11, 28), time(9, 30), SHANGHAI) == datetime(
        2026, 11, 28, 1, 30, tzinfo=UTC
    )


def test_a_day_with_a_daylight_saving_change_has_its_real_length() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start, end = local_day_bounds(date(2026, 10, 25), berlin)
    assert end - start == timedelta(hours=25)


def test_the_datetime_column_refuses_naive_values_and_stores_utc() -> None:
    column = UTCDateTime()
    with pytest.raises(ValueError):
        column.process_bind_param(datetime(2026, 11, 28, 10), sqlite.dialect())
    with pytest.raises(TypeError):
        column.process_bind_param(date(2026, 11, 28), sqlite.dialect())  # type: ignore[arg-type]
    local = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)
    assert column.process_bind_param(local, sqlite.dialect()) == datetime(2026, 11, 28, 2, 0)
    assert column.process_bind_param(local, postgresql.dialect()) == datetime(
        2026, 11, 28, 2, 0, tzinfo=UTC
    )
    back = column.process_result_value(datetime(2026, 11, 28, 2, 0), sqlite.dialect())
    assert back == local and back is not None and back.tzinfo == UTC
