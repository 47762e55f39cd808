"""The manager's reports: build the figures of a day or a range, save them as a PDF,
CSV or XLSX file.

Reading needs the reports permission (``Perm.REPORTS``); the command line, run by whoever
can open the database file, builds them with ``printed_by`` naming it. Every file written
is recorded in the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.reports import booking_figures as bf
from salon_desk.reports import card_figures as cf
from salon_desk.reports import kept_figures
from salon_desk.reports import member_figures as mf
from salon_desk.reports import period_figures as pf
from salon_desk.reports import register_figures as rf
from salon_desk.reports import stock_figures as sf
from salon_desk.reports.model import DailyReport, DayRow, Header, PeriodReport
from salon_desk.reports.output import FORMATS, write_report
from salon_desk.reports.tenders import tender_groups

#: The longest range a period report covers.
MAX_DAYS = 366

Report = DailyReport | PeriodReport


def check_range(start: date, end: date) -> None:
    if end < start:
        raise Invalid(
            N_("The end date {end} is before the start date {start}."),
            field="end",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise Invalid(N_("A report covers at most {days} days."), field="end", days=MAX_DAYS)


class ReportService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- with a signed-in manager ------------------------------------------------------
    def daily(self, actor: Actor, day: date) -> DailyReport:
        require(actor, Perm.REPORTS)
        return self.build_daily(day, printed_by=f"{actor.number} {actor.name}")

    def period(self, actor: Actor, start: date, end: date) -> PeriodReport:
        require(actor, Perm.REPORTS)
        return self.build_period(start, end, printed_by=f"{actor.number} {actor.name}")

    def save(
        self, actor: Actor | None, report: Report, path: Path, fmt: str, *, font: str | None = None
    ) -> Path:
        """Write ``report`` as ``fmt`` (``pdf``, ``csv`` or ``xlsx``) to ``path``; the file
        appears whole or not at all. ``actor`` is ``None`` on the command line."""
        if actor is not None:
            require(actor, Perm.REPORTS)
        if fmt not in FORMATS:
            raise Invalid(N_("Unknown file format: {format}"), field="format", format=fmt)
        configured = font or str(self.core.settings.get("pdf.font") or "") or None
        written = write_report(report, path, fmt, font=configured)
        h = report.header
        with self.core.db.tx() as s:
            record(
                s,
                self.core.clock,
                actor,
                "report.save",
                "report",
                "daily" if isinstance(report, DailyReport) else "period",
                after={
                    "from": h.start.isoformat(),
                    "to": h.end.isoformat(),
                    "format": fmt,
                    "file": str(written),
                },
                reason=None if actor is not None else "command line",
            )
        return written

    # --- building ------------------------------------------------------------------------
    def _header(self, start: date, end: date, printed_by: str) -> Header:
        tz = self.core.settings.tz()
        return Header(
            shop_name=str(self.core.settings.get("shop.name")),
            shop_address=str(self.core.settings.get("shop.address") or ""),
            start=start,
            end=end,
            printed_by=printed_by,
            printed_at=self.core.clock.now().astimezone(tz),
        )

    def build_daily(self, day: date, *, printed_by: str) -> DailyReport:
        tz = self.core.settings.tz()
        with self.core.db.read() as s:
            kept = kept_figures.read(s, day, day)
            return DailyReport(
                header=self._header(day, day, printed_by),
                bookings=bf.booking_figures(s, kept, tz),
                stock=sf.stock_figures(s, day, day, tz),
                bookings_by_hour=bf.bookings_by_hour(s, day, tz),
                register=rf.register_figures(s, kept, tz),
                cards=cf.card_figures(s, kept),
            )

    def build_period(self, start: date, end: date, *, printed_by: str) -> PeriodReport:
        check_range(start, end)
        tz = self.core.settings.tz()
        with self.core.db.read() as s:
            kept = kept_figures.read(s, start, end)
            per_day = bf.bookings_by_day(kept)
            variance = sf.variance_by_day(s, start, end, tz)
            lines = rf.line_groups(kept)  # read once for both
            tenders = tender_groups(kept)  # read once for both
            till = rf.per_day(s, kept, lines, tenders)
            ledgers = pf.Ledgers(s)  # period cards' ledgers: read once for both
            card_total, cards = cf.cards_in_range(s, kept, ledgers)
            days = []
            day = start
            while day <= end:
                c = per_day.get(day)
                sold, refunded, takings, over = till.get(day, (0, 0, 0, None))
                card = cards.get(day)
                days.append(
                    DayRow(
                        day=day,
                        bookings=sum(v for k, v in c.items() if k != "_value") if c else 0,
                        completed=c["completed"] if c else 0,
                        cancelled=c["cancelled"] if c else 0,
                        no_show=c["no_show"] if c else 0,
                        auto_cancelled=c["auto_cancelled"] if c else 0,
                        completed_value=Money(c["_value"] if c else 0),
                        stock_variance=Money(variance.get(day, 0)),
                        sales=Money(sold),
                        refunded=Money(refunded),
                        takings=Money(takings),
                        over_short=None if over is None else Money(over),
                        cards_received=card.received if card else Money(0),
                        cards_earned=card.earned if card else Money(0),
                    )
                )
                day += timedelta(days=1)
            return PeriodReport(
                header=self._header(start, end, printed_by),
                days=tuple(days),
                bookings=bf.booking_figures(s, kept, tz),
                stock=sf.stock_figures(s, start, end, tz),
                register=rf.register_figures(s, kept, tz, lines, tenders),
                cards=card_total,
                members=mf.member_figures(s, kept, tz, ledgers),
            )
