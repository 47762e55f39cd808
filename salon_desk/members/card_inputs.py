"""The checks card changes make on their input: the sale's number and an amount of money
for a change inside a sale (see :mod:`salon_desk.members.cards`), the reason for a change
at the desk (see :mod:`salon_desk.members.card_admin`)."""

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


def reason_text(reason: str) -> str:
    why = (reason or "").strip()
    if not why:
        raise Invalid(N_("Give a reason."), field="reason")
    if len(why) > 200:
        raise Invalid(N_("At most {n} characters."), field="reason", n=200)
    return why
