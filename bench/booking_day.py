"""Filling the appointments day view: 20 beauticians on duty, 300 bookings in the day.

Subject: what the tab does when the day is shown — the roster, the rotation and the day's
bookings read through the services, the grid laid out and painted.
Floor, in the same process on the same database file: the same bookings, items and staff
read with one raw sqlite3 query, and 300 rounded boxes with two lines of text painted
with a bare QPainter onto an image of the same size.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python bench/booking_day.py
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.harness import Figure, Report, measure_pair

BEAUTICIANS = 20
BOOKINGS = 300
TZ = ZoneInfo("Asia/Shanghai")
DAY_START = datetime(2026, 11, 28, 9, 0, tzinfo=TZ)


def build(path: Path) -> tuple[object, object]:
    from salon_desk.booking import demo
    from salon_desk.booking.booking_service import BookingDraft, BookingService
    from salon_desk.booking.roster_service import RosterService
    from salon_desk.core.auth import Role
    from salon_desk.core.clock import FixedClock
    from salon_desk.core.context import Core

    clock = FixedClock(DAY_START - timedelta(days=1))
    core = Core.open(f"sqlite:///{path}", clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    staff: dict[str, int] = {}
    for n in range(1, BEAUTICIANS + 1):
        row = core.auth.create_staff(
            owner, name=f"美容师{n}", number=str(n), pin="1234", role=Role.BEAUTICIAN
        )
        staff[str(n)] = row.id
    services = list(demo.add_catalogue(core, owner, {}).values())
    day = DAY_START.date()
    roster = RosterService(core)
    for staff_id in staff.values():
        roster.set_shift(owner, staff_id, day, time(9), time(21))
    bookings = BookingService(core)
    rng = random.Random(7)
    short = [s for s in services if s.duration_min <= 45]
    phones = iter(range(13800000000, 13900000000))
    per_staff = BOOKINGS // BEAUTICIANS
    for staff_id in staff.values():
        start = DAY_START + timedelta(minutes=15 * rng.randrange(0, 3))
        for _ in range(per_staff):
            service = rng.choice(short)
            draft = BookingDraft("顾客", str(next(phones)), (service.id,), start, staff_id)
            bookings.book(owner, draft)
            start += timedelta(minutes=service.duration_min)
    clock.set(DAY_START + timedelta(hours=5))
    return core, owner


def main() -> None:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from salon_desk.ui.appointments.booking_actions import BookingActions
    from salon_desk.ui.appointments.day_view import DayView
    from salon_desk.ui.context import UiContext
    from salon_desk.ui.prompts import ScriptedPrompts
    from salon_desk.ui.style import apply_style

    app = QApplication([])
    apply_style(app)
    folder = Path(tempfile.mkdtemp(prefix="bench-booking-"))
    path = folder / "day.sqlite3"
    core, owner = build(path)
    ctx = UiContext(core, prompts=ScriptedPrompts())  # type: ignore[arg-type]
    ctx.sign_in(owner)  # type: ignore[arg-type]
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    holder.resize(1366, 650)
    view = DayView(ctx, BookingActions(ctx, holder), holder)
    view.resize(1366, 650)
    holder.show()
    app.processEvents()
    day = DAY_START.date()

    def subject() -> None:
        view.set_day(day)
        view.grid.body.grab()

    raw = sqlite3.connect(path)
    size = view.grid.body.size()

    def floor() -> None:
        rows = raw.execute(
            "SELECT b.id, b.starts_at, b.ends_at, b.guest_name, s.number, i.name_zh "
            "FROM booking b JOIN staff s ON s.id = b.staff_id "
            "JOIN booking_item bi ON bi.booking_id = b.id "
            "JOIN service_item i ON i.id = bi.service_id WHERE b.day = ?",
            (day.isoformat(),),
        ).fetchall()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        p = QPainter(image)
        for k, row in enumerate(rows):
            rect = QRect(64 + (k % BEAUTICIANS) * 128, (k // BEAUTICIANS) * 56, 122, 52)
            p.setBrush(QColor("#d6e8fa"))
            p.drawRoundedRect(rect, 6, 6)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignTop), f"{row[3]} {row[4]}")
            p.drawText(rect.adjusted(0, 24, 0, 0), int(Qt.AlignmentFlag.AlignTop), row[5])
        p.end()

    view.set_day(day)
    assert len(view.rows) == BOOKINGS
    report = Report()
    print(report.header())
    which = os.environ.get("BENCH_ONLY")
    if which == "subject":
        for _ in range(40):
            subject()
        return
    if which == "profile":
        import cProfile
        import pstats

        cProfile.runctx("for _ in range(5): subject()", globals(), locals(), "/tmp/day.prof")
        pstats.Stats("/tmp/day.prof").sort_stats("cumulative").print_stats(25)
        return
    if which == "floor":
        for _ in range(40):
            floor()
        return
    a, b = measure_pair(subject, floor, repeat=20)
    report.add(
        Figure(
            f"day view: {BEAUTICIANS} beauticians, {BOOKINGS} bookings",
            a,
            b,
            target_ratio=10.0,
            note="services + layout + paint vs raw sqlite3 + bare QPainter",
        )
    )
    raw.close()


if __name__ == "__main__":
    main()
