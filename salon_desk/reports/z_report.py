"""The Z report of a closed day as an A4 PDF: from the closing screen (whoever may close
the day) and from the command line. The figures are the ones the Z froze; writing the
file is recorded in the audit log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_, _
from salon_desk.pos.models import ZReport
from salon_desk.pos.till_service import TillService
from salon_desk.reports import register_figures as rf
from salon_desk.reports.output import write_bytes
from salon_desk.reports.z_layout import ZSheet, z_layout


class ZReportPdf:
    def __init__(self, core: Core) -> None:
        self.core = core

    def last_closed_day(self) -> date:
        with self.core.db.read() as s:
            day: date | None = s.scalar(select(func.max(ZReport.day)))
        if day is None:
            raise NotFound(N_("No day has been closed yet."))
        return day

    def sheet(self, day: date, *, printed_by: str) -> ZSheet:
        """The Z of ``day`` (:class:`NotFound` when the day is not closed) with the day's
        refunds, voids and drawer events."""
        z = TillService(self.core).z_report(day)
        tz = self.core.settings.tz()
        with self.core.db.read() as s:
            who = rf._who(s)
            refunds = rf._refunds(s, day, day, tz, who)
            drawer = rf._drawer(s, day, day, tz, who)
        return ZSheet(
            z=z,
            refunds=refunds,
            drawer=drawer,
            shop=str(self.core.settings.get("shop.name")),
            address=str(self.core.settings.get("shop.address") or ""),
            closed_by=z.staff_name,
            closed_at=z.at.astimezone(tz),
            printed_by=printed_by,
            printed_at=self.core.clock.now().astimezone(tz),
        )

    def render(self, sheet: ZSheet, *, font: str | None = None) -> bytes:
        from salon_desk.reports.pdf import render_pdf

        configured = font or str(self.core.settings.get("pdf.font") or "") or None
        return render_pdf(z_layout(sheet), font_path=configured)

    def save(self, actor: Actor | None, day: date, path: Path, *, font: str | None = None) -> Path:
        """Write the Z of ``day`` as a PDF to ``path`` (whole or not at all). ``actor`` is
        ``None`` on the command line."""
        if actor is not None:
            require(actor, Perm.CLOSE_DAY)
        printed_by = f"{actor.number} {actor.name}" if actor is not None else _("command line")
        sheet = self.sheet(day, printed_by=printed_by)
        written = write_bytes(self.render(sheet, font=font), path)
        with self.core.db.tx() as s:
            record(
                s,
                self.core.clock,
                actor,
                "report.save",
                "report",
                "z",
                after={"z": sheet.z.number, "format": "pdf", "file": str(written)},
                reason=None if actor is not None else "command line",
            )
        return written
