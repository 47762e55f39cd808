"""Pure rules of the retail side: categories, locations, movement reasons, barcodes,
count variances. No database, no Qt."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money

CATEGORIES: dict[str, str] = {
    "retail": N_("Retail"),
    "professional": N_("Professional (back bar)"),
    "tester": N_("Tester"),
    "consumable": N_("Consumable"),
}

LOCATIONS: dict[str, str] = {
    "display": N_("Display cabinet"),
    "store": N_("Back store"),
}

#: Movement reasons and the sign their quantity must have (+1 in, -1 out, 0 either).
REASONS: dict[str, tuple[str, int]] = {
    "opening": (N_("Opening stock"), 1),
    "received": (N_("Received"), 1),
    "to_display": (N_("Moved to display"), 0),  # -n from the store, +n on display
    "sold": (N_("Sold"), -1),
    "member_return": (N_("Returned by a member"), 0),
    "refund_restock": (N_("Refund restock"), 1),
    "damaged": (N_("Damaged"), -1),
    "tester_opened": (N_("Tester opened"), -1),
    "treatment_use": (N_("Used in a treatment"), -1),
    "count_adjust": (N_("Count adjustment"), 0),
}

SCOPES: dict[str, str] = {
    "display": N_("Display cabinet"),
    "store": N_("Back store"),
    "both": N_("Display cabinet and back store"),
}

#: Why a counted quantity differs from the books.
VARIANCE_REASONS: dict[str, str] = {
    "miscount": N_("Miscounted before"),
    "unrecorded": N_("Sale or use not recorded"),
    "damaged": N_("Damaged"),
    "tester": N_("Opened as a tester"),
    "lost": N_("Missing"),
    "found": N_("Found"),
    "other": N_("Other"),
}

COUNT_STATUSES: dict[str, str] = {
    "counting": N_("Counting"),
    "review": N_("Checking"),
    "posted": N_("Posted"),
    "cancelled": N_("Cancelled"),
}

#: Total variance (at cost) above which a count needs a manager's approval, in fen.
DEFAULT_APPROVAL_FEN = 20_000

MAX_QTY = 100_000
_BARCODE = re.compile(r"^[0-9A-Za-z\-.]{4,32}$")


def check_barcode(text: str | None) -> str | None:
    """A cleaned barcode, ``None`` for an empty one; :class:`Invalid` when unusable."""
    if text is None:
        return None
    cleaned = text.strip()
    if not cleaned:
        return None
    if not _BARCODE.match(cleaned):
        raise Invalid(
            N_("A barcode is 4 to 32 letters or digits: {barcode}"),
            field="barcode",
            barcode=cleaned[:40],
        )
    return cleaned


def ean13_check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def check_qty(qty: object, *, field: str = "qty", allow_zero: bool = False) -> int:
    """A whole number of units: refuses fractions, text, booleans and absurd amounts."""
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise Invalid(N_("Enter a whole number of units."), field=field)
    if qty < 0 or (qty == 0 and not allow_zero):
        raise Invalid(N_("The quantity must be at least 1."), field=field)
    if qty > MAX_QTY:
        raise Invalid(N_("The quantity is too large."), field=field)
    return qty


def parse_count(text: str) -> int:
    """What the counter typed for a counted quantity: a whole number, zero or more."""
    raw = (text or "").strip()
    if raw.startswith("-"):
        raise Invalid(N_("A count cannot be negative."), field="counted")
    if not raw.isdigit():
        raise Invalid(N_("Enter a whole number of units."), field="counted")
    return check_qty(int(raw), field="counted", allow_zero=True)


@dataclass(frozen=True, slots=True)
class Variance:
    qty: int
    value: Money


def variance(counted: int, expected: int, unit_cost: Money) -> Variance:
    diff = counted - expected
    return Variance(diff, unit_cost * diff)


def needs_approval(values: Iterable[Money], threshold: Money) -> bool:
    """A count needs a manager when its variances, shortages and surpluses alike, add up
    to more than ``threshold`` at cost."""
    return sum(abs(v.fen) for v in values) > threshold.fen


def is_low(on_hand: int, reorder_level: int) -> bool:
    return reorder_level > 0 and on_hand <= reorder_level
