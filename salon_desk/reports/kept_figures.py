"""Which statements of the reports are kept for each closed day, and keeping them: when
a day is closed, and again when something changes a closed day's rows
(:mod:`salon_desk.reports.day_store`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.pos.day_turns import TRADING_DAY, hold_day_in
from salon_desk.pos.models import ZReport
from salon_desk.reports import (
    booking_figures,
    card_figures,
    member_figures,
    performance_figures,
    tenders,
)
from salon_desk.reports import register_figures as register
from salon_desk.reports.day_store import Kept, Statements, keep_in
from salon_desk.reports.models import DayFigure

STATEMENTS: Statements = {
    **register.KEPT,
    **tenders.KEPT,
    **performance_figures.KEPT,
    **member_figures.KEPT,
    **booking_figures.KEPT,
    **card_figures.KEPT,
}
#: What a card entry posted on a closed day changes.
CARD_ENTRIES = ("card_entries", "card_sales", "card_active", "treatments", "cards_bought")
#: Closed days not kept yet (closed before the table existed) kept at each closing,
#: the newest first: a quarter's.
CATCH_UP = 92


def read(s: Session, start: date, end: date) -> Kept:
    """The statements of a report from ``start`` to ``end``."""
    return Kept(s, STATEMENTS, start, end)


#: The closed days before ``day`` not all kept, the newest first (built once).
_BEHIND = (
    select(ZReport.day)
    .where(
        ZReport.day < bindparam("day"),
        select(func.count())
        .where(DayFigure.day == ZReport.day, DayFigure.figure.in_(list(STATEMENTS)))
        .scalar_subquery()
        < len(STATEMENTS),
    )
    .order_by(ZReport.day.desc())
    .limit(CATCH_UP)
)


def keep_closed_in(s: Session, day: date) -> None:
    """Keep ``day``'s rows as it is closed, in the Z report's transaction, with those of
    up to :data:`CATCH_UP` earlier closed days that are not all kept."""
    behind = list(s.scalars(_BEHIND, {"day": day}))
    _turn(s, behind)
    keep_in(s, STATEMENTS, [day, *behind])


#: A day's Z report, held alone. Holding its row changes nothing in it.
_Z_ROW = select(ZReport.day).where(ZReport.day == bindparam("day")).with_for_update()


def _turn(s: Session, days: Iterable[date]) -> list[date]:
    """Those of ``days`` that are closed, their Z reports held (in the order of the days:
    two writers never wait for each other the other way round): on PostgreSQL two
    counters keeping the same closed day again take turns, and the second adds up what
    the first wrote. One statement a day: it runs on every card entry posted."""
    return [day for day in sorted(set(days)) if direct.rows(s, _Z_ROW, {"day": day})]


def keep_again_in(s: Session, days: Iterable[date], names: Iterable[str] = STATEMENTS) -> None:
    """Keep again the rows of the statements ``names`` for those of ``days`` that are
    closed, in ``s``'s transaction (flushed first): for whatever changes what a closed
    day's figures are made of."""
    # the day this transaction found trading cannot be closed meanwhile (a payment)
    trading = s.info.get(TRADING_DAY)
    wanted = sorted(d for d in set(days) if d is not None and d != trading)
    for day in wanted:  # a closing under way: wait for its Z, then see it
        hold_day_in(s, day)
    closed = _turn(s, wanted)
    if closed:
        s.flush()
        keep_in(s, {name: STATEMENTS[name] for name in names}, closed)


def keep_every_closed_in(s: Session, *, chunk: int = 31) -> int:
    """Keep every closed day's rows, ``chunk`` days at a time; how many days: for a
    database whose days were closed by other means (brought over, generated)."""
    days = list(s.scalars(select(ZReport.day).order_by(ZReport.day)))
    for i in range(0, len(days), chunk):
        keep_in(s, STATEMENTS, days[i : i + chunk])
    return len(days)


def bookings_changed_in(s: Session, days: Iterable[date]) -> None:
    """Bookings of ``days`` changed: keep again the booking figures of the closed ones,
    and the services by beautician (点钟 is read from the booking a ticket paid)."""
    keep_again_in(s, days, [*booking_figures.KEPT, "services"])


def card_entry_posted_in(s: Session, day: date) -> None:
    """A card entry was posted on ``day``: keep again the card figures if it is closed
    (a card frozen, extended, moved or refunded after the day's Z report)."""
    keep_again_in(s, (day,), CARD_ENTRIES)
