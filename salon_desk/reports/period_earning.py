"""Revenue earned by a period card (month, quarter, half-year, year …), replayed from its
ledger: pure functions, no database.

The rules, decided here once:

* **Straight line by the day.** A period card earns what was paid for it evenly over the
  days it runs, from its start (the day it was sold, or the day of its first treatment
  for a card that starts at first use) to its last valid day, both included. What is
  still unearned at the end of a day is ``worth(unearned at the start, days left after
  it, days in the stretch)`` — the same half-up rounding as the session packs
  (:func:`salon_desk.reports.shares.worth`) — and a day earns the drop, so the days
  add up to the amount exactly, not a fen lost or made.
* **A new last day re-spreads the rest.** When an entry moves the last valid day (an
  extension, an unfreeze that adds the frozen days, or any entry whose ``expires_after``
  differs), what is still unearned at the start of that day is spread again over the
  days from that day to the new last day.
* **Frozen days earn nothing**: from the day the card is frozen up to the day before it
  is unfrozen (the days the card's expiry is pushed back by).
* **The end settles the rest on its day.** An entry closes the card and settles, on its
  own day, what is still unearned:

  - *expiry*: the rest is earned on the day the card is closed as expired (normally
    nothing is left by then: the last valid day has passed);
  - *transfer* to another member: the rest is earned on the day of the transfer, and the
    new card (which has no sale of its own: no money came in for it) earns nothing;
  - *refund* (退卡): the amount paid back goes back; the part of the unearned rest that is
    not paid back is earned that day, and a refund larger than the unearned rest takes
    the difference back out of the revenue earned that day (a negative day). So what a
    card earns over its life is always its price less what was paid back;
  - *void* (the sale undone): the whole price goes back, so what the card earned so far
    is taken back that day.
* **A first treatment undone** that leaves a card which starts at first use unused again
  (the card's clock stops and its next treatment starts it anew) takes back what it had
  earned on that day; the next first treatment spreads the whole price again.
* A card **brought over** from paper or another system earns what its record says was
  paid, over the days it has left.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from salon_desk.reports.shares import worth

_DAY = timedelta(days=1)
_Days = dict[date, int]  # fen earned by day
#: Entries that change nothing in a replay up to a day before them (a card's ledger
#: begins with its sale or its transfer in): a report reads a ledger without them.
CLOSED_LATER = ("expiry", "refund")


class Entry(NamedTuple):
    """What the replay needs of one ledger entry of a period card (a named tuple: a
    report reads thousands of them)."""

    id: int
    day: date
    kind: str
    uses: int = 0
    expires_after: date | None = None
    reverses_id: int | None = None
    reverses_kind: str | None = None  # the kind of the entry a reversal undoes
    refund_fen: int = 0  # a refund entry: the amount paid back


def _unstarts(entries: Sequence[Entry], started_now: bool | None) -> set[int]:
    """The reversals that left a card which starts at first use unused again.

    The ledger does not say it outright: a use undone with the whole sale (void) stops the
    card's clock, a treatment given back by a line refund does not. It shows afterwards —
    the next treatment starts the card anew with a new last day (or an entry carries no
    last day), or the card is unused now (``started_now`` is False)."""
    marked: set[int] = set()
    sale = next((e for e in entries if e.kind == "sale"), None)
    if sale is None or sale.expires_after is not None:
        return marked  # the card started when it was sold
    live: set[int] = set()
    started, last = False, None
    candidate: int | None = None
    for e in entries:
        if e.kind == "use" and e.uses > 0:
            if not started:
                started, last = True, e.expires_after
            elif candidate is not None and e.expires_after != last:
                marked.add(candidate)
                last = e.expires_after
            live.add(e.id)
            candidate = None
        elif e.kind == "reversal" and e.reverses_kind == "use" and e.reverses_id in live:
            live.discard(e.reverses_id)
            if started and not live:
                candidate = e.id
        elif e.kind in ("extension", "unfreeze") and started:
            if candidate is not None and e.expires_after is None:
                marked.add(candidate)
                started, candidate = False, None
            else:
                last = e.expires_after
        elif e.kind == "freeze" and started and candidate is not None and e.expires_after is None:
            marked.add(candidate)
            started, candidate = False, None
    if candidate is not None and started and started_now is False:
        marked.add(candidate)
    return marked


class _Card:
    """The replay's state: what is unearned, and the straight line it is earned on."""

    __slots__ = (
        "base",
        "closed",
        "first",
        "frozen",
        "last",
        "opened",
        "price",
        "running",
        "unearned",
    )

    def __init__(self, price: int) -> None:
        self.price = price
        self.unearned = price
        self.running = False
        self.closed = False
        self.opened = False  # sold or moved in
        self.frozen = False
        self.base = price  # unearned at the start of the stretch
        self.first: date | None = None  # the stretch's first day
        self.last: date | None = None  # the card's last valid day

    @property
    def earning(self) -> bool:
        return self.running and not self.frozen and not self.closed and self.unearned != 0

    def spread(self, day: date, last: date | None) -> None:
        self.running, self.base, self.first, self.last = True, self.unearned, day, last

    def left_after(self, day: date) -> int:
        """Unearned at the end of ``day`` on the current stretch."""
        if self.first is None or self.last is None:
            return self.unearned  # no last day: nothing to spread over
        days = (self.last - self.first).days + 1
        return worth(self.base, (self.last - day).days, days)


