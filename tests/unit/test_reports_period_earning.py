"""A period card earns what was paid evenly by the day it runs, replayed from its ledger:
frozen days earn nothing, a new last day re-spreads the rest, and the end of the card
(refund, expiry, transfer, void) settles the rest on its day — to the fen."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from salon_desk.reports.period_earning import Entry, earned_by_day, unearned_after

D = date(2026, 1, 1)
FAR = date(2030, 1, 1)


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_a_month_card_earns_its_price_evenly_over_its_thirty_days() -> None:
    entries = [Entry(1, D, "sale", expires_after=day(29))]
    earned = earned_by_day(10000, entries, D, FAR)
    assert sorted(earned) == [day(n) for n in range(30)]
    assert sum(earned.values()) == 10000
    assert set(earned.values()) == {333, 334}
    # the report of one day shows that day only
    assert earned_by_day(10000, entries, day(5), day(5)) == {day(5): earned[day(5)]}


def test_frozen_days_earn_nothing_and_the_rest_runs_to_the_new_last_day() -> None:
    entries = [
        Entry(1, D, "sale", expires_after=day(29)),
        Entry(2, day(10), "freeze", expires_after=day(29)),
        Entry(3, day(15), "unfreeze", expires_after=day(34)),
    ]
    earned = earned_by_day(3000, entries, D, FAR)
    assert [earned.get(day(n), 0) for n in range(9, 17)] == [100, 0, 0, 0, 0, 0, 100, 100]
    assert max(earned) == day(34)
    assert sum(earned.values()) == 3000


def test_an_extension_spreads_what_is_left_over_the_days_left() -> None:
    entries = [
        Entry(1, D, "sale", expires_after=day(9)),
        Entry(2, day(5), "extension", expires_after=day(14)),
    ]
    earned = earned_by_day(1000, entries, D, FAR)
    # 100 a day for five days, then the 500 left over the ten days from day 5 to day 14
    assert [earned[day(n)] for n in range(15)] == [100] * 5 + [50] * 10


def test_a_refund_pays_back_part_and_the_rest_of_the_unearned_is_earned_that_day() -> None:
    entries = [
        Entry(1, D, "sale", expires_after=day(29)),
        Entry(2, day(9), "refund", refund_fen=5000),
    ]
    earned = earned_by_day(10000, entries, D, FAR)
    # nine days earned 3,000; 7,000 unearned, 5,000 goes back, 2,000 is earned on day 9
    assert earned[day(9)] == 2000
    assert max(earned) == day(9)
    assert sum(earned.values()) == 5000


def test_a_refund_above_what_is_unearned_takes_revenue_back() -> None:
    entries = [
        Entry(1, D, "sale", expires_after=day(9)),
        Entry(2, day(8), "refund", refund_fen=900),
    ]
    earned = earned_by_day(1000, entries, D, FAR)
    assert earned[day(8)] == 200 - 900
    assert sum(earned.values()) == 100


def test_a_void_takes_back_what_was_earned() -> None:
    entries = [
        Entry(1, D, "sale", expires_after=day(29)),
        Entry(2, day(2), "reversal", reverses_id=1, reverses_kind="sale"),
    ]
    earned = earned_by_day(3000, entries, D, FAR)
    assert earned == {D: 100, day(1): 100, day(2): -200}


def test_expiry_and_transfer_settle_the_rest_on_their_day() -> None:
    sale = Entry(1, D, "sale", expires_after=day(9))
    moved = earned_by_day(1000, [sale, Entry(2, day(3), "transfer")], D, FAR)
    assert moved == {D: 100, day(1): 100, day(2): 100, day(3): 700}
    expired = earned_by_day(1000, [sale, Entry(2, day(12), "expiry")], D, FAR)
    assert sum(expired.values()) == 1000 and day(12) not in expired
    # the card the member received earns nothing: no money came in for it
    received = [Entry(3, day(3), "transfer", expires_after=day(9))]
    assert earned_by_day(1000, received, D, FAR) == {}
    # ... but what its refund pays back comes out of the revenue
    refunded = [*received, Entry(4, day(5), "refund", refund_fen=400)]
    assert earned_by_day(1000, refunded, D, FAR) == {day(5): -400}


def test_a_card_that_starts_at_first_use_earns_from_that_day() -> None:
    entries = [
        Entry(1, D, "sale"),
        Entry(2, day(4), "use", uses=1, expires_after=day(13)),
        Entry(3, day(6), "use", uses=1, expires_after=day(13)),
    ]
    earned = earned_by_day(1000, entries, D, FAR)
    assert sorted(earned) == [day(n) for n in range(4, 14)]
    assert sum(earned.values()) == 1000


def test_a_first_use_undone_with_its_sale_stops_the_clock_and_takes_back() -> None:
    entries = [
        Entry(1, D, "sale"),
        Entry(2, day(1), "use", uses=1, expires_after=day(10)),
        Entry(3, day(3), "reversal", uses=-1, reverses_id=2, reverses_kind="use"),
        Entry(4, day(5), "use", uses=1, expires_after=day(14)),
    ]
    earned = earned_by_day(1000, entries, D, FAR)
    assert earned[day(1)] == earned[day(2)] == 100
    assert earned[day(3)] == -200
    assert day(4) not in earned
    assert sorted(d for d, v in earned.items() if v > 0)[-1] == day(14)
    assert sum(earned.values()) == 1000
    # unused again now, with nothing after: the card is known not to run
    stopped = earned_by_day(1000, entries[:3], D, FAR, started_now=False)
    assert sum(stopped.values()) == 0
    # a treatment given back by a line refund leaves the clock running
    running = earned_by_day(1000, entries[:3], D, FAR, started_now=True)
    assert sum(running.values()) == 1000


# --- any history ------------------------------------------------------------------------------
@dataclass
class _Card:
    """Posts entries the way the card services do (see members/cards.py, card_admin.py)."""

    price: int
    valid: int
    first_use: bool
    today: int = 0
    started: bool = False
    last: int | None = None
    frozen: int | None = None
    live: list[int] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def post(self, kind: str, **kw: object) -> int:
        e = Entry(next(self.ids), day(self.today), kind, **kw)  # type: ignore[arg-type]
        self.entries.append(e)
        return e.id

    def after(self) -> date | None:
        return None if self.last is None else day(self.last)

    def sell(self) -> None:
        if not self.first_use:
            self.started, self.last = True, self.valid - 1
        self.post("sale", expires_after=self.after())

    def usable(self) -> bool:
        return self.frozen is None and (self.last is None or self.today <= self.last)

    def use(self) -> None:
        if not self.usable():
            return
        if not self.started:
            self.started, self.last = True, self.today + self.valid - 1
        self.live.append(self.post("use", uses=1, expires_after=self.after()))

    def undo_use(self, with_sale: bool) -> None:
        if not self.live:
            return
        use = self.live.pop()
        self.post("reversal", uses=-1, reverses_id=use, reverses_kind="use")
        if with_sale and self.first_use and not self.live:
            self.started, self.last = False, None

    def freeze(self) -> None:
        if self.usable():
            self.frozen = self.today
            self.post("freeze", expires_after=self.after())

    def unfreeze(self) -> None:
        if self.frozen is not None:
            if self.last is not None:
                self.last += self.today - self.frozen
            self.frozen = None
            self.post("unfreeze", expires_after=self.after())

    def extend(self, days: int) -> None:
        if self.last is not None and self.today <= self.last:
            self.last += days
            self.post("extension", expires_after=self.after())


_STEPS = st.one_of(
    st.tuples(st.just("wait"), st.integers(0, 40)),
    st.tuples(st.just("use"), st.just(0)),
    st.tuples(st.just("void_use"), st.just(0)),
    st.tuples(st.just("line_back"), st.just(0)),
    st.tuples(st.just("freeze"), st.just(0)),
    st.tuples(st.just("unfreeze"), st.just(0)),
    st.tuples(st.just("extend"), st.integers(1, 60)),
)
_ENDS = st.sampled_from(["none", "refund", "expiry", "transfer", "void"])


@given(
    price=st.integers(0, 2_000_000),
    valid=st.integers(1, 400),
    first_use=st.booleans(),
    steps=st.lists(_STEPS, max_size=20),
    end=_ENDS,
    refund_share=st.integers(0, 100),
)
def test_over_all_days_a_card_earns_its_price_less_what_was_paid_back(
    price: int,
    valid: int,
    first_use: bool,
    steps: list[tuple[str, int]],
    end: str,
    refund_share: int,
) -> None:
    card = _Card(price, valid, first_use)
    card.sell()
    for step, n in steps:
        if step == "wait":
            card.today += n
        elif step == "use":
            card.use()
        elif step in ("void_use", "line_back"):
            card.undo_use(with_sale=step == "void_use")
        elif step == "freeze":
            card.freeze()
        elif step == "unfreeze":
            card.unfreeze()
        else:
            card.extend(n)
    card.unfreeze()
    paid_back = 0
    if end == "refund":
        paid_back = price * refund_share // 100
        card.post("refund", refund_fen=paid_back)
    elif end == "expiry" and card.last is not None:
        card.today = max(card.today, card.last + 1)
        card.post("expiry", expires_after=card.after())
    elif end == "transfer":
        card.post("transfer")
    elif end == "void" and not card.live:
        card.post("reversal", reverses_id=1, reverses_kind="sale")
        paid_back = price
    elif not card.started:  # still waiting for its first treatment: nothing earned yet
        paid_back = price
    earned = earned_by_day(price, card.entries, D, FAR, started_now=card.started)
    assert sum(earned.values()) == price - paid_back
    # a day's share is never negative except on the day something is given back
    settle = {e.day for e in card.entries if e.kind in ("refund", "reversal")}
    assert all(v >= 0 for d, v in earned.items() if d not in settle)
    # what the card still owes at the end of a day is its price less what it earned so far
    closing = [e.day for e in card.entries if e.kind in ("refund", "expiry", "transfer")]
    closing += [e.day for e in card.entries if e.reverses_kind == "sale"]
    for n in range(-1, card.today + 3, 7):
        d = day(n)
        owed = unearned_after(price, card.entries, d, started_now=card.started)
        if d < D or (closing and closing[0] <= d):
            assert owed == 0
        else:
            assert owed == price - sum(v for k, v in earned.items() if k <= d)
    # any range shows the same days as the whole life of the card
    lo, hi = day(3), day(45)
    assert earned_by_day(price, card.entries, lo, hi, started_now=card.started) == {
        d: v for d, v in earned.items() if lo <= d <= hi
    }
