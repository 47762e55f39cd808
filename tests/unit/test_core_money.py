"""Money: parsing what people type, formatting, the one rounding rule, exact splits."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import error_text, set_language
from salon_desk.core.money import MAX_FEN, ZERO, Money, round_fen, total


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("128", 12800),
        ("128.5", 12850),
        ("128.50", 12850),
        ("¥1,234.50", 123450),
        ("￥1，234.50", 123450),
        (" 1 234.5 ", 123450),
        ("0.01", 1),
        (".5", 50),
        ("-3.20", -320),
        ("-¥3.20", -320),
        ("+7", 700),
        ("88元", 8800),
        ("RMB 10", 1000),
        ("0", 0),
    ],
)
def test_parse_accepts_what_a_person_types(text: str, fen: int) -> None:
    assert Money.parse(text) == Money(fen)


@pytest.mark.parametrize(
    "text", ["", " ", "abc", "1.234", "12.3.4", "1e3", "--5", "¥", ".", "12,34a", "0x10", "NaN"]
)
def test_parse_refuses_anything_else_with_a_translated_message(text: str) -> None:
    with pytest.raises(Invalid) as info:
        Money.parse(text, field="price")
    assert info.value.field == "price"
    assert "金额" in error_text(info.value)


def test_parse_refuses_absurd_amounts() -> None:
    Money.parse("10000000")  # exactly the ceiling
    with pytest.raises(Invalid) as info:
        Money.parse("10000000.01")
    assert info.value.code == "The amount is too large: {text}"


def test_format_groups_thousands_and_keeps_two_decimals() -> None:
    assert Money(123450).format() == "¥1,234.50"
    assert Money(-5).format() == "-¥0.05"
    assert Money(100_000_000).format() == "¥1,000,000.00"
    assert Money(12850).format("￥") == "￥128.50"
    assert Money(123450).plain() == "1234.50"
    assert str(Money(0)) == "¥0.00"


def test_money_refuses_floats_and_bools() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)


def test_arithmetic_stays_in_fen() -> None:
    assert Money(100) + Money(250) == Money(350)
    assert Money(100) - Money(250) == Money(-150)
    assert Money(199) * 3 == Money(597) == 3 * Money(199)
    assert -Money(5) == Money(-5)
    assert total([Money(1), Money(2), Money(3)]) == Money(6)
    assert not ZERO and Money(1)
    assert Money.yuan(128) == Money(12800)


def test_rounding_is_half_away_from_zero() -> None:
    assert round_fen(Decimal("2.5")) == 3
    assert round_fen(Decimal("-2.5")) == -3
    assert round_fen(Decimal("2.4999")) == 2
    assert Money(999).percent(1000) == Money(100)  # 99.9 -> 100
    assert Money(25).percent(5000) == Money(13)  # 12.5 -> 13
    assert Money(-25).percent(5000) == Money(-13)
    assert Money(12800).percent(8800) == Money(11264)  # 88 折


def test_allocate_spreads_a_discount_exactly() -> None:
    assert Money(100).allocate([1, 1, 1]) == [Money(34), Money(33), Money(33)]
    assert Money(-100).allocate([1, 1, 1]) == [Money(-34), Money(-33), Money(-33)]
    assert Money(1000).allocate([0, 0]) == [ZERO, ZERO]


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN))
def test_format_then_parse_gives_the_same_amount(fen: int) -> None:
    money = Money(fen)
    assert Money.parse(money.format()) == money
    assert Money.parse(money.plain()) == money
    assert Money.parse(money.format("￥")) == money


@given(
    st.integers(min_value=-MAX_FEN, max_value=MAX_FEN),
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12),
)
def test_allocate_parts_add_up_and_stay_proportional(fen: int, weights: list[int]) -> None:
    parts = Money(fen).allocate(weights)
    assert len(parts) == len(weights)
    if sum(weights) == 0:
        assert all(p == ZERO for p in parts)
        return
    assert total(parts) == Money(fen)
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(fen) * weight / sum(weights)
        assert abs(Decimal(part.fen) - exact) < 1


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN), st.integers(0, 10_000))
def test_percent_is_the_nearest_fen(fen: int, bp: int) -> None:
    exact = Decimal(fen) * bp / 10_000
    got = Money(fen).percent(bp).fen
    assert abs(Decimal(got) - exact) <= Decimal("0.5")


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN), st.integers(0, 10_000))
def test_percent_rounds_halves_away_from_zero_and_exact_shares_stay_exact(
    fen: int, bp: int
) -> None:
    expected = (Decimal(fen) * bp / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert Money(fen).percent(bp) == Money(int(expected))
    assert Money(fen).percent(0) == ZERO and Money(fen).percent(10_000) == Money(fen)
    assert Money(fen * 4).percent(2_500) == Money(fen)


def test_english_message_when_the_language_is_english() -> None:
    set_language("en")
    with pytest.raises(Invalid) as info:
        Money.parse("abc")
    assert error_text(info.value) == "Not an amount of money: abc"
