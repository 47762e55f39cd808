"""Filling the appointments day view for the busiest day on file (about 30 beauticians on
duty and 300 or more bookings at full scale).

Subject: what the tab does when the day is shown — the roster, the rotation and the day's
bookings read through the services, the grid laid out and painted.
Floor, in the same process on the same database file: the same bookings, items and staff
read with one raw sqlite3 query, and as many rounded boxes with two lines of text painted
with a bare QPainter onto an image of the same size.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m bench.day_view DB
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import date, datetime, time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.app_core import fixed_clock, open_core, owner, raw
from bench.harness import Figure, Report, measure_pair

TARGET_RATIO = 10.0

_FLOOR_SQL = (
    "SELECT b.id, b.starts_at, b.ends_at, b.guest_name, s.number, i.name_zh "
    "FROM booking b JOIN staff s ON s.id = b.staff_id "
    "JOIN booking_item bi ON bi.booking_id = b.id "
    "JOIN service_item i ON i.id = bi.service_id WHERE b.day = ?"
)


def busiest_day(conn: sqlite3.Connection) -> tuple[date, int, int]:
    """(day, bookings, beauticians with a booking) of the day with the most bookings."""
    row = conn.execute(
        "SELECT day, count(*), count(DISTINCT staff_id) FROM booking "
        "GROUP BY day ORDER BY count(*) DESC, day LIMIT 1"
    ).fetchone()
    if row is None:
        raise SystemExit("the benchmark database has no bookings")
    return date.fromisoformat(row[0]), row[1], row[2]


def run(db: Path, report: Report, *, quick: bool) -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    from salon_desk.ui.appointments.booking_actions import BookingActions
    from salon_desk.ui.appointments.day_view import DayView
    from salon_desk.ui.context import UiContext
    from salon_desk.ui.prompts import ScriptedPrompts
    from salon_desk.ui.style import apply_style

    app = QApplication.instance() or QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    conn = raw(db)
    day, bookings, staff = busiest_day(conn)
    core = open_core(db)
    tz = core.settings.tz()
    core.close()
    core = open_core(db, clock=fixed_clock(datetime.combine(day, time(14), tzinfo=tz)))
    holder = QWidget()
    try:
        ctx = UiContext(core, prompts=ScriptedPrompts())
        ctx.sign_in(owner(core))
        holder.resize(1366, 650)
        view = DayView(ctx, BookingActions(ctx, holder), holder)
        view.resize(1366, 650)
        holder.show()
        app.processEvents()

        def subject() -> None:
            view.set_day(day)
            view.grid.body.grab()

        size = view.grid.body.size()
        columns = max(1, staff)

        def floor() -> None:
            rows = conn.execute(_FLOOR_SQL, (day.isoformat(),)).fetchall()
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("white"))
            p = QPainter(image)
            for k, row in enumerate(rows):
                rect = QRect(64 + (k % columns) * 128, (k // columns) * 56, 122, 52)
                p.setBrush(QColor("#d6e8fa"))
                p.drawRoundedRect(rect, 6, 6)
                p.drawText(rect, int(Qt.AlignmentFlag.AlignTop), f"{row[3]} {row[4]}")
                p.drawText(rect.adjusted(0, 24, 0, 0), int(Qt.AlignmentFlag.AlignTop), row[5])
            p.end()

        view.set_day(day)
        shown = len(view.rows)
        a, b = measure_pair(subject, floor, repeat=8 if quick else 20)
        report.add(
            Figure(
                f"day view: {day}, {staff} beauticians, {bookings} bookings",
                a,
                b,
                target_ratio=TARGET_RATIO,
                note=f"services + layout + paint of {shown} rows vs raw sqlite3 + bare QPainter",
            )
        )
    finally:
        holder.close()
        holder.deleteLater()
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
