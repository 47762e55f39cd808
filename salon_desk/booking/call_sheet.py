"""Call sheets as A4 PDFs, with boxes to tick by hand: tomorrow's reminder calls (提早一日
提醒; one line per booking with time, name, phone, services and beautician) and the day's
follow-up calls (电话追踪; who, the purpose, why she is on the list, the key points)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path

from salon_desk.booking.rows import FollowUpRow, ReminderRow
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


#: The follow-up call sheet: (title, width in mm).
FOLLOW_UP_COLUMNS: tuple[tuple[str, float], ...] = (
    (N_("Name"), 18),
    (N_("Phone"), 26),
    (N_("Purpose"), 32),
    (N_("Reason"), 29),
    (N_("Key points"), 47),
    (N_("Talked"), 16),
    (N_("No answer"), 18),
)

BOX = "☐"


def write_call_sheet(
    rows: Sequence[ReminderRow],
    day: date,
    shop: str,
    tz: tzinfo,
    target: Path,
    *,
    font_path: str | None = None,
) -> PdfFont:
    lines = [
        [
            r.booking.starts_at.astimezone(tz).strftime("%H:%M"),
            r.booking.guest_name,
            r.booking.guest_phone,
            r.booking.service_names,
            f"{r.booking.staff_number}号 {r.booking.staff_name}",
            BOX,
            BOX,
            "",
        ]
        for r in rows
    ]
    return write_sheet(
        _("Reminder calls"),
        COLUMNS,
        lines,
        day,
        shop,
        target,
        empty=_("No bookings to remind."),
        font_path=font_path,
    )


def write_follow_up_sheet(
    rows: Sequence[FollowUpRow],
    day: date,
    shop: str,
    target: Path,
    *,
    purposes: dict[str, str],
    origins: dict[str, str],
    font_path: str | None = None,
) -> PdfFont:
    """The day's follow-up calls (电话追踪): who, why (the purpose and the reason she is on
    the list), the key points, and boxes for the outcome. Calls already made are left out."""
    lines = [
        [
            f.name,
            f.contact,
            _(purposes.get(f.purpose, f.purpose)),
            _(origins.get(f.origin, f.origin)),
            f.key_points,
            BOX,
            BOX,
        ]
        for f in rows
        if f.outcome is None
    ]
    return write_sheet(
        _("Follow-up calls"),
        FOLLOW_UP_COLUMNS,
        lines,
        day,
        shop,
        target,
        empty=_("No follow-up calls."),
        font_path=font_path,
    )


def write_sheet(
    title: str,
    columns: Sequence[tuple[str, float]],
    lines: Sequence[Sequence[str]],
    day: date,
    shop: str,
    target: Path,
    *,
    empty: str,
    font_path: str | None = None,
) -> PdfFont:
    """An A4 call sheet: a heading, one row per line, a box to tick for each ``BOX``."""
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font(font_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        c = Canvas(str(target), pagesize=(PAGE_W, PAGE_H), invariant=1)
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    c.setTitle(title)
    page = 1
    y = _heading(c, font.name, title, columns, shop, day, page)
    for cells in lines:
        if y < MARGIN + ROW_H:
            c.showPage()
            page += 1
            y = _heading(c, font.name, title, columns, shop, day, page)
        x = MARGIN
        c.setFont(font.name, 10)
        for (_title, width), text in zip(columns, cells, strict=True):
            if text == BOX:
                c.rect(x + 4 * MM, y - 6.5 * MM, 4 * MM, 4 * MM)
            else:
                c.drawString(
                    x + 1.5 * MM, y - 6 * MM, clip_text(text, font.name, 10, width * MM - 3 * MM)
                )
            x += width * MM
        c.line(MARGIN, y - ROW_H, PAGE_W - MARGIN, y - ROW_H)
        y -= ROW_H
    if not lines:
        c.setFont(font.name, 12)
        c.drawString(MARGIN, y - 10 * MM, empty)
    try:
        c.save()
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    return font


def _heading(
    c: object,
    font: str,
    title: str,
    columns: Sequence[tuple[str, float]],
    shop: str,
    day: date,
    page: int,
) -> float:
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    y = PAGE_H - MARGIN
    c.setFont(font, 16)
    c.drawString(MARGIN, y - 6 * MM, f"{shop}  {title}  {day:%Y-%m-%d}")
    c.setFont(font, 9)
    c.drawRightString(PAGE_W - MARGIN, y - 6 * MM, _("Page {n}", n=page))
    y -= 14 * MM
    x = MARGIN
    c.setFont(font, 10)
    for col_title, width in columns:
        c.drawString(x + 1.5 * MM, y - 6 * MM, _(col_title))
        x += width * MM
    c.setLineWidth(1.2)
    c.line(MARGIN, y - ROW_H, PAGE_W - MARGIN, y - ROW_H)
    c.setLineWidth(0.5)
    return y - ROW_H
