"""Which days a report covers: one day, the week (Monday to Sunday) or the calendar month
around a day, or any range; and stepping to the previous or next one."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from salon_desk.core.i18n import N_

KINDS: dict[str, str] = {
    "day": N_("One day"),
    "week": N_("Whole week"),
    "month": N_("Whole month"),
    "range": N_("From–to"),
}


def span(kind: str, anchor: date) -> tuple[date, date]:
    """The days of ``kind`` around ``anchor``; for ``range`` just that day."""
    if kind == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6)
    if kind == "month":
        first = anchor.replace(day=1)
        return first, anchor.replace(day=monthrange(anchor.year, anchor.month)[1])
    return anchor, anchor


def step(kind: str, start: date, end: date, direction: int) -> tuple[date, date]:
    """The previous (``direction=-1``) or next (``+1``) period of the same kind; a range
    moves by its own length."""
    if kind == "month":
        month = start.month - 1 + direction
        year = start.year + month // 12
        return span("month", date(year, month % 12 + 1, 1))
    if kind == "week":
        return span("week", start + timedelta(days=7 * direction))
    length = (end - start).days + 1
    moved = timedelta(days=length * direction)
    return start + moved, end + moved
