"""Closing the day for the payment methods other than cash: the counter enters each
method's total from its terminal or statement beside the blind cash count, and the Z keeps
expected against counted for each."""

from __future__ import annotations

from typing import Any

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.money import MAX_FEN, ZERO, Money
from salon_desk.pos.rows import DayFigures, MethodCount
from salon_desk.pos.rules import TENDERS

#: the methods counted at closing besides cash, in the order they are shown
COUNTED = ("bank_card", "wechat", "alipay")


def check_counted(counted: dict[str, Money] | None) -> dict[str, int] | None:
    """What to store: every counted method and its amount in fen (``None``: not counted).
    A total may be below zero: on a day the cards paid back by a method come to more than
    it took, its terminal or statement shows a negative net (cash counted never does)."""
    if counted is None:
        return None
    for method, amount in counted.items():
        if method not in COUNTED:
            raise Invalid(N_("Only bank card, WeChat Pay and Alipay are counted besides cash."))
        if not isinstance(amount, Money) or abs(amount.fen) > MAX_FEN:
            raise Invalid(N_("Not an amount of money: {text}"), field=method, text=str(amount))
    return {m: counted[m].fen for m in COUNTED if m in counted}


def method_rows(figures: DayFigures, stored: dict[str, Any] | None) -> tuple[MethodCount, ...]:
    rows = []
    for method in COUNTED:
        expected = figures.expected_by(method)
        raw = None if stored is None else stored.get(method)
        counted = None if raw is None else Money(int(raw))
        rows.append(
            MethodCount(
                method,
                expected,
                counted,
                None if counted is None else counted - expected,
                figures.card_payouts.get(method, ZERO),
            )
        )
    return tuple(rows)


def require_notes(rows: tuple[MethodCount, ...], note: str) -> None:
    """A method out of balance needs a note on why, as the drawer does."""
    for out in rows:
        if out.over_short and not note:
            raise Invalid(
                N_("{method} is {amount} out: write a note on why."),
                field="note",
                method=Msg(TENDERS[out.method]),
                amount=out.over_short,
            )