def earned_by_day(
    price: int,
    entries: Sequence[Entry],
    start: date,
    end: date,
    *,
    started_now: bool | None = None,
) -> dict[date, int]:
    """What a period card that cost ``price`` earned on each day from ``start`` to ``end``
    (only the days with something earned or taken back), from all its ledger ``entries``
    in the order they were posted. ``started_now`` says whether the card has started now
    (its ``starts_on`` is set), when known."""
    out: _Days = {}
    _replay(price, entries, start, end, started_now, out)
    return out


def unearned_after(
    price: int, entries: Sequence[Entry], day: date, *, started_now: bool | None = None
) -> int:
    """What a period card still owes its member at the end of ``day``: the part of its
    price not yet earned (nothing once the card is closed, or before it was sold)."""
    if not entries or entries[0].day > day:
        return 0
    return earn_into({}, price, entries, day, day, started_now)


def earn_into(
    out: _Days, price: int, entries: Sequence[Entry], start: date, end: date, now: bool | None
) -> int:
    """Add :func:`earned_by_day` to ``out`` (the days of several cards) and return
    :func:`unearned_after` ``end``: one replay for both (the card's state at the end of
    ``end`` does not depend on ``start``). ``now``: ``started_now``."""
    if not entries:
        return 0
    card = _replay(price, entries, start, end, now, out)
    return 0 if card.closed or entries[0].day > end else card.unearned


def _replay(
    price: int, entries: Sequence[Entry], start: date, end: date, now: bool | None, out: _Days
) -> _Card:
    """Replay to the end of ``end``, adding what is earned from ``start`` to ``out``;
    ``now``: ``started_now``."""
    sale = next((e for e in entries if e.kind == "sale"), None)
    card = _Card(0 if sale is None else price)  # a card moved in by a transfer: nothing came in
    if not entries:
        return card
    # a card that started when it was sold (or was moved in) never starts again
    unstart = _unstarts(entries, now) if sale is not None and sale.expires_after is None else ()
    by_day: dict[date, list[Entry]] = {}
    for e in entries:
        by_day.setdefault(e.day, []).append(e)
    days = sorted(by_day)
    k = 0  # index in ``days`` of the next day with entries
    day = days[0]
    while day <= end:
        todays = by_day.get(day, ())
        if todays:
            k += 1
        earned = 0
        for e in todays:
            earned += _apply(card, e, e.id in unstart)
        if card.earning:
            left = card.left_after(day)
            earned += card.unearned - left
            card.unearned = left
        if earned and day >= start:
            out[day] = out.get(day, 0) + earned
        if card.closed:
            break
        upcoming = days[k] if k < len(days) else None
        if card.earning:
            nxt = day + _DAY
            if nxt < start:  # nothing to show before ``start``: jump there in one step
                nxt = min(start, upcoming) if upcoming else start
                card.unearned = card.left_after(nxt - _DAY)
            else:  # the days up to the next entry are on one straight line
                nxt = _run(card, nxt, min(end, upcoming - _DAY) if upcoming else end, out)
            day = nxt
        elif upcoming is None:
            break
        else:
            day = upcoming
    return card


def _run(card: _Card, first: date, stop: date, out: dict[date, int]) -> date:
    """Earn the days from ``first`` to ``stop`` (no entries among them) on the card's
    current stretch, quickly; return the day after the last one earned."""
    if card.first is None or card.last is None or stop < first:
        return first
    stop = min(stop, card.last)
    pack = (card.last - card.first).days + 1
    if pack <= 0 or stop < first:
        return first
    base, unearned = card.base, card.unearned
    left_days = (card.last - first).days  # days left after ``first``
    day = first
    while day <= stop:
        left = (2 * base * left_days + pack) // (2 * pack) if left_days > 0 else 0
        if left != unearned:
            out[day] = out.get(day, 0) + unearned - left
        unearned, left_days, day = left, left_days - 1, day + _DAY
    card.unearned = unearned
    return day


def _apply(card: _Card, e: Entry, unstart: bool) -> int:
    """Apply one entry; return what it earns (or takes back) by itself on its day."""
    if card.closed:
        return 0
    if e.kind == "transfer" and not card.opened:  # moved in from another member's card
        card.opened = True
        return 0
    if e.kind == "sale":
        card.opened = True
        if e.expires_after is not None:
            card.spread(e.day, e.expires_after)
        return 0
    if e.kind == "reversal" and e.reverses_kind == "sale":  # void: all of it goes back
        taken = card.price - card.unearned
        card.unearned, card.closed = card.price, True
        return -taken
    if unstart:
        taken = card.price - card.unearned
        card.unearned, card.running, card.first, card.last = card.price, False, None, None
        return -taken
    if e.kind == "refund":
        rest = card.unearned - e.refund_fen
        card.unearned, card.closed = 0, True
        return rest
    if e.kind in ("expiry", "transfer"):
        rest = card.unearned
        card.unearned, card.closed = 0, True
        return rest
    if e.kind == "freeze":
        card.frozen = True
        return 0
    if e.kind == "unfreeze":
        card.frozen = False
        if card.running:
            card.spread(e.day, e.expires_after)
        return 0
    if e.kind == "use" and e.uses > 0 and not card.running and card.price == card.unearned:
        if e.expires_after is not None and card.first is None:
            card.spread(e.day, e.expires_after)
        return 0
    if card.running and e.expires_after is not None and e.expires_after != card.last:
        card.spread(e.day, e.expires_after)
    return 0
