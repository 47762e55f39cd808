"""Pure rules of member profiles: phone numbers, pinyin and the search keys."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_

#: A mainland mobile number: 11 digits starting 13x-19x.
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_MEMBER_NUMBER = re.compile(r"^[0-9A-Za-z\-]{1,16}$")
_PHONE_NOISE = re.compile(r"[\s\-()（）]")

GENDERS: dict[str, str] = {"": N_("Not given"), "F": N_("Female"), "M": N_("Male")}
SKIN_TYPES: dict[str, str] = {
    "": N_("Not given"),
    "dry": N_("Dry"),
    "oily": N_("Oily"),
    "combination": N_("Combination"),
    "normal": N_("Normal"),
    "sensitive": N_("Sensitive"),
}

NAME_MAX = 20
TEXT_MAX = 500
REFERRAL_MAX = 40
#: Phone suffixes shorter than this are not keys: 1-3 digit queries match phone prefixes
#: and middles, not only the very end.
PHONE_SUFFIX_MIN = 4


def normalise_phone(raw: str) -> str:
    """The 11 digits of a mainland mobile number, or :class:`Invalid`.

    Spaces, dashes and brackets are ignored, and so is a leading ``+86`` / ``0086``.
    Full-width digits (typed with a Chinese input method) count as digits.
    """
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "")
    text = _PHONE_NOISE.sub("", text)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    if not text:
        raise Invalid(N_("Enter the member's mobile number."), field="phone")
    if not text.isascii() or not text.isdigit():
        raise Invalid(N_("A mobile number has only digits: {phone}"), field="phone", phone=raw)
    if not _MOBILE.match(text):
        raise Invalid(
            N_("Enter a mobile number of 11 digits starting with 1: {phone}"),
            field="phone",
            phone=raw,
        )
    return text


def clean_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "").split())
    if not name:
        raise Invalid(N_("Enter the member's name."), field="name")
    if len(name) > NAME_MAX:
        raise Invalid(N_("A name has at most {n} characters."), field="name", n=NAME_MAX)
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise Invalid(N_("The name contains characters that cannot be shown."), field="name")
    return name


def clean_text(raw: str | None, field: str, limit: int = TEXT_MAX) -> str:
    text = (raw if isinstance(raw, str) else "").strip()
    if len(text) > limit:
        raise Invalid(N_("At most {n} characters."), field=field, n=limit)
    return text


def check_member_number(text: str) -> str:
    """A member number typed in (the form or an import file): up to 16 letters, digits
    and dashes; "" when none was given."""
    number = text.strip()
    if number and not _MEMBER_NUMBER.match(number):
        raise Invalid(N_("A member number has up to 16 letters and digits."), field="number")
    return number


def check_birthday(birthday: date | None, today: date) -> date | None:
    if birthday is None:
        return None
    if not isinstance(birthday, date):
        raise Invalid(N_("Choose a date."), field="birthday")
    if birthday > today:
        raise Invalid(N_("The birthday cannot be in the future."), field="birthday")
    if birthday.year < 1900:
        raise Invalid(N_("The birthday is too long ago."), field="birthday")
    return birthday


def syllables(name: str) -> list[str]:
    """Pinyin of each character (toneless, lower case); Latin letters and digits pass
    through as one syllable per run. ``吕`` is ``lv``.

    pypinyin is imported here, when a member is saved, not with this module: loading its
    dictionaries takes most of a second and about 55 MiB, which every screen that only
    looks members up (appointments, register) paid at sign-in."""
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    for part in lazy_pinyin(name, style=Style.NORMAL, errors="default"):
        for word in part.lower().split():
            cleaned = "".join(c for c in word if c.isascii() and c.isalnum())
            if cleaned:
                out.append(cleaned)
    return out


def pinyin_of(name: str) -> tuple[str, str]:
    """``("zhangsan", "zs")`` for 张三."""
    parts = syllables(name)
    return "".join(parts)[:80], "".join(p[0] for p in parts)[:20]


def search_keys(*, name: str, phone: str | None, number: str) -> set[str]:
    """Every key a member is found by (see :class:`~salon_desk.members.models.MemberSearchKey`)."""
    keys: set[str] = set()
    if phone:
        for i in range(len(phone) - PHONE_SUFFIX_MIN + 1):
            keys.add(phone[i:])
    folded = name.lower().replace(" ", "")
    for i in range(len(folded)):
        keys.add(folded[i:])
    parts = syllables(name)
    for i in range(len(parts)):
        keys.add("".join(parts[i:]))
        keys.add("".join(p[0] for p in parts[i:]))
    number = number.lower()
    keys.add(number)
    stripped = number.lstrip("0")
    if stripped and stripped != number:
        keys.add(stripped)
    return {k[:40] for k in keys if k}


def fold_query(text: str) -> str:
    """What the user typed, as the keys are stored: NFKC, lower case, no spaces;
    a phone typed with dashes or spaces becomes its digits."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    folded = "".join(folded.split())
    if folded and all(c.isdigit() or c in "-()（）+" for c in folded):
        folded = "".join(c for c in folded if c.isdigit())
        if len(folded) == 13 and folded.startswith("86"):
            folded = folded[2:]
    return folded[:40]


def next_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
