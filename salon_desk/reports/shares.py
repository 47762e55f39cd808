"""The one rounding rule for a share of what was paid for a card."""

from __future__ import annotations


def worth(price_fen: int, sessions: int, pack: int) -> int:
    """What ``sessions`` unused sessions of a pack of ``pack`` bought for ``price_fen``
    are worth, rounded half up to the fen. A period card uses it for days: what ``sessions``
    days left of ``pack`` days are worth."""
    if pack <= 0 or sessions <= 0:
        return 0
    return (2 * price_fen * sessions + pack) // (2 * pack)
