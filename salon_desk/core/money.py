"""Money in integer fen (1 yuan = 100 fen), with one rounding rule.

``Money(fen=12850)`` is ¥128.50. Arithmetic stays in integers; percentages are given in
basis points (1 % = 100 bp) and rounded once with :func:`round_fen` (half away from zero).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_

#: Ten million yuan: no amount at a salon counter is anywhere near this.
MAX_FEN = 1_000_000_000

_CLEAN = re.compile(r"[\s,，]")
_SHAPE = re.compile(r"^[+-]?(\d+(\.\d{0,2})?|\.\d{1,2})$")


def round_fen(value: Decimal) -> int:
    """The one rounding rule: to the nearest fen, halves away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True, order=True, init=False)
class Money:
    fen: int

    def __init__(self, fen: int) -> None:
        # written out: the dataclass's own __init__ calls __post_init__ on top (a sale
        # makes some hundred of these)
        if type(fen) is not int and (isinstance(fen, bool) or not isinstance(fen, int)):
            raise TypeError(f"Money needs integer fen, got {type(fen).__name__}")
        object.__setattr__(self, "fen", fen)

    # --- construction -------------------------------------------------------------
    @classmethod
    def yuan(cls, yuan: int) -> Money:
        return cls(yuan * 100)

    @classmethod
    def parse(cls, text: str, *, field: str = "amount") -> Money:
        """Parse what a person types or a label shows: ``128``, ``128.5``, ``¥1,234.50``.

        Raises :class:`Invalid` (code ``"Not an amount of money: {text}"``) for anything else,
        including more than two decimals and amounts beyond :data:`MAX_FEN`.
        """
        raw = text if isinstance(text, str) else str(text)
        cleaned = _CLEAN.sub("", raw)
        negative = cleaned.startswith("-")
        if cleaned[:1] in "+-" and cleaned:
            cleaned = cleaned[1:]
        for symbol in ("¥", "￥", "RMB", "CNY", "元"):
            cleaned = cleaned.replace(symbol, "")
        if negative:
            cleaned = "-" + cleaned
        if not _SHAPE.match(cleaned):
            raise Invalid(N_("Not an amount of money: {text}"), field=field, text=raw.strip())
        try:
            fen = round_fen(Decimal(cleaned) * 100)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards
            raise Invalid(N_("Not an amount of money: {text}"), field=field, text=raw) from exc
        if abs(fen) > MAX_FEN:
            raise Invalid(N_("The amount is too large: {text}"), field=field, text=raw.strip())
        return cls(fen)

    # --- arithmetic ---------------------------------------------------------------
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __mul__(self, quantity: int) -> Money:
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            return NotImplemented
        return Money(self.fen * quantity)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def percent(self, basis_points: int) -> Money:
        """``basis_points`` / 10,000 of this amount, rounded once (``Money(999).percent(1000)``
        is 100 fen)."""
        if type(basis_points) is int:
            whole, rest = divmod(self.fen * basis_points, 10_000)
            if not rest:  # exact (no discount, or a round one): nothing to round
                return Money(whole)
        return Money(round_fen(Decimal(self.fen) * basis_points / Decimal(10_000)))

    def allocate(self, weights: Sequence[int]) -> list[Money]:
        """Split this amount over ``weights`` so that the parts add up exactly (largest
        remainder). Used to spread a ticket discount over its lines."""
        total = sum(weights)
        if total <= 0:
            return [Money(0) for _ in weights]
        sign = -1 if self.fen < 0 else 1
        amount = abs(self.fen)
        shares = [amount * w // total for w in weights]
        remainders = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
        for i in remainders[: amount - sum(shares)]:
            shares[i] += 1
        return [Money(sign * s) for s in shares]

    # --- presentation ---------------------------------------------------------------
    def format(self, symbol: str = "¥", *, grouping: bool = True) -> str:
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), 100)
        whole = f"{yuan:,}" if grouping else str(yuan)
        return f"{sign}{symbol}{whole}.{fen:02d}"

    def plain(self) -> str:
        """``1234.50`` — for CSV files and edit boxes."""
        return self.format("", grouping=False)

    def __str__(self) -> str:
        return self.format()


ZERO = Money(0)


def total(amounts: Iterable[Money]) -> Money:
    return Money(sum(m.fen for m in amounts))
