"""Pure rules of the appointments side: overlap, rotation (轮牌), lateness, phone numbers,
free slots, call windows and birthdays coming up. No database, no clock: everything is passed in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_

STEP = timedelta(minutes=15)

#: Statuses that hold a beautician's time.
BUSY = frozenset({"booked", "arrived", "in_service", "completed"})
#: Statuses from which a booking can still change.
OPEN = frozenset({"booked", "arrived", "in_service"})

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{9,11}$|^\d{7,8}$")


@dataclass(frozen=True, slots=True)
class Span:
    start: datetime
    end: datetime

    def overlaps(self, other: Span) -> bool:
        return overlaps(self.start, self.end, other.start, other.end)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals: 10:00–11:00 and 11:00–12:00 do not overlap."""
    return a_start < b_end and b_start < a_end


def busy_span(
    status: str, start: datetime, end: datetime, completed_at: datetime | None
) -> Span | None:
    """The time a booking holds, or ``None`` when it holds none. A treatment finished early
    frees the rest of its time."""
    if status not in BUSY:
        return None
    if status == "completed" and completed_at is not None and start < completed_at < end:
        return Span(start, completed_at)
    return Span(start, end)


def normalise_phone(text: str | None, *, required: bool) -> str:
    """Digits only (spaces, dashes and a +86 prefix are dropped). Mobile numbers have 11
    digits starting with 1; landlines 7–8 digits or an area code starting with 0."""
    raw = (text if isinstance(text, str) else "").strip()
    if not raw:
        if required:
            raise Invalid(N_("Enter a phone number."), field="phone")
        return ""
    digits = re.sub(r"[\s\-()（）]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise Invalid(
            N_("Not a phone number: {text}. A mobile number has 11 digits."),
            field="phone",
            text=raw[:30],
        )
    return digits


def rotation_order(numbers: Sequence[tuple[int, str]], first_id: int | None) -> list[int]:
    """Beautician ids in turn order: by 技师号, starting at the day's first beautician.

    ``numbers`` is ``(staff_id, number)`` for everyone on duty."""
    ordered = [sid for sid, _n in sorted(numbers, key=lambda p: _number_key(p[1]))]
    if first_id in ordered:
        i = ordered.index(first_id)
        return ordered[i:] + ordered[:i]
    return ordered


def _number_key(number: str) -> tuple[int, int, str]:
    return (0, int(number), "") if number.isdigit() else (1, 0, number)


def turn_queue(order: Sequence[int], last_rotation_id: int | None) -> list[int]:
    """Who is next in turn: the rotation order continuing after the beautician who took the
    last 轮钟 booking. 点钟 bookings do not use a turn."""
    if last_rotation_id is None or last_rotation_id not in order:
        return list(order)
    i = order.index(last_rotation_id) + 1
    return list(order[i:]) + list(order[:i])


def late_due_at(starts_at: datetime, grace_min: int, extra_min: int) -> datetime:
    """The instant after which a booking not yet arrived is auto-cancelled."""
    return starts_at + timedelta(minutes=grace_min + extra_min)


def is_late_due(starts_at: datetime, grace_min: int, extra_min: int, now: datetime) -> bool:
    """More than the grace period late (strictly: at exactly 30:00 it still stands)."""
    return now > late_due_at(starts_at, grace_min, extra_min)


def round_down(instant: datetime, step: timedelta = STEP) -> datetime:
    seconds = int(step.total_seconds())
    epoch = int(instant.timestamp())
    return instant - timedelta(seconds=epoch % seconds, microseconds=instant.microsecond)


def free_starts(
    duration: timedelta,
    windows: Iterable[Span],
    busy: Iterable[Span],
    *,
    step: timedelta = STEP,
    not_before: datetime | None = None,
) -> list[datetime]:
    """Every start (on ``step``) inside a working window where ``duration`` fits free."""
    taken = sorted(busy, key=lambda s: s.start)
    found: list[datetime] = []
    for window in windows:
        start = window.start
        while start + duration <= window.end:
            if not_before is None or start >= not_before:
                span = Span(start, start + duration)
                if not any(span.overlaps(b) for b in taken):
                    found.append(start)
            start += step
    return found


def nearest(starts: Iterable[datetime], wanted: datetime, n: int = 3) -> list[datetime]:
    """The ``n`` starts closest to ``wanted``, in time order."""
    ranked = sorted(starts, key=lambda s: (abs((s - wanted).total_seconds()), s))[:n]
    return sorted(ranked)


def work_windows(
    shift_start: datetime,
    shift_end: datetime,
    break_from: datetime | None,
    break_until: datetime | None,
) -> list[Span]:
    """The shift minus its break."""
    if break_from is None or break_until is None or break_until <= break_from:
        return [Span(shift_start, shift_end)]
    windows = []
    if break_from > shift_start:
        windows.append(Span(shift_start, min(break_from, shift_end)))
    if break_until < shift_end:
        windows.append(Span(max(break_until, shift_start), shift_end))
    return windows


def inside(span: Span, windows: Iterable[Span]) -> bool:
    return any(w.start <= span.start and span.end <= w.end for w in windows)


@dataclass(frozen=True, slots=True)
class CallWindow:
    """When the shop calls members: not early, not late, not at meal times (settings)."""

    earliest: time
    latest: time
    lunch: tuple[time, time]
    dinner: tuple[time, time]

    def allows(self, local: time) -> bool:
        if not self.earliest <= local < self.latest:
            return False
        return not any(a <= local < b for a, b in (self.lunch, self.dinner))

    def next_allowed(self, local: time) -> time | None:
        """The first allowed minute at or after ``local`` today, or ``None``."""
        minutes = local.hour * 60 + local.minute
        while minutes < 24 * 60:
            candidate = time(minutes // 60, minutes % 60)
            if self.allows(candidate):
                return candidate
            minutes += 1
        return None


def birthday_within(birthday: date, first: date, days: int) -> date | None:
    """The day the birthday is kept within ``days`` days from ``first`` (``first``
    included), or ``None``. A 29 February birthday is kept on 28 February in other years."""
    for year in (first.year, first.year + 1):
        try:
            kept = birthday.replace(year=year)
        except ValueError:  # 29 February in a year without one
            kept = date(year, 2, 28)
        if first <= kept < first + timedelta(days=days):
            return kept
    return None
