"""Reading the cells of one import row: dates, yes/no, gender, skin type, counts, money.

Each reader raises :class:`Invalid` with ``field`` set to the column key, so the dry run
can say which column of which row is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, translate
from salon_desk.core.money import Money
from salon_desk.members.rules import SKIN_TYPES

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_GENDERS = {"": "", "女": "F", "f": "F", "female": "F", "男": "M", "m": "M", "male": "M"}
_YES = {"是", "y", "yes", "1", "true", "同意", "接受", "√"}
_NO = {"", "否", "n", "no", "0", "false", "不同意", "不接受", "×"}


@dataclass(frozen=True, slots=True)
class CardCells:
    """What is left on a card moved over from paper or another system."""

    code: str
    sessions_left: int
    principal: Money
    bonus: Money
    paid: Money | None
    expires_on: date | None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def read_date(text: str, field: str) -> date | None:
    raw = _norm(text)
    if not raw:
        return None
    found = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            pass
    raise Invalid(N_("Not a date: {text}. Write it as 1990-05-06."), field=field, text=text.strip())


def read_gender(text: str) -> str:
    found = _GENDERS.get(_norm(text).lower())
    if found is None:
        raise Invalid(N_("Write 女 or 男, or leave it empty: {text}"), field="gender", text=text)
    return found


def read_yes_no(text: str, field: str) -> bool:
    value = _norm(text).lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise Invalid(N_("Write 是 or 否, or leave it empty: {text}"), field=field, text=text)


def read_skin_type(text: str) -> str:
    value = _norm(text).lower()
    for key, label in SKIN_TYPES.items():
        if value in (key, label.lower(), translate(label, "zh_CN").lower()):
            return key
    raise Invalid(N_("Unknown skin type: {value}"), field="skin_type", value=text)


def read_count(text: str, field: str) -> int:
    raw = _norm(text)
    if not raw:
        return 0
    if raw.endswith("次"):
        raw = raw[:-1].strip()
    if not raw.isdigit() or len(raw) > 4:
        raise Invalid(N_("Enter a whole number from 1 to {n}."), field=field, n=9999)
    return int(raw)


def read_money(text: str, field: str) -> Money | None:
    raw = _norm(text)
    if not raw:
        return None
    amount = Money.parse(raw, field=field)
    if amount.fen < 0:
        raise Invalid(N_("Not an amount of money: {text}"), field=field, text=text.strip())
    return amount


def read_card(values: dict[str, str]) -> CardCells | None:
    """The card part of a row, or ``None`` when the row has no card."""
    code = _norm(values.get("card_code", ""))
    rest = ("sessions_left", "principal", "bonus", "paid", "expires_on")
    if not code:
        if any(_norm(values.get(k, "")) for k in rest):
            raise Invalid(N_("Give the card code for the balance in this row."), field="card_code")
        return None
    return CardCells(
        code=code,
        sessions_left=read_count(values.get("sessions_left", ""), "sessions_left"),
        principal=read_money(values.get("principal", ""), "principal") or Money(0),
        bonus=read_money(values.get("bonus", ""), "bonus") or Money(0),
        paid=read_money(values.get("paid", ""), "paid"),
        expires_on=read_date(values.get("expires_on", ""), "expires_on"),
    )
