"""Tomorrow's reminder calls (提早一日提醒) as an A4 PDF call sheet: one line per booking
with time, name, phone, services and beautician, and boxes to tick by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path

from salon_desk.booking.rows import ReminderRow
from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.pdf_font import PdfFont, cjk_font, clip_text

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN = 12 * MM
ROW_H = 9 * MM

#: (title, width in mm)
COLUMNS: tuple[tuple[str, float], ...] = (
    (N_("Time"), 14),
    (N_("Name"), 22),
    (N_("Phone"), 28),
    (N_("Services"), 46),
    (N_("Beautician"), 22),
    (N_("Confirmed"), 16),
    (N_("No answer"), 16),
    (N_("Note"), 22),
)


def write_call_sheet(
    rows: Sequence[ReminderRow],
    day: date,
    shop: str,
    tz: tzinfo,
    target: Path,
    *,
    font_path: str | None = None,
) -> PdfFont:
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font(font_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        c = Canvas(str(target), pagesize=(PAGE_W, PAGE_H), invariant=1)
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    c.setTitle(_("Reminder calls"))
    page = 1
    y = _heading(c, font.name, shop, day, page)
    for row in rows:
        if y < MARGIN + ROW_H:
            c.showPage()
            page += 1
            y = _heading(c, font.name, shop, day, page)
        b = row.booking
        cells = [
            b.starts_at.astimezone(tz).strftime("%H:%M"),
            b.guest_name,
            b.guest_phone,
            b.service_names,
            f"{b.staff_number}号 {b.staff_name}",
            "☐",
            "☐",
            "",
        ]
        x = MARGIN
        c.setFont(font.name, 10)
        for (_title, width), text in zip(COLUMNS, cells, strict=True):
            if text == "☐":
                c.rect(x + 4 * MM, y - 6.5 * MM, 4 * MM, 4 * MM)
            else:
                c.drawString(
                    x + 1.5 * MM, y - 6 * MM, clip_text(text, font.name, 10, width * MM - 3 * MM)
                )
            x += width * MM
        c.line(MARGIN, y - ROW_H, PAGE_W - MARGIN, y - ROW_H)
        y -= ROW_H
    if not rows:
        c.setFont(font.name, 12)
        c.drawString(MARGIN, y - 10 * MM, _("No bookings to remind."))
    try:
        c.save()
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    return font


def _heading(c: object, font: str, shop: str, day: date, page: int) -> float:
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    y = PAGE_H - MARGIN
    c.setFont(font, 16)
    c.drawString(MARGIN, y - 6 * MM, f"{shop}  {_('Reminder calls')}  {day:%Y-%m-%d}")
    c.setFont(font, 9)
    c.drawRightString(PAGE_W - MARGIN, y - 6 * MM, _("Page {n}", n=page))
    y -= 14 * MM
    x = MARGIN
    c.setFont(font, 10)
    for title, width in COLUMNS:
        c.drawString(x + 1.5 * MM, y - 6 * MM, _(title))
        x += width * MM
    c.setLineWidth(1.2)
    c.line(MARGIN, y - ROW_H, PAGE_W - MARGIN, y - ROW_H)
    c.setLineWidth(0.5)
    return y - ROW_H
