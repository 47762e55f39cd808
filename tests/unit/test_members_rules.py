"""Phone numbers, pinyin and search keys of member profiles."""

from __future__ import annotations

from datetime import date

import pytest

from salon_desk.core.errors import Invalid
from salon_desk.members.rules import (
    check_birthday,
    clean_name,
    fold_query,
    normalise_phone,
    pinyin_of,
    search_keys,
)


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "１３８１２３４５６７８",
    ],
)
def test_phone_forms_people_type_become_the_eleven_digits(raw: str) -> None:
    assert normalise_phone(raw) == "13812345678"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "Enter the member's mobile number."),
        ("1381234567a", "A mobile number has only digits: {phone}"),
        ("1381234567", "Enter a mobile number of 11 digits starting with 1: {phone}"),
        ("138123456789", "Enter a mobile number of 11 digits starting with 1: {phone}"),
        ("23812345678", "Enter a mobile number of 11 digits starting with 1: {phone}"),
        ("12812345678", "Enter a mobile number of 11 digits starting with 1: {phone}"),
    ],
)
def test_wrong_phones_are_refused_with_a_message(raw: str, code: str) -> None:
    with pytest.raises(Invalid) as err:
        normalise_phone(raw)
    assert err.value.code == code and err.value.field == "phone"


def test_pinyin_in_full_and_initials() -> None:
    assert pinyin_of("张三") == ("zhangsan", "zs")
    assert pinyin_of("吕晓燕") == ("lvxiaoyan", "lxy")
    assert pinyin_of("Amy 王") == ("amywang", "aw")


def test_search_keys_cover_every_way_a_member_is_looked_up() -> None:
    keys = search_keys(name="张晓伟", phone="13812345678", number="000123")
    # any part of the phone of 4+ digits is the start of a key (last four included)
    for part in ("13812345678", "5678", "1234", "812345"):
        assert any(k.startswith(part) for k in keys), part
    for part in ("张晓伟", "晓伟", "伟", "zhangxiaowei", "xiaowei", "wei", "zxw", "xw", "zhang"):
        assert any(k.startswith(part) for k in keys), part
    assert {"000123", "123"} <= keys


def test_queries_are_folded_like_the_keys() -> None:
    assert fold_query(" ZS ") == "zs"
    assert fold_query("138-1234-5678") == "13812345678"
    assert fold_query("+86 138 1234 5678") == "13812345678"
    assert fold_query("５６７８") == "5678"


def test_names_and_birthdays() -> None:
    assert clean_name("  张  三 ") == "张 三"
    with pytest.raises(Invalid):
        clean_name("   ")
    with pytest.raises(Invalid):
        clean_name("张" * 21)
    today = date(2026, 11, 28)
    assert check_birthday(date(1990, 5, 1), today) == date(1990, 5, 1)
    with pytest.raises(Invalid) as err:
        check_birthday(date(2026, 11, 29), today)
    assert err.value.code == "The birthday cannot be in the future."
