"""Pure rules of treatment cards: validity, caps, how stored value is spent, refunds.

Shop rules, decided here once:

* **Validity.** A card runs ``valid_days`` calendar days, counted from the day of sale or
  (``from_first_use``) from the day of the first treatment; ``expires_on`` is the last day
  it may be used. Freezing stops the clock: on unfreezing, the frozen days are added to
  the expiry.
* **Stored value is spent in proportion.** A spend is taken from principal and bonus in
  the proportion they stand in on the card (principal rounded half up, the rest from the
  bonus), so the member keeps the same share of real money whatever is bought first and
  a later refund is fair to both sides.
* **Refund (退卡).** A stored-value card refunds its remaining principal; the bonus is
  void. A session pack or period card refunds what was paid minus the treatments taken
  at their list price at the time, never below zero; sessions left are void.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from salon_desk.core.money import round_fen


def expiry_for(start: date, valid_days: int | None) -> date | None:
    """The last day a card that starts on ``start`` may be used."""
    if valid_days is None:
        return None
    return start + timedelta(days=valid_days - 1)


def is_expired(expires_on: date | None, today: date) -> bool:
    return expires_on is not None and today > expires_on


def week_bounds(day: date) -> tuple[date, date]:
    """Monday to Sunday of the week of ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def unfreeze_expiry(expires_on: date | None, frozen_since: date, today: date) -> date | None:
    """The expiry after a freeze from ``frozen_since`` until ``today`` (days frozen added)."""
    if expires_on is None:
        return None
    return expires_on + timedelta(days=max(0, (today - frozen_since).days))


@dataclass(frozen=True, slots=True)
class CapCheck:
    """What a period card's caps say about taking ``wanted`` treatments now."""

    ok: bool
    reason: str = ""  # "day", "week" or "gap"
    limit: int = 0


def check_caps(
    *,
    wanted: int,
    used_today: int,
    used_this_week: int,
    last_use: datetime | None,
    now: datetime,
    per_day: int | None,
    per_week: int | None,
    min_gap_hours: int | None,
) -> CapCheck:
    if per_day is not None and used_today + wanted > per_day:
        return CapCheck(False, "day", per_day)
    if per_week is not None and used_this_week + wanted > per_week:
        return CapCheck(False, "week", per_week)
    if min_gap_hours and last_use is not None and now < last_use + timedelta(hours=min_gap_hours):
        return CapCheck(False, "gap", min_gap_hours)
    return CapCheck(True)


def split_spend(amount: int, principal: int, bonus: int) -> tuple[int, int]:
    """``(from_principal, from_bonus)`` for spending ``amount`` fen of a card holding
    ``principal`` and ``bonus`` (the caller has checked ``amount <= principal + bonus``)."""
    total = principal + bonus
    if amount <= 0 or total <= 0:
        return 0, 0
    from_principal = round_fen(Decimal(amount) * principal / Decimal(total))
    from_principal = min(from_principal, principal, amount)
    from_bonus = amount - from_principal
    if from_bonus > bonus:  # rounding pushed past the bonus: take the rest from principal
        from_principal += from_bonus - bonus
        from_bonus = bonus
    return from_principal, from_bonus


def refund_amount(*, kind: str, paid: int, used_list_price: int, principal_left: int) -> int:
    """What a card refunds (see the module's rule)."""
    if kind == "value":
        return principal_left
    return max(0, paid - used_list_price)
