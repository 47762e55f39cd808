"""The figures of the manager's reports, separate from how they are shown.

A :class:`DailyReport` or :class:`PeriodReport` is built once from the database (all money
in integer fen) and then rendered by the PDF, the CSV and XLSX exports and the Reports tab
from the same object, so every output shows the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desk.core.money import Money


@dataclass(frozen=True, slots=True)
class Header:
    shop_name: str
    shop_address: str
    start: date
    end: date  # inclusive; equal to ``start`` for a daily report
    printed_by: str
    printed_at: datetime  # shop-local, aware


# --- appointments ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AutoCancelled:
    number: str
    guest_name: str
    guest_phone: str
    starts_at: datetime  # shop-local
    closed_at: datetime | None  # shop-local
    beautician: str  # "07 李美"
    reason: str


@dataclass(frozen=True, slots=True)
class BeauticianBookings:
    number: str
    name: str
    requested_done: int  # 点钟 completed
    rotation_done: int  # 轮钟 completed
    value: Money  # list price of the completed services


@dataclass(frozen=True, slots=True)
class BookingFigures:
    total: int  # every booking made for the day(s), whatever became of it
    completed: int
    cancelled: int
    no_show: int
    auto_cancelled: int
    still_open: int  # booked, arrived or in service
    requested: int  # 点钟 among all
    rotation: int  # 轮钟 among all
    walk_ins: int  # bookings made for a walk-in
    completed_value: Money
    auto_cancelled_list: tuple[AutoCancelled, ...]
    by_beautician: tuple[BeauticianBookings, ...]


# --- stock counts -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CountVariance:
    count_number: str
    product: str  # brand, name, specification
    location: str  # key of ``stock.rules.LOCATIONS``
    expected: int
    counted: int
    variance: int
    value: Money  # at cost
    reason: str | None  # key of ``stock.rules.VARIANCE_REASONS``
    note: str


@dataclass(frozen=True, slots=True)
class StockCountFigures:
    counts: tuple[str, ...]  # numbers of the counts posted in the period
    lines_counted: int
    variances: tuple[CountVariance, ...]  # only the lines that differ

    @property
    def shortage(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances if v.value.fen < 0))

    @property
    def surplus(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances if v.value.fen > 0))

    @property
    def net(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances))


# --- reports ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DailyReport:
    header: Header
    bookings: BookingFigures
    stock: StockCountFigures
    bookings_by_hour: tuple[int, ...]  # 24 counts of bookings by starting hour


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    bookings: int
    completed: int
    cancelled: int
    no_show: int
    auto_cancelled: int
    completed_value: Money
    stock_variance: Money


@dataclass(frozen=True, slots=True)
class PeriodReport:
    header: Header
    days: tuple[DayRow, ...]
    bookings: BookingFigures
    stock: StockCountFigures
