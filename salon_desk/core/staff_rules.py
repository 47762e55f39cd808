"""What staff administration accepts: PINs, staff numbers, roles and phones. Pure
checks, no database."""

from __future__ import annotations

import re
import unicodedata

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.permissions import Role

PIN = re.compile(r"[0-9]{4,6}")  # the whole PIN (fullmatch): "1234\n" is not one
_PHONE = re.compile(r"\+?[0-9]{7,15}")
_PHONE_NOISE = re.compile(r"[\s\-()（）]")
STAFF_NUMBER = re.compile(r"^[0-9A-Za-z]{1,16}$")


def validate_pin(pin: str) -> str:
    if not isinstance(pin, str) or not PIN.fullmatch(pin):
        raise Invalid(N_("A PIN is 4 to 6 digits."), field="pin")
    return pin


def text_of(value: object) -> str:
    return value if isinstance(value, str) else ""


def role_of(value: object) -> Role:
    """A role given as a :class:`Role` or as its value."""
    try:
        return Role(str(value.value if isinstance(value, Role) else value))
    except ValueError:
        raise Invalid(N_("Unknown role: {role}"), field="role", role=str(value)[:40]) from None


def staff_phone(raw: object) -> str | None:
    """A staff member's phone (mobile or landline), or ``None`` when left empty."""
    if raw is None:
        return None
    text = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", text_of(raw)))
    if not text:
        return None
    if not text.isascii() or not _PHONE.fullmatch(text):
        raise Invalid(
            N_("A phone number has 7 to 15 digits: {phone}"), field="phone", phone=str(raw)[:40]
        )
    return text
