"""Pure rules of the appointments side: overlap, rotation, lateness, phones, free slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from salon_desk.booking import rules
from salon_desk.core.errors import Invalid

TZ = ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, 28, hour, minute, second, tzinfo=TZ).astimezone(UTC)


def test_touching_bookings_do_not_overlap() -> None:
    assert not rules.overlaps(at(10), at(11), at(11), at(12))
    assert not rules.overlaps(at(11), at(12), at(10), at(11))


def test_overlap_inside_across_and_equal() -> None:
    assert rules.overlaps(at(10), at(11), at(10, 30), at(10, 45))
    assert rules.overlaps(at(10), at(11), at(10, 59), at(12))
    assert rules.overlaps(at(10), at(11), at(9), at(10, 1))
    assert rules.overlaps(at(10), at(11), at(10), at(11))


def test_cancelled_bookings_hold_no_time_and_early_finish_frees_the_rest() -> None:
    assert rules.busy_span("cancelled", at(10), at(11), None) is None
    assert rules.busy_span("auto_cancelled", at(10), at(11), None) is None
    assert rules.busy_span("no_show", at(10), at(11), None) is None
    assert rules.busy_span("booked", at(10), at(11), None) == rules.Span(at(10), at(11))
    early = rules.busy_span("completed", at(10), at(11), at(10, 40))
    assert early == rules.Span(at(10), at(10, 40))


def test_rotation_starts_with_the_first_beautician_and_wraps_by_number() -> None:
    on_duty = [(13, "3"), (11, "1"), (20, "10"), (12, "2")]
    assert rules.rotation_order(on_duty, None) == [11, 12, 13, 20]
    assert rules.rotation_order(on_duty, 13) == [13, 20, 11, 12]
    # a first beautician who is not on duty is ignored
    assert rules.rotation_order(on_duty, 99) == [11, 12, 13, 20]


def test_turn_moves_after_a_rotation_booking_only() -> None:
    order = [13, 20, 11, 12]
    assert rules.turn_queue(order, None) == [13, 20, 11, 12]
    # 13 took a 轮钟 booking: the next walk-in goes to 20
    assert rules.turn_queue(order, 13)[0] == 20
    # after the last one the turn wraps to the first
    assert rules.turn_queue(order, 12) == [13, 20, 11, 12]


def test_late_boundary_is_strictly_more_than_the_grace() -> None:
    start = at(10)
    assert not rules.is_late_due(start, 30, 0, start + timedelta(minutes=29, seconds=59))
    assert not rules.is_late_due(start, 30, 0, start + timedelta(minutes=30))
    assert rules.is_late_due(start, 30, 0, start + timedelta(minutes=30, seconds=1))
    # "running late" by 15 minutes moves the deadline
    assert not rules.is_late_due(start, 30, 15, start + timedelta(minutes=44, seconds=59))
    assert rules.is_late_due(start, 30, 15, start + timedelta(minutes=45, seconds=1))
    assert rules.late_due_at(start, 30, 15) == at(10, 45)


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("021-62345678", "02162345678"),
        ("62345678", "62345678"),
    ],
)
def test_phone_numbers_are_normalised(typed: str, digits: str) -> None:
    assert rules.normalise_phone(typed, required=True) == digits


@pytest.mark.parametrize("typed", ["12345", "1381234567", "abc", "23812345678", "138123456789"])
def test_malformed_phone_numbers_are_refused(typed: str) -> None:
    with pytest.raises(Invalid) as err:
        rules.normalise_phone(typed, required=True)
    assert err.value.field == "phone"


def test_empty_phone_is_refused_only_when_required() -> None:
    with pytest.raises(Invalid):
        rules.normalise_phone("  ", required=True)
    assert rules.normalise_phone("", required=False) == ""


def test_free_starts_skip_busy_time_and_the_break() -> None:
    windows = rules.work_windows(at(9), at(13), at(11), at(11, 30))
    busy = [rules.Span(at(9, 30), at(10, 30))]
    starts = rules.free_starts(timedelta(minutes=60), windows, busy)
    assert starts == [at(11, 30), at(11, 45), at(12)]
    assert rules.nearest(starts, at(10), n=2) == [at(11, 30), at(11, 45)]


def test_inside_the_shift_windows() -> None:
    windows = rules.work_windows(at(9), at(18), at(12), at(13))
    assert rules.inside(rules.Span(at(9), at(12)), windows)
    assert not rules.inside(rules.Span(at(11, 30), at(12, 30)), windows)
    assert not rules.inside(rules.Span(at(17, 30), at(18, 30)), windows)


def test_call_window_avoids_early_late_and_meal_times() -> None:
    window = rules.CallWindow(
        time(10), time(20, 30), (time(11, 45), time(13, 30)), (time(17, 45), time(19))
    )
    assert not window.allows(time(9, 59))
    assert window.allows(time(10))
    assert not window.allows(time(12))
    assert window.allows(time(13, 30))
    assert not window.allows(time(18))
    assert not window.allows(time(20, 30))
    assert window.next_allowed(time(12)) == time(13, 30)
    assert window.next_allowed(time(21)) is None


def test_round_down_to_the_quarter() -> None:
    assert rules.round_down(at(10, 14, 59)) == at(10)
    assert rules.round_down(at(10, 15)) == at(10, 15)


def test_a_birthday_within_the_coming_days() -> None:
    first = date(2026, 12, 29)
    assert rules.birthday_within(date(1990, 12, 29), first, 7) == date(2026, 12, 29)
    assert rules.birthday_within(date(1990, 1, 4), first, 7) == date(2027, 1, 4)
    assert rules.birthday_within(date(1990, 1, 5), first, 7) is None  # the 8th day
    assert rules.birthday_within(date(1990, 12, 28), first, 7) is None  # yesterday
    assert rules.birthday_within(date(1992, 2, 29), date(2027, 2, 22), 7) == date(2027, 2, 28)
    assert rules.birthday_within(date(1992, 2, 29), date(2028, 2, 29), 1) == date(2028, 2, 29)
