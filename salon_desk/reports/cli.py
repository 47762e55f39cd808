"""Command-line reports, so a manager can script them.

salon-desk report daily --date YYYY-MM-DD --out FILE.pdf [--csv FILE] [--xlsx FILE]
salon-desk report period --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--csv FILE]
                         [--xlsx FILE]
salon-desk report z [--date YYYY-MM-DD] --out FILE.pdf   the Z report of a closed day (the
                                                         last one closed without --date)
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, _


def parse_day(text: str, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise Invalid(
            N_("Not a date: {text}. Write it as YYYY-MM-DD."), field=field, text=str(text)
        ) from exc


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE.pdf", type=Path, help=_("the PDF to write"))
    p.add_argument("--csv", metavar="FILE.csv", type=Path, help=_("also write the tables as CSV"))
    p.add_argument("--xlsx", metavar="FILE.xlsx", type=Path, help=_("also write an Excel file"))
    p.add_argument("--font", metavar="FILE", help=_("a TrueType Chinese font file"))


def register(sub: Any) -> None:
    report = sub.add_parser("report", help=_("daily and period reports as PDF, CSV or XLSX"))
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    daily = kinds.add_parser("daily", help=_("the daily report (营业日报表) of one day"))
    daily.add_argument("--date", metavar="YYYY-MM-DD", required=True, help=_("the day"))
    _outputs(daily)
    daily.set_defaults(handler=daily_command)
    period = kinds.add_parser("period", help=_("a week, a month or any range of days"))
    period.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=True,
                        help=_("the first day"))  # fmt: skip
    period.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=True,
                        help=_("the last day"))  # fmt: skip
    _outputs(period)
    period.set_defaults(handler=period_command)
    z = kinds.add_parser("z", help=_("the Z report (closing the day) of a closed day as a PDF"))
    z.add_argument("--date", metavar="YYYY-MM-DD", help=_("the day (default: the last closed)"))
    z.add_argument("--out", metavar="FILE.pdf", type=Path, required=True,
                   help=_("the PDF to write"))  # fmt: skip
    z.add_argument("--font", metavar="FILE", help=_("a TrueType Chinese font file"))
    z.set_defaults(handler=z_command)


def _save(args: argparse.Namespace, core: Core, report: Any) -> int:
    from salon_desk.reports.service import ReportService

    wanted = [(args.out, "pdf"), (args.csv, "csv"), (args.xlsx, "xlsx")]
    wanted = [(path, fmt) for path, fmt in wanted if path is not None]
    if not wanted:
        raise Invalid(N_("Say where to write the report: --out, --csv or --xlsx."), field="out")
    service = ReportService(core)
    for path, fmt in wanted:
        written = service.save(None, report, path, fmt, font=args.font)
        print(_("Report written: {file}", file=str(written)))
    return 0


def daily_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.reports.service import ReportService

    day = parse_day(args.date)
    report = ReportService(core).build_daily(day, printed_by=_("command line"))
    return _save(args, core, report)


def period_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.reports.service import ReportService

    start, end = parse_day(args.start, "from"), parse_day(args.end, "to")
    report = ReportService(core).build_period(start, end, printed_by=_("command line"))
    return _save(args, core, report)


def z_command(args: argparse.Namespace, core: Core) -> int:
    from salon_desk.reports.z_report import ZReportPdf

    service = ZReportPdf(core)
    day = parse_day(args.date) if args.date else service.last_closed_day()
    written = service.save(None, day, args.out, font=args.font)
    print(_("Report written: {file}", file=str(written)))
    return 0
