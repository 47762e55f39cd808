"""The only place that reads the wall clock. Services take a :class:`Clock`; tests give
them a :class:`FixedClock` and move it by hand.

All instants are timezone-aware UTC. The shop's zone (a setting) is applied only when a
time is shown or a calendar day is needed: :func:`local_day_bounds` turns a shop-local day
into the UTC half-open interval that the database is queried with.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved: ``clock.advance(minutes=31)``."""

    def __init__(self, start: datetime) -> None:
        self._now = ensure_aware(start).astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = ensure_aware(instant).astimezone(UTC)

    def advance(self, delta: timedelta | None = None, /, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now


def ensure_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(f"naive datetime {value!r}: give it a time zone")
    return value


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(instant: datetime, tz: tzinfo) -> date:
    return ensure_aware(instant).astimezone(tz).date()


def local_datetime(day: date, at: time, tz: tzinfo) -> datetime:
    """The aware UTC instant of wall-clock ``at`` on ``day`` in the shop's zone."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def local_day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC of the shop-local calendar day ``day``."""
    start = local_datetime(day, time(0), tz)
    end = local_datetime(day + timedelta(days=1), time(0), tz)
    return start, end
