"""The checks every card change inside a sale makes on its input: the sale's number and
an amount of money (see :mod:`salon_desk.members.cards`)."""

from __future__ import annotations

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.money import MAX_FEN, Money


def checked_ref(sale_ref: str) -> str:
    ref = (sale_ref or "").strip()
    if not ref or len(ref) > 40:
        raise Invalid(N_("A card change needs the sale's number."), field="sale_ref")
    return ref


def checked_fen(amount: Money, field: str, *, positive: bool = True) -> int:
    if not isinstance(amount, Money):
        raise Invalid(N_("Not an amount of money: {text}"), field=field, text=str(amount))
    if amount.fen < 0 or (positive and amount.fen == 0):
        raise Invalid(N_("Enter an amount above zero."), field=field)
    if amount.fen > MAX_FEN:
        raise Invalid(N_("The amount is too large: {text}"), field=field, text=amount.format())
    return amount.fen
