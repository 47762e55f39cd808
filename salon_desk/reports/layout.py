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
from salon_desk.reports.model import DailyReport, PeriodReport

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
            bl.booking_section(report.bookings, with_hours=report.bookings_by_hour),
            sl.stock_section(report.stock),
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
            bl.booking_section(report.bookings, with_hours=None),
            sl.stock_section(report.stock),
        ),
    )


from salon_desk.reports import booking_layout as bl  # noqa: E402  (uses the types above)
from salon_desk.reports import card_layout as cl  # noqa: E402
from salon_desk.reports import member_layout as ml  # noqa: E402
from salon_desk.reports import register_layout as rl  # noqa: E402
from salon_desk.reports import stock_layout as sl  # noqa: E402


def layout_of(report: DailyReport | PeriodReport) -> Layout:
    if isinstance(report, DailyReport):
        return daily_layout(report)
    return period_layout(report)


def cell_text(cell: Cell, *, grouping: bool = True) -> str:
    if isinstance(cell, Money):
        return cell.format("", grouping=grouping)
    return str(cell)
