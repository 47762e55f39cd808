"""One replay of a period card's ledger tells both what it earned by day in a range and
what it still owes at the end of the range: the card's state at the end of a day does not
depend on the first day shown — over any ledger, not only the ones the services write."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from salon_desk.reports.period_earning import (
    CLOSED_LATER,
    Entry,
    earn_into,
    earned_by_day,
    unearned_after,
)

D = date(2026, 1, 1)
_KINDS = (
    "sale",
    "use",
    "reversal",
    "refund",
    "expiry",
    "transfer",
    "freeze",
    "unfreeze",
    "extension",
    "adjustment",
)


@st.composite
def _ledgers(
    draw: st.DrawFn, first: tuple[str, ...] = ("sale", "transfer", *_KINDS)
) -> list[Entry]:
    """Entries in the order posted: any kinds (the first of ``first``), days (backdated
    too), last days, reversals of any earlier entry."""
    n = draw(st.integers(0, 12))
    out: list[Entry] = []
    day = draw(st.integers(0, 60))
    for i in range(1, n + 1):
        day = max(0, day + draw(st.integers(-3, 40)))
        kind = draw(st.sampled_from(_KINDS if out else first))
        last = draw(st.none() | st.integers(-10, 500))
        of = draw(st.none() | st.sampled_from(out)) if kind == "reversal" and out else None
        out.append(
            Entry(
                i,
                D + timedelta(days=day),
                kind,
                uses=draw(st.sampled_from((0, 1, -1))),
                expires_after=None if last is None else D + timedelta(days=day + last),
                reverses_id=None if of is None else of.id,
                reverses_kind=None if of is None else of.kind,
                refund_fen=draw(st.integers(0, 300_000)) if kind == "refund" else 0,
            )
        )
    return out


@given(
    price=st.integers(0, 2_000_000),
    entries=_ledgers(),
    started_now=st.sampled_from((None, True, False)),
    first=st.integers(-5, 400),
    days=st.integers(0, 120),
)
def test_one_replay_earns_the_range_and_leaves_what_is_owed_at_its_end(
    price: int, entries: list[Entry], started_now: bool | None, first: int, days: int
) -> None:
    start = D + timedelta(days=first)
    end = start + timedelta(days=days)
    out: dict[date, int] = {date(2000, 1, 1): 7}  # another card's days are added to
    left = earn_into(out, price, entries, start, end, started_now)
    assert left == unearned_after(price, entries, end, started_now=started_now)
    earned = earned_by_day(price, entries, start, end, started_now=started_now)
    assert out == {date(2000, 1, 1): 7, **earned}


@given(
    price=st.integers(0, 2_000_000),
    entries=_ledgers(first=("sale", "transfer")),
    started_now=st.sampled_from((None, True, False)),
    first=st.integers(-5, 400),
    days=st.integers(0, 120),
)
def test_a_card_closed_after_the_range_replays_alike_without_its_closing(
    price: int, entries: list[Entry], started_now: bool | None, first: int, days: int
) -> None:
    """A ledger begins with the card's sale or its transfer in; an expiry or a refund after
    the range's end changes nothing in the range nor what is owed at its end (the ledger
    of a card is read without them)."""
    start = D + timedelta(days=first)
    end = start + timedelta(days=days)
    read = [e for e in entries if e.day <= end or e.kind not in CLOSED_LATER]
    whole: dict[date, int] = {}
    left = earn_into(whole, price, entries, start, end, started_now)
    out: dict[date, int] = {}
    assert earn_into(out, price, read, start, end, started_now) == left
    assert out == whole
    assert unearned_after(price, read, end, started_now=started_now) == left
