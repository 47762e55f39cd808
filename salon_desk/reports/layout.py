"""A report's figures laid out as titled tables and charts, in the current language.

The PDF, the CSV and XLSX files and the Reports tab all draw this one layout, so they
show the same rows. Cells keep their type: ``Money`` (shown right-aligned, exported as a
number), ``int`` or ``str``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.reports.model import (
    BookingFigures,
    DailyReport,
    PeriodReport,
    StockCountFigures,
)
from salon_desk.stock.rules import LOCATIONS, VARIANCE_REASONS

Cell = str | int | Money


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: str = "text"  # "text", "int" or "money"
    width: float = 1.0  # relative


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # a short name for sheets and files
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    empty: str = ""  # shown instead of an empty table


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    kind: str  # "bar" or "pie"
    labels: tuple[str, ...]
    values: tuple[int, ...]
    money: bool = False  # values are fen


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    subtitle: str  # the day or the range
    shop: str
    address: str
    printed: str  # "Printed by … at …"
    sections: tuple[Section, ...]

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


TITLE_DAILY = N_("Daily report")
TITLE_PERIOD = N_("Period report")


def day_text(day: date) -> str:
    return day.isoformat()


def time_text(at: datetime | None) -> str:
    return at.strftime("%H:%M") if at else ""


def _printed(report: DailyReport | PeriodReport) -> str:
    h = report.header
    return _(
        "Printed by {name} at {time}",
        name=h.printed_by,
        time=h.printed_at.strftime("%Y-%m-%d %H:%M"),
    )


# --- appointments ---------------------------------------------------------------------------
def booking_section(b: BookingFigures, *, with_hours: tuple[int, ...] | None) -> Section:
    summary = Table(
        "appointments",
        _("Appointments"),
        (Column(_("Item"), width=2.0), Column(_("Count"), "int")),
        (
            (_("Bookings"), b.total),
            (_("Requested beautician (点钟)"), b.requested),
            (_("Next in turn (轮钟)"), b.rotation),
            (_("Walk-ins"), b.walk_ins),
            (_("Completed"), b.completed),
            (_("Cancelled"), b.cancelled),
            (_("No-show"), b.no_show),
            (_("Auto-cancelled (late)"), b.auto_cancelled),
            (_("Not finished"), b.still_open),
        ),
    )
    beauticians = Table(
        "beauticians",
        _("Completed appointments by beautician"),
        (
            Column(_("Beautician no."), width=0.6),
            Column(_("Beautician"), width=1.2),
            Column(_("Requested (点钟)"), "int"),
            Column(_("In turn (轮钟)"), "int"),
            Column(_("List price of services"), "money", 1.4),
        ),
        tuple(
            (x.number, x.name, x.requested_done, x.rotation_done, x.value) for x in b.by_beautician
        ),
        total=(
            _("Total"),
            "",
            sum(x.requested_done for x in b.by_beautician),
            sum(x.rotation_done for x in b.by_beautician),
            b.completed_value,
        ),
        empty=_("No appointment was completed."),
    )
    late = Table(
        "auto_cancelled",
        _("Auto-cancelled for lateness"),
        (
            Column(_("Booking no."), width=1.3),
            Column(_("Time"), width=0.6),
            Column(_("Name"), width=0.9),
            Column(_("Phone"), width=1.1),
            Column(_("Beautician"), width=1.0),
            Column(_("Cancelled at"), width=0.8),
        ),
        tuple(
            (
                a.number,
                _when(a.starts_at),
                a.guest_name,
                a.guest_phone,
                a.beautician,
                _when(a.closed_at),
            )
            for a in b.auto_cancelled_list
        ),
        empty=_("No appointment was cancelled for lateness."),
    )
    charts: tuple[Chart, ...] = ()
    if with_hours is not None and any(with_hours):
        first = min(h for h, n in enumerate(with_hours) if n)
        last = max(h for h, n in enumerate(with_hours) if n)
        hours = range(min(first, 9), max(last, 20) + 1)
        charts = (
            Chart(
                "bookings_by_hour",
                _("Appointments by hour"),
                "bar",
                tuple(f"{h}" for h in hours),
                tuple(with_hours[h] for h in hours),
            ),
        )
    return Section(_("Appointments"), (summary, beauticians, late), charts)


def _when(at: datetime | None) -> str:
    if at is None:
        return ""
    return at.strftime("%m-%d %H:%M")


# --- stock counts -------------------------------------------------------------------------
def stock_section(st: StockCountFigures) -> Section:
    rows = tuple(
        (
            v.count_number,
            v.product,
            _(LOCATIONS.get(v.location, v.location)),
            v.expected,
            v.counted,
            v.variance,
            v.value,
            " ".join(
                part for part in (_(VARIANCE_REASONS[v.reason]) if v.reason else "", v.note) if part
            ),
        )
        for v in st.variances
    )
    table = Table(
        "stock_variances",
        _("Stock count differences"),
        (
            Column(_("Count"), width=1.2),
            Column(_("Product"), width=2.2),
            Column(_("Location"), width=0.9),
            Column(_("Books"), "int", 0.6),
            Column(_("Counted"), "int", 0.6),
            Column(_("Difference"), "int", 0.7),
            Column(_("Value at cost"), "money", 1.0),
            Column(_("Reason"), width=1.2),
        ),
        rows,
        total=(_("Total"), "", "", "", "", sum(v.variance for v in st.variances), st.net, "")
        if rows
        else None,
        empty=_("No stock count was posted.")
        if not st.counts
        else _("Every counted product matched the books."),
    )
    notes: tuple[str, ...] = ()
    if st.counts:
        notes = (
            _(
                "Counts posted: {numbers}; {lines} lines counted; short {short}, "
                "over {over}, net {net}.",
                numbers=", ".join(st.counts),
                lines=st.lines_counted,
                short=st.shortage.format(),
                over=st.surplus.format(),
                net=st.net.format(),
            ),
        )
    return Section(_("Stock count (前台产品盘点)"), (table,), (), notes)


# --- whole reports ---------------------------------------------------------------------
def daily_layout(report: DailyReport) -> Layout:
    h = report.header
    return Layout(
        title=_(TITLE_DAILY),
        subtitle=day_text(h.start),
        shop=h.shop_name,
        address=h.shop_address,
        printed=_printed(report),
        sections=(
            rl.takings_section(report.register, charts=True),
            rl.exceptions_section(report.register),
            Section(_("Beauticians"), (rl.beauticians_table(report.register),)),
            cl.cards_section(report.cards),
            rl.cash_section(report.register.cash, report.register.till_opened),
            booking_section(report.bookings, with_hours=report.bookings_by_hour),
            stock_section(report.stock),
        ),
    )


def period_layout(report: PeriodReport) -> Layout:
    h = report.header
    days = Table(
        "days",
        _("Appointments day by day"),
        (
            Column(_("Date"), width=1.1),
            Column(_("Bookings"), "int"),
            Column(_("Completed"), "int"),
            Column(_("Cancelled"), "int"),
            Column(_("No-show"), "int"),
            Column(_("Auto-cancelled (late)"), "int", 1.2),
            Column(_("List price of services"), "money", 1.3),
            Column(_("Stock difference"), "money", 1.2),
        ),
        tuple(
            (
                day_text(d.day),
                d.bookings,
                d.completed,
                d.cancelled,
                d.no_show,
                d.auto_cancelled,
                d.completed_value,
                d.stock_variance,
            )
            for d in report.days
        ),
        total=(
            _("Total"),
            sum(d.bookings for d in report.days),
            sum(d.completed for d in report.days),
            sum(d.cancelled for d in report.days),
            sum(d.no_show for d in report.days),
            sum(d.auto_cancelled for d in report.days),
            Money(sum(d.completed_value.fen for d in report.days)),
            Money(sum(d.stock_variance.fen for d in report.days)),
        ),
    )
    money = Table(
        "days_takings",
        _("Takings day by day"),
        (
            Column(_("Date"), width=1.1),
            Column(_("Sales amount"), "money"),
            Column(_("Refunds and voids"), "money"),
            Column(_("Takings"), "money"),
            Column(_("Over (+) or short (-)"), "money"),
            Column(_("Card money in"), "money"),
            Column(_("Card revenue"), "money"),
        ),
        tuple(
            (
                day_text(d.day),
                d.sales,
                d.refunded,
                d.takings,
                d.over_short if d.over_short is not None else _("not closed"),
                d.cards_received,
                d.cards_earned,
            )
            for d in report.days
        ),
        total=(
            _("Total"),
            Money(sum(d.sales.fen for d in report.days)),
            Money(sum(d.refunded.fen for d in report.days)),
            Money(sum(d.takings.fen for d in report.days)),
            Money(sum(d.over_short.fen for d in report.days if d.over_short is not None)),
            Money(sum(d.cards_received.fen for d in report.days)),
            Money(sum(d.cards_earned.fen for d in report.days)),
        ),
    )
    takings_chart = Chart(
        "takings_by_day",
        _("Takings by day (yuan)"),
        "bar",
        tuple(d.day.strftime("%m-%d") for d in report.days),
        tuple(d.takings.fen for d in report.days),
        money=True,
    )
    chart = Chart(
        "completed_by_day",
        _("Completed appointments by day"),
        "bar",
        tuple(d.day.strftime("%m-%d") for d in report.days),
        tuple(d.completed for d in report.days),
    )
    return Layout(
        title=_(TITLE_PERIOD),
        subtitle=f"{day_text(h.start)} – {day_text(h.end)}",
        shop=h.shop_name,
        address=h.shop_address,
        printed=_printed(report),
        sections=(
            Section(_("Day by day"), (money, days), (takings_chart, chart)),
            rl.takings_section(report.register, charts=False),
            cl.cards_section(report.cards),
            ml.members_section(report.members, day_text(h.end)),
            rl.exceptions_section(report.register),
            Section(_("Beauticians"), (rl.beauticians_table(report.register),)),
            booking_section(report.bookings, with_hours=None),
            stock_section(report.stock),
        ),
    )


from salon_desk.reports import card_layout as cl  # noqa: E402  (uses the types above)
from salon_desk.reports import member_layout as ml  # noqa: E402
from salon_desk.reports import register_layout as rl  # noqa: E402


def layout_of(report: DailyReport | PeriodReport) -> Layout:
    if isinstance(report, DailyReport):
        return daily_layout(report)
    return period_layout(report)


def cell_text(cell: Cell, *, grouping: bool = True) -> str:
    if isinstance(cell, Money):
        return cell.format("", grouping=grouping)
    return str(cell)
