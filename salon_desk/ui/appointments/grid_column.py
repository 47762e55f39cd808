"""What one column of the booking grid shows: a beautician on a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from salon_desk.booking.rows import BookingRow
from salon_desk.booking.rules import Span


@dataclass(frozen=True)
class GridColumn:
    staff_id: int
    day: date
    title: str  # "3号 张丽" or "周六 11-28"
    windows: tuple[Span, ...]  # when she works (outside: shaded)
    bookings: tuple[BookingRow, ...] = field(default_factory=tuple)
    marker: str = ""  # "next in turn"
