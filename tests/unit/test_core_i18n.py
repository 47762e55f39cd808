"""Errors carry a code and parameters; one translation system turns them into text."""

from __future__ import annotations

import pytest

from salon_desk.core.auth import PERM_LABELS, ROLE_LABELS, Perm, Role
from salon_desk.core.errors import (
    Conflict,
    CorruptDatabase,
    Forbidden,
    Invalid,
    Locked,
    NotFound,
    SalonError,
    Unavailable,
)
from salon_desk.core.i18n import (
    LANGUAGES,
    N_,
    Msg,
    _,
    catalogue,
    current_language,
    error_text,
    set_language,
    translate,
)
from salon_desk.core.money import Money


def test_every_error_kind_is_a_salon_error_with_code_field_and_params() -> None:
    for kind in (Invalid, NotFound, Conflict, Locked, Unavailable, CorruptDatabase):
        err = kind(N_("Staff number {number} is already taken."), field="number", number="8")
        assert isinstance(err, SalonError)
        assert err.code == "Staff number {number} is already taken."
        assert err.field == "number"
        assert err.params == {"number": "8"}
        assert str(err) == "Staff number 8 is already taken."
    forbidden = Forbidden(N_("This needs a manager's permission: {action}"), permission="refund")
    assert forbidden.permission == "refund"
    assert str(forbidden) == "This needs a manager's permission: {action}"  # missing param


def test_error_text_follows_the_language() -> None:
    err = Conflict(N_("Staff number {number} is already taken."), number="101")
    set_language("zh_CN")
    assert error_text(err) == "工号 101 已被占用。"
    set_language("en")
    assert current_language() == "en"
    assert error_text(err) == "Staff number 101 is already taken."


def test_parameters_that_are_messages_or_money_are_shown_properly() -> None:
    err = Forbidden(
        N_("This needs a manager's permission: {action}"),
        permission="refund",
        action=Msg(PERM_LABELS[Perm.REFUND]),
    )
    assert error_text(err) == "此操作需要经理授权：退款"
    money_err = Invalid(N_("The amount must be at least {minimum}."), minimum=Money(500))
    assert error_text(money_err) == "金额不能少于 ¥5.00。"


def test_unknown_text_falls_back_to_english_and_unknown_languages_are_refused() -> None:
    assert _("A sentence nobody translated {x}", x=1) == "A sentence nobody translated 1"
    with pytest.raises(ValueError):
        set_language("fr")
    assert translate("Wrong PIN.", "zh_CN") == "密码错误。"
    assert translate("Wrong PIN.", "en") == "Wrong PIN."
    assert catalogue("en") == {}


def test_both_languages_are_offered_and_chinese_is_complete_for_labels() -> None:
    assert list(LANGUAGES) == ["zh_CN", "en"]
    zh = catalogue("zh_CN")
    for label in [*PERM_LABELS.values(), *ROLE_LABELS.values()]:
        assert zh.get(label), label
    assert _(ROLE_LABELS[Role.OWNER]) == "店长"
