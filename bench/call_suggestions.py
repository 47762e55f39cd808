"""Follow-up call suggestions at the scale of the benchmark database (100,000 members,
three years of bookings, their cards).

Subject: what ``CallsService.suggest`` reads before it writes the day's list — the three
rules of ``booking.call_suggestions`` (a home-care check three days after a facial, cards
about to expire, birthdays this week), each with its look-up of earlier calls, in one read
transaction.
Floor, on the same file in the same run: raw sqlite3 queries that find the same people —
the day's completed facials by the (status, starts_at) index, the active cards expiring
within 14 days joined to their members, the members whose month and day of birth fall in
the week — and nothing else.

    PYTHONPATH=. python -m bench.call_suggestions DB
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.app_core import open_core, raw
from bench.datagen import END
from bench.harness import Figure, Report, measure_pair

WITHIN_DAYS = 14
TARGET_RATIO = 3.0

_FACIAL = """
SELECT b.guest_phone FROM booking b
JOIN booking_item bi ON bi.booking_id = b.id
JOIN service_item si ON si.id = bi.service_id
WHERE b.status = 'completed' AND b.starts_at >= ? AND b.starts_at < ? AND b.day = ?
  AND si.category = 'facial' AND b.guest_phone != ''
"""
_CARDS = """
SELECT m.phone FROM card_account a
JOIN member m ON m.id = a.member_id
WHERE a.status = 'active' AND a.frozen_since IS NULL AND a.expires_on >= ? AND a.expires_on <= ?
  AND m.erased_at IS NULL AND m.phone IS NOT NULL
  AND CASE a.kind WHEN 'sessions' THEN a.sessions_left > 0
                  WHEN 'value' THEN a.principal_fen + a.bonus_fen > 0
                  ELSE m.marketing_ok END
"""
_BIRTHDAYS = """
SELECT phone FROM member
WHERE erased_at IS NULL AND phone IS NOT NULL AND marketing_ok = 1 AND birthday IS NOT NULL
  AND strftime('%m-%d', birthday) IN ({marks})
"""


def floor_query(conn: sqlite3.Connection, day: date, tz_bounds: tuple[str, str]) -> object:
    week = [day + timedelta(days=k) for k in range(7)]
    marks = ",".join("?" for _ in week)
    facial_day = (day - timedelta(days=3)).isoformat()
    birthdays = _BIRTHDAYS.format(marks=marks)

    def run() -> tuple[set[str], set[str], set[str]]:
        facials = {r[0] for r in conn.execute(_FACIAL, (*tz_bounds, facial_day))}
        cards = {
            r[0]
            for r in conn.execute(
                _CARDS, (day.isoformat(), (day + timedelta(days=WITHIN_DAYS)).isoformat())
            )
        }
        born = {r[0] for r in conn.execute(birthdays, [f"{d:%m-%d}" for d in week])}
        return facials, cards, born

    return run


def run(db: Path, report: Report, *, quick: bool) -> None:
    from salon_desk.booking import call_suggestions as rules
    from salon_desk.core.clock import local_day_bounds

    core = open_core(db)
    conn = raw(db)
    try:
        tz = core.settings.tz()
        day = END
        start, end = local_day_bounds(day - timedelta(days=3), tz)
        # the stored form of an aware datetime in this file (what SQLAlchemy writes)
        bounds = (start.strftime("%Y-%m-%d %H:%M:%S.%f"), end.strftime("%Y-%m-%d %H:%M:%S.%f"))
        floor = floor_query(conn, day, bounds)

        def subject() -> tuple[list[object], list[object], list[object]]:
            with core.db.read() as s:
                return (
                    list(rules.facial(s, day, tz)),
                    list(rules.expiring_cards(s, day, WITHIN_DAYS)),
                    list(rules.birthdays(s, day)),
                )

        got = subject()
        want = floor()  # type: ignore[operator]
        for name, rows, phones in zip(("facial", "cards", "birthdays"), got, want, strict=True):
            if {r.contact for r in rows} != phones:  # type: ignore[attr-defined]
                raise AssertionError(f"call suggestions ({name}): the rules and the floor differ")
        members = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        a, b = measure_pair(subject, floor, repeat=5 if quick else 20)  # type: ignore[arg-type]
        report.add(
            Figure(
                f"call suggestions for {day} ({len(got[0])} facial, {len(got[1])} card, "
                f"{len(got[2])} birthday)",
                a,
                b,
                target_ratio=TARGET_RATIO,
                note=f"{members:,} members; the rules' reads vs raw sqlite3 finding the same "
                "people",
            )
        )
    finally:
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
