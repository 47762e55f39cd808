"""Which days a report covers and how ◀ ▶ step through them."""

from __future__ import annotations

from datetime import date

from salon_desk.reports.periods import span, step


def test_week_is_monday_to_sunday_and_month_is_the_calendar_month() -> None:
    assert span("week", date(2026, 11, 28)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert span("month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert span("month", date(2028, 2, 14)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert span("day", date(2026, 11, 28)) == (date(2026, 11, 28), date(2026, 11, 28))


def test_stepping_crosses_years_and_keeps_a_range_length() -> None:
    assert step("month", date(2026, 12, 1), date(2026, 12, 31), 1) == (
        date(2027, 1, 1),
        date(2027, 1, 31),
    )
    assert step("month", date(2026, 1, 1), date(2026, 1, 31), -1) == (
        date(2025, 12, 1),
        date(2025, 12, 31),
    )
    assert step("week", date(2026, 11, 23), date(2026, 11, 29), -1) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
    )
    assert step("day", date(2026, 11, 30), date(2026, 11, 30), 1) == (
        date(2026, 12, 1),
        date(2026, 12, 1),
    )
    assert step("range", date(2026, 11, 1), date(2026, 11, 10), 1) == (
        date(2026, 11, 11),
        date(2026, 11, 20),
    )
