"""Pricing of a ticket: totals reconcile to the fen, one rounding rule, payments and change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salon_desk.core.errors import Invalid
from salon_desk.core.money import ZERO, Money, total
from salon_desk.pos.rules import (
    LineInput,
    Tender,
    cash_in_counts,
    discount_bp_of,
    price_line,
    price_ticket,
    quick_notes,
    settle,
)

fen = st.integers(min_value=0, max_value=500_000)
bp = st.integers(min_value=0, max_value=10_000)
lines = st.lists(
    st.builds(
        LineInput,
        unit_price=fen.map(Money),
        qty=st.integers(min_value=1, max_value=20),
        discount_bp=bp,
        member_bp=bp,
        free=st.booleans(),
    ),
    min_size=1,
    max_size=12,
)
#: tickets that also sell cards or top up stored value: paid in full, no share of discounts
mixed = st.lists(
    st.one_of(
        st.builds(
            LineInput,
            unit_price=fen.map(Money),
            qty=st.integers(min_value=1, max_value=20),
            discount_bp=bp,
            member_bp=bp,
            free=st.booleans(),
        ),
        st.builds(
            LineInput,
            unit_price=fen.map(Money),
            qty=st.just(1),
            member_bp=bp,
            discountable=st.just(False),
        ),
    ),
    min_size=1,
    max_size=12,
)


@given(lines, bp)
def test_total_is_subtotal_less_every_discount(items: list[LineInput], ticket_bp: int) -> None:
    p = price_ticket(items, discount_bp=ticket_bp)
    assert p.total == p.subtotal - p.member_discount - p.line_discount - p.ticket_discount
    assert p.total == total(line.net for line in p.lines)
    assert p.ticket_discount == total(line.ticket_share for line in p.lines)
    assert all(line.net.fen >= 0 for line in p.lines)
    assert p.subtotal == total(ZERO if i.free else i.unit_price * i.qty for i in items)


@given(lines, fen)
def test_fixed_ticket_discount_spreads_exactly(items: list[LineInput], off: int) -> None:
    before = price_ticket(items).total
    if Money(off) > before:
        with pytest.raises(Invalid):
            price_ticket(items, discount=Money(off))
        return
    p = price_ticket(items, discount=Money(off))
    assert p.ticket_discount == Money(off)
    assert p.total == before - Money(off)
    assert all(line.ticket_share.fen >= 0 for line in p.lines)


@given(
    st.integers(min_value=1, max_value=200_000),
    st.lists(st.sampled_from(["bank_card", "wechat", "alipay"]), max_size=2),
    st.integers(min_value=0, max_value=50_000),
    st.data(),
)
def test_payments_cover_the_total_and_change_comes_from_cash(
    due_fen: int, others: list[str], extra: int, data: st.DataObject
) -> None:
    due = Money(due_fen)
    tenders = []
    left = due_fen
    for i, kind in enumerate(others):
        part = data.draw(st.integers(min_value=0, max_value=left))
        if part:
            tenders.append(Tender(kind, Money(part), f"R{i}"))
            left -= part
    if left or extra:
        tenders.append(Tender("cash", Money(left + extra)))
    s = settle(due, tenders)
    assert s.paid == due
    cash = total(t.amount for t in tenders if t.kind == "cash")
    assert s.change == Money(extra)
    assert s.change.fen >= 0 and s.change <= cash
    assert s.received - s.change == due


def test_cash_below_the_amount_due_is_refused() -> None:
    with pytest.raises(Invalid) as err:
        settle(Money(12800), [Tender("cash", Money(10000))])
    assert err.value.params["short"] == Money(2800)


def test_only_cash_may_exceed_what_is_due() -> None:
    with pytest.raises(Invalid):
        settle(Money(12800), [Tender("wechat", Money(20000), "4200001")])
    s = settle(
        Money(12800), [Tender("wechat", Money(2800), "4200001"), Tender("cash", Money(20000))]
    )
    assert s.applied == (Money(2800), Money(10000))
    assert s.change == Money(10000)


def test_mobile_payments_need_a_reference_and_amounts_above_zero() -> None:
    with pytest.raises(Invalid):
        settle(Money(100), [Tender("alipay", Money(100), " ")])
    with pytest.raises(Invalid):
        settle(Money(100), [Tender("cash", Money(0)), Tender("cash", Money(100))])
    with pytest.raises(Invalid):
        settle(Money(100), [Tender("cheque", Money(100))])
    with pytest.raises(Invalid):
        settle(Money(100), [])


def test_one_rounding_rule_half_away_from_zero() -> None:
    # 3 x ¥33.33 with 15 %: 9999 x 0.15 = 1499.85 -> 1500 fen
    p = price_line(LineInput(Money(3333), 3, discount_bp=1500))
    assert p.line_discount == Money(1500)
    assert p.net == Money(8499)
    # the member's tier comes first, the counter's discount on what is left
    p = price_line(LineInput(Money(10000), 1, discount_bp=1000, member_bp=2000))
    assert (p.member_discount, p.line_discount, p.net) == (Money(2000), Money(800), Money(7200))


def test_bad_discounts_are_refused() -> None:
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100), 1, discount_bp=10_001))
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100), 1, discount=Money(101)))
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100), 0))
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100), -2))


def test_discount_share_rounds_up_so_a_fen_over_is_over() -> None:
    assert discount_bp_of(Money(1000), Money(10000)) == 1000
    assert discount_bp_of(Money(1001), Money(10000)) == 1001
    assert discount_bp_of(Money(1), Money(30000)) == 1


def test_drawer_counts_and_quick_notes() -> None:
    assert cash_in_counts({10000: 3, 50: 2, 10: 5}) == Money(30150)
    with pytest.raises(Invalid):
        cash_in_counts({300: 1})
    with pytest.raises(Invalid):
        cash_in_counts({100: -1})
    assert quick_notes(Money(12800)) == [Money(12800), Money(15000), Money(20000)]
    assert quick_notes(Money(3000)) == [Money(3000), Money(5000), Money(10000)]


@given(mixed, bp, fen)
def test_cards_and_top_ups_are_paid_in_full(
    items: list[LineInput], ticket_bp: int, off: int
) -> None:
    plain = price_ticket(items, discount_bp=ticket_bp)
    try:
        p = price_ticket(items, discount_bp=ticket_bp, discount=Money(off))
    except Invalid:
        assert (
            Money(off)
            > plain.total
            - total(ln.net for ln, i in zip(plain.lines, items, strict=True) if not i.discountable)
            - plain.ticket_discount
        )
        return
    assert p.total == p.subtotal - p.member_discount - p.line_discount - p.ticket_discount
    assert p.ticket_discount == total(line.ticket_share for line in p.lines)
    for line, item in zip(p.lines, items, strict=True):
        if not item.discountable:
            assert line.net == item.unit_price and line.member_discount == ZERO
            assert line.ticket_share == ZERO


def test_a_card_line_refuses_a_discount() -> None:
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100000), 1, discount_bp=1000, discountable=False))
    with pytest.raises(Invalid):
        price_line(LineInput(Money(100000), 1, discount=Money(1), discountable=False))
    card = LineInput(Money(100000), 1, discountable=False)
    with pytest.raises(Invalid):  # the ticket discount has nothing to come off
        price_ticket([card], discount=Money(1))
    p = price_ticket([card, LineInput(Money(20000), 1)], discount_bp=5000)
    assert p.ticket_discount == Money(10000) and p.total == Money(110000)
