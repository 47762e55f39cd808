"""Taking turns on a shop day with its closing (PostgreSQL runs transactions at once;
SQLite one at a time): whatever moves money or changes a booking of a day holds the
day's till row shared before it looks whether the day is closed, the closing holds it
alone, and a transaction that found its day trading notes it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from salon_desk.pos.models import TillOpen

_HOLD = select(TillOpen.id).where(TillOpen.day == bindparam("day"))
_HOLD_SHARED = _HOLD.with_for_update(read=True)
_HOLD_CLOSING = _HOLD.with_for_update()


def hold_day_in(s: Session, day: date, *, closing: bool = False) -> None:
    """Take turns on ``day`` with its closing, before looking whether it is closed: on
    PostgreSQL, whatever moves money or changes a booking of ``day`` holds its till's
    row shared, and the closing holds it alone. The closing then waits for those under
    way and adds up what they wrote; those that come while it runs wait for its Z and
    then see it. (SQLite writes one transaction at a time already.) A day whose till was
    never opened has nothing to hold, and cannot be closed."""
    if s.connection().dialect.name == "postgresql":
        s.connection().execute(_HOLD_CLOSING if closing else _HOLD_SHARED, {"day": day})


#: ``Session.info`` key: the day this transaction found trading (held: on PostgreSQL
#: its closing waits for the transaction; on SQLite it cannot start meanwhile).
TRADING_DAY = "salon_desk.trading_day"


def trading_in(s: Session, day: date) -> None:
    """Note that ``s``'s transaction found ``day`` trading (after its check): whatever it
    writes on that day need not look again whether the day is closed."""
    s.info[TRADING_DAY] = day
