"""Pure card rules: validity, caps at their boundaries, the stored-value split, refunds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from salon_desk.members.card_rules import (
    check_caps,
    expiry_for,
    is_expired,
    refund_amount,
    split_spend,
    unfreeze_expiry,
    week_bounds,
)


def test_a_thirty_day_card_sold_today_runs_to_the_twenty_ninth_day_after() -> None:
    assert expiry_for(date(2026, 11, 28), 30) == date(2026, 12, 27)
    assert expiry_for(date(2026, 11, 28), None) is None
    assert not is_expired(date(2026, 12, 27), date(2026, 12, 27))
    assert is_expired(date(2026, 12, 27), date(2026, 12, 28))


def test_freezing_adds_the_frozen_days() -> None:
    assert unfreeze_expiry(date(2026, 12, 27), date(2026, 12, 1), date(2026, 12, 15)) == date(
        2027, 1, 10
    )
    assert unfreeze_expiry(None, date(2026, 12, 1), date(2026, 12, 15)) is None


def test_weeks_run_monday_to_sunday() -> None:
    assert week_bounds(date(2026, 11, 28)) == (date(2026, 11, 23), date(2026, 11, 29))


NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def caps(**kw: object) -> str:
    base: dict[str, object] = dict(
        wanted=1,
        used_today=0,
        used_this_week=0,
        last_use=None,
        now=NOW,
        per_day=None,
        per_week=None,
        min_gap_hours=None,
    )
    base.update(kw)
    result = check_caps(**base)  # type: ignore[arg-type]
    return "ok" if result.ok else result.reason


def test_caps_at_their_boundaries() -> None:
    assert caps(per_day=2, used_today=1) == "ok"
    assert caps(per_day=2, used_today=2) == "day"
    assert caps(per_day=2, used_today=1, wanted=2) == "day"
    assert caps(per_week=3, used_this_week=2) == "ok"
    assert caps(per_week=3, used_this_week=3) == "week"
    assert caps(min_gap_hours=48, last_use=NOW - timedelta(hours=48)) == "ok"
    assert caps(min_gap_hours=48, last_use=NOW - timedelta(hours=47, minutes=59)) == "gap"


@given(
    principal=st.integers(0, 10**9),
    bonus=st.integers(0, 10**9),
    data=st.data(),
)
def test_a_spend_splits_exactly_and_in_proportion(
    principal: int, bonus: int, data: st.DataObject
) -> None:
    total = principal + bonus
    amount = data.draw(st.integers(1, max(1, total)))
    p, b = split_spend(amount, principal, bonus)
    if total == 0:
        assert (p, b) == (0, 0)
        return
    assert p + b == amount
    assert 0 <= p <= principal and 0 <= b <= bonus
    # in proportion, within one fen of the exact share
    assert abs(p * total - amount * principal) <= total


def test_refund_rule() -> None:
    assert refund_amount(kind="value", paid=500000, used_list_price=0, principal_left=123) == 123
    assert (
        refund_amount(kind="sessions", paid=150000, used_list_price=59400, principal_left=0)
        == 90600
    )
    assert refund_amount(kind="period", paid=98000, used_list_price=198000, principal_left=0) == 0
