"""The monthly complaint summary (投诉汇总) as an A4 PDF for the manager: counts by
severity and status, then every complaint of the month with its resolution."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any

from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.pdf_font import PdfFont, cjk_font
from salon_desk.frontdesk import rules
from salon_desk.frontdesk.rows import ComplaintRow, ComplaintSummary

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN = 15 * MM
LINE = 5 * MM
#: Column x offsets (mm) of the complaint table.
COLUMNS = (
    (0, N_("Complaint no.")),
    (28, N_("Registered")),
    (52, N_("Customer")),
    (80, N_("Severity")),
    (96, N_("Status")),
    (116, N_("Complaint / resolution")),
)


def _wrap(c: Any, text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for ch in para:
            if stringWidth(line + ch, font, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


class _Page:
    def __init__(self, c: Any, font: str, summary: ComplaintSummary, shop: str) -> None:
        self.c, self.font, self.summary, self.shop = c, font, summary, shop
        self.page = 0

    def header(self) -> float:
        self.page += 1
        c, f = self.c, self.font
        y = PAGE_H - MARGIN
        c.setFont(f, 15)
        month = self.summary.month
        c.drawString(
            MARGIN,
            y - 4 * MM,
            _("Complaint summary {year}-{month:02d}", year=month.year, month=month.month),
        )
        c.setFont(f, 9)
        c.drawRightString(PAGE_W - MARGIN, y - 4 * MM, self.shop)
        c.drawRightString(PAGE_W - MARGIN, MARGIN - 6 * MM, _("Page {n}", n=self.page))
        return y - 12 * MM

    def titles(self, y: float) -> float:
        self.c.setFont(self.font, 9)
        for x, title in COLUMNS:
            self.c.drawString(MARGIN + x * MM, y, _(title))
        self.c.line(MARGIN, y - 1.5 * MM, PAGE_W - MARGIN, y - 1.5 * MM)
        return y - 6 * MM


def _cells(row: ComplaintRow, tz: tzinfo) -> list[str]:
    return [
        row.number,
        row.received_at.astimezone(tz).strftime("%m-%d %H:%M"),
        row.customer[:8],
        _(rules.SEVERITIES[row.severity]),
        _(rules.STATUSES[row.status]),
    ]


def write_summary(
    path: Path, summary: ComplaintSummary, *, shop: str, tz: tzinfo, font_path: str | None
) -> PdfFont:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font(font_path)
    f = font.name
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(
        _(
            "Complaint summary {year}-{month:02d}",
            year=summary.month.year,
            month=summary.month.month,
        )
    )
    c.setAuthor("Salon Desk")
    page = _Page(c, f, summary, shop)
    y = page.header()
    c.setFont(f, 11)
    c.drawString(MARGIN, y, _("Complaints this month: {n}", n=summary.total))
    y -= LINE + 1 * MM
    for label, counts, names in (
        (_("By severity"), summary.by_severity, rules.SEVERITIES),
        (_("By status"), summary.by_status, rules.STATUSES),
    ):
        parts = [f"{_(names[k])} {counts[k]}" for k in names]
        c.drawString(MARGIN, y, f"{label}: " + "    ".join(parts))
        y -= LINE + 1 * MM
    y = page.titles(y - 3 * MM)
    text_w = PAGE_W - 2 * MARGIN - 116 * MM
    for row in summary.complaints:
        body = _wrap(c, row.what, f, 8.5, text_w)
        if row.resolution:
            body += _wrap(c, _("Resolved: {text}", text=row.resolution), f, 8.5, text_w)
        need = max(1, len(body)) * 4.2 * MM + 2 * MM
        if y - need < MARGIN:
            c.showPage()
            y = page.titles(page.header())
        c.setFont(f, 8.5)
        for (x, _title), cell in zip(COLUMNS, _cells(row, tz), strict=False):
            c.drawString(MARGIN + x * MM, y, cell)
        for i, line in enumerate(body):
            c.drawString(MARGIN + 116 * MM, y - i * 4.2 * MM, line)
        y -= need
    if not summary.complaints:
        c.setFont(f, 10)
        c.drawString(MARGIN, y, _("No complaints this month."))
    try:
        c.save()
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    return font
