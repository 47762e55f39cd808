"""The count sheet (前台产品盘点表) as an A4 PDF, drawn straight on the canvas.

While a count is still being counted the sheet is blind: the book quantities and the
variances are left empty, so it can be printed and filled in by hand. Once counting is
finished it shows them line by line with the reasons, the totals and the signatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import IO, Any

from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.core.pdf_font import PdfFont, cjk_font, clip_text
from salon_desk.stock.rows import CountLineRow, CountRow
from salon_desk.stock.rules import COUNT_STATUSES, LOCATIONS, SCOPES, VARIANCE_REASONS

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN = 10 * MM
ROW_H = 6.2 * MM
YUAN = "￥"

#: (title, width in mm, right-aligned)
COLUMNS: tuple[tuple[str, float, bool], ...] = (
    (N_("No."), 10, True),
    (N_("Brand"), 18, False),
    (N_("Product"), 46, False),
    (N_("Specification"), 15, False),
    (N_("Location"), 17, False),
    (N_("Books"), 14, True),
    (N_("Counted"), 14, True),
    (N_("Difference"), 14, True),
    (N_("Value"), 20, True),
    (N_("Reason"), 22, False),
)


def location_text(line: CountLineRow) -> str:
    if line.location == "display" and line.cabinet:
        shelf = f"-{line.shelf}" if line.shelf is not None else ""
        return f"{_(LOCATIONS['display'])} {line.cabinet}{shelf}"
    return _(LOCATIONS[line.location])


def _cells(n: int, line: CountLineRow) -> list[str]:
    reason = _(VARIANCE_REASONS[line.reason]) if line.reason in VARIANCE_REASONS else ""
    if line.note:
        reason = f"{reason} {line.note}".strip()
    name = ("* " if line.flagged else "") + line.name_zh
    return [
        str(n),
        line.brand,
        name,
        line.spec,
        location_text(line),
        "" if line.expected is None else str(line.expected),
        "" if line.counted is None else str(line.counted),
        "" if line.variance is None else f"{line.variance:+d}" if line.variance else "0",
        "" if not line.variance_value else line.variance_value.format(YUAN),
        reason,
    ]


class _Sheet:
    def __init__(self, c: Any, font: str, count: CountRow, shop: str, tz: tzinfo) -> None:
        self.c = c
        self.font = font
        self.count = count
        self.shop = shop
        self.tz = tz
        self.page = 0

    def header(self) -> float:
        c, f, count = self.c, self.font, self.count
        self.page += 1
        y = PAGE_H - MARGIN
        c.setFont(f, 16)
        c.drawCentredString(PAGE_W / 2, y - 16, f"{self.shop} {_('Front-desk stock count sheet')}")
        y -= 26
        c.setFont(f, 9)
        started = count.started_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")
        left = "    ".join(
            [
                f"{_('Count No.')}: {count.number}",
                f"{_('Count scope')}: {_(SCOPES[count.scope])}",
                f"{_('Started')}: {started} {count.started_by}",
            ]
        )
        c.drawString(MARGIN, y - 9, left)
        status = f"{_('Status')}: {_(COUNT_STATUSES[count.status])}"
        c.drawRightString(PAGE_W - MARGIN, y - 9, status)
        y -= 16
        return self.column_titles(y)

    def column_titles(self, y: float) -> float:
        c = self.c
        c.setFillGray(0.9)
        c.rect(MARGIN, y - ROW_H, PAGE_W - 2 * MARGIN, ROW_H, stroke=0, fill=1)
        c.setFillGray(0)
        self.row([_(t) for t, _w, _r in COLUMNS], y, size=8.5)
        return y - ROW_H

    def row(self, cells: Sequence[str], y: float, size: float = 8.5) -> None:
        c, f = self.c, self.font
        c.setFont(f, size)
        x = MARGIN
        base = y - ROW_H + (ROW_H - size) / 2 + 1.5
        for text, (_t, width, right) in zip(cells, COLUMNS, strict=True):
            w = width * MM
            shown = clip_text(text, f, size, w - 3)
            if right:
                c.drawRightString(x + w - 1.5, base, shown)
            else:
                c.drawString(x + 1.5, base, shown)
            x += w
        c.setStrokeGray(0.8)
        c.setLineWidth(0.4)
        c.line(MARGIN, y - ROW_H, PAGE_W - MARGIN, y - ROW_H)

    def footer(self, pages_hint: str = "") -> None:
        self.c.setFont(self.font, 8)
        self.c.drawCentredString(PAGE_W / 2, MARGIN / 2, f"{self.count.number}  {self.page}")


def write_count_sheet(
    count: CountRow,
    lines: Sequence[CountLineRow],
    out: Path | IO[bytes],
    *,
    shop: str,
    tz: tzinfo,
    font_path: str | None = None,
) -> PdfFont:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font(font_path)
    target: Any = str(out) if isinstance(out, Path) else out
    c = Canvas(target, pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(f"{_('Front-desk stock count sheet')} {count.number}")
    c.setAuthor("Salon Desk")
    sheet = _Sheet(c, font.name, count, shop, tz)
    y = sheet.header()
    bottom = MARGIN + 12 * MM
    for n, line in enumerate(lines, start=1):
        if y - ROW_H < bottom:
            sheet.footer()
            c.showPage()
            y = sheet.header()
        sheet.row(_cells(n, line), y)
        y -= ROW_H
    # totals and signatures
    if y - 26 * MM < bottom:
        sheet.footer()
        c.showPage()
        y = sheet.header()
    y -= 6 * MM
    c.setFont(font.name, 10)
    differing = [ln for ln in lines if ln.variance]
    value = Money(sum(ln.variance_value.fen for ln in lines if ln.variance_value is not None))
    summary = [f"{_('Lines')}: {len(lines)}"]
    if count.status != "counting":
        summary += [
            f"{_('Differences')}: {len(differing)}",
            f"{_('Difference in value (at cost)')}: {value.format(YUAN)}",
        ]
    c.drawString(MARGIN, y, "    ".join(summary))
    if any(ln.flagged for ln in lines):
        y -= 5 * MM
        c.setFont(font.name, 8)
        c.drawString(MARGIN, y, _("* sold below zero since the last count"))
    y -= 12 * MM
    c.setFont(font.name, 10)
    people = [
        (_("Counted by"), count.started_by),
        (_("Checked by"), count.posted_by or ""),
        (_("Approved by"), count.approved_by or ""),
    ]
    third = (PAGE_W - 2 * MARGIN) / 3
    for i, (title, name) in enumerate(people):
        x = MARGIN + i * third
        c.drawString(x, y, f"{title}: {name}")
        c.line(x + 22 * MM, y - 1.5, x + third - 6 * MM, y - 1.5)
    if count.posted_at is not None:
        y -= 7 * MM
        posted = count.posted_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        c.drawString(MARGIN, y, f"{_('Posted')}: {posted}")
    sheet.footer()
    try:
        c.save()
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    return font
