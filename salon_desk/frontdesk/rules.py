"""Pure rules of the front-desk logs: labels and the checks on what is typed."""

from __future__ import annotations

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, Msg

SEVERITIES: dict[str, str] = {
    "low": N_("Minor"),
    "medium": N_("Serious"),
    "high": N_("Urgent"),
}

STATUSES: dict[str, str] = {
    "open": N_("Open"),
    "in_progress": N_("In progress"),
    "resolved": N_("Resolved"),
}

CATEGORIES: dict[str, str] = {
    "staff": N_("Staff"),
    "supplier": N_("Supplier"),
    "service": N_("Services and repairs"),
}

#: The directory should be checked through at least this often (monthly).
REVIEW_DAYS = 30
MAX_PEOPLE = 99

N_REQUIRED = N_("Please fill in: {label}")
N_TOO_LONG = N_("{label} is too long (at most {limit} characters).")


def text(value: str | None, label: str, field: str, *, limit: int, required: bool = True) -> str:
    """Trimmed text; an empty required field or one too long is refused."""
    cleaned = " ".join((value or "").split()) if limit <= 200 else (value or "").strip()
    if required and not cleaned:
        raise Invalid(N_REQUIRED, field=field, label=Msg(label))
    if len(cleaned) > limit:
        raise Invalid(N_TOO_LONG, field=field, label=Msg(label), limit=limit)
    return cleaned


def people(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_PEOPLE:
        raise Invalid(
            N_("The number of people must be between 1 and {limit}."),
            field="people",
            limit=MAX_PEOPLE,
        )
    return value


def choice(value: str, options: dict[str, str], field: str) -> str:
    if value not in options:
        raise Invalid(N_("Choose one of the options."), field=field)
    return value


def phone(value: str | None, field: str = "phone", *, required: bool = True) -> str:
    """A phone number: digits, spaces, '-', '+' and an extension; at least 3 digits."""
    cleaned = (value or "").strip()
    if not cleaned and not required:
        return ""
    digits = sum(ch.isdigit() for ch in cleaned)
    allowed = set("0123456789 -+()转#")
    if digits < 3 or len(cleaned) > 40 or any(ch not in allowed for ch in cleaned):
        raise Invalid(N_("Enter a telephone number (digits, '-' or '+')."), field=field)
    return cleaned
