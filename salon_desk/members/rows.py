"""What the members services return: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class TierRow:
    id: int
    name: str
    discount_bp: int
    sort: int
    active: bool


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: int
    number: str
    name: str
    phone: str | None
    gender: str
    birthday: date | None
    tier_id: int | None
    tier_name: str
    tier_bp: int
    skin_type: str
    allergies: str
    contraindications: str
    notes: str
    referral: str
    marketing_ok: bool
    pinyin: str
    initials: str
    created_at: datetime
    erased: bool

    @property
    def phone_tail(self) -> str:
        """The last four digits, as the counter reads them back to a caller."""
        return self.phone[-4:] if self.phone else ""


@dataclass(frozen=True, slots=True)
class MemberInput:
    """What the profile form sends. Every field is checked before anything is saved."""

    name: str
    phone: str
    gender: str = ""
    birthday: date | None = None
    tier_id: int | None = None
    skin_type: str = ""
    allergies: str = ""
    contraindications: str = ""
    notes: str = ""
    referral: str = ""
    marketing_ok: bool = False
    number: str | None = None  # kept from a paper card or another system; else the next one
