"""Every problem of one import row, not only the first: each cell is checked on its own
(the same readers and rules the import uses), so the dry run can list them all.

``row_problems(values, today=..., tiers=..., card_codes=...) -> list[SalonError]``, in the
order of the file's usual columns; each error's ``field`` names the column key (or the
form field, e.g. ``tier_id``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_
from salon_desk.members.import_rows import (
    read_count,
    read_date,
    read_gender,
    read_money,
    read_skin_type,
    read_yes_no,
)
from salon_desk.members.rules import (
    REFERRAL_MAX,
    check_birthday,
    check_member_number,
    clean_name,
    clean_text,
    normalise_phone,
)

_CARD_CELLS = ("sessions_left", "principal", "bonus", "paid", "expires_on")


def row_problems(
    values: dict[str, str],
    *,
    today: date,
    tiers: Collection[str],
    card_codes: Collection[str],
) -> list[SalonError]:
    v = values

    def tier() -> None:
        name = v.get("tier", "").strip()
        if name and name not in tiers:
            raise Invalid(N_("No such member level."), field="tier_id")

    def card_code() -> None:
        code = v.get("card_code", "").strip()
        if not code:
            if any(v.get(k, "").strip() for k in _CARD_CELLS):
                raise Invalid(
                    N_("Give the card code for the balance in this row."), field="card_code"
                )
        elif code not in card_codes:
            raise Invalid(N_("No card product has the code {code}."), field="card_code", code=code)

    checks: list[Callable[[], object]] = [
        lambda: clean_name(v.get("name", "")),
        lambda: normalise_phone(v.get("phone", "")),
        lambda: check_member_number(v.get("number", "")),
        lambda: read_gender(v.get("gender", "")),
        lambda: check_birthday(read_date(v.get("birthday", ""), "birthday"), today),
        tier,
        lambda: read_skin_type(v.get("skin_type", "")),
        lambda: clean_text(v.get("allergies", ""), "allergies"),
        lambda: clean_text(v.get("contraindications", ""), "contraindications"),
        lambda: clean_text(v.get("notes", ""), "notes"),
        lambda: clean_text(v.get("referral", ""), "referral", REFERRAL_MAX),
        lambda: read_yes_no(v.get("marketing_ok", ""), "marketing_ok"),
        card_code,
        lambda: read_count(v.get("sessions_left", ""), "sessions_left"),
        lambda: read_money(v.get("principal", ""), "principal"),
        lambda: read_money(v.get("bonus", ""), "bonus"),
        lambda: read_money(v.get("paid", ""), "paid"),
        lambda: read_date(v.get("expires_on", ""), "expires_on"),
    ]
    found: list[SalonError] = []
    for check in checks:
        try:
            check()
        except SalonError as exc:
            found.append(exc)
    return found
