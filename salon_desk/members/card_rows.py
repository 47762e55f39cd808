"""What the card functions return: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desk.core.money import ZERO, Money


@dataclass(frozen=True, slots=True)
class CardProductRow:
    id: int
    code: str
    name: str
    kind: str  # period, sessions, value
    category: str  # month, quarter, half_year, year, promo, pack, value
    price: Money
    sessions: int
    bonus: Money
    valid_days: int | None
    from_first_use: bool
    per_day_cap: int | None
    per_week_cap: int | None
    min_gap_hours: int | None
    terms: str
    active: bool
    service_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CardProductInput:
    code: str
    name: str
    kind: str
    category: str
    price: Money
    sessions: int = 0
    bonus: Money = ZERO
    valid_days: int | None = None
    from_first_use: bool = False
    per_day_cap: int | None = None
    per_week_cap: int | None = None
    min_gap_hours: int | None = None
    terms: str = ""
    active: bool = True
    service_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CardAccountRow:
    id: int
    number: str
    member_id: int
    member_name: str
    product_id: int
    product_name: str
    kind: str
    category: str
    price: Money
    sold_at: datetime
    sale_ref: str | None
    starts_on: date | None
    expires_on: date | None
    frozen_since: date | None
    status: str  # active, refunded, transferred, expired, void
    sessions_left: int
    principal: Money
    bonus: Money
    uses: int  # treatments taken so far
    service_ids: tuple[int, ...]

    @property
    def value(self) -> Money:
        return self.principal + self.bonus

    @property
    def frozen(self) -> bool:
        return self.frozen_since is not None


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A card ledger entry just written (``card_ledger.post``), as a plain object: one
    column per attribute, like the table's row, without the ORM's instrumentation (building
    an ORM object only to read it back cost more than its INSERT's Python)."""

    id: int
    account_id: int
    at: datetime
    day: date
    kind: str
    sessions: int
    principal_fen: int
    bonus_fen: int
    sessions_after: int
    principal_after_fen: int
    bonus_after_fen: int
    uses: int
    service_id: int | None
    list_price_fen: int
    expires_after: date | None
    sale_ref: str | None
    reverses_id: int | None
    related_account_id: int | None
    staff_id: int | None
    authorised_by: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class LedgerRow:
    id: int
    account_id: int
    at: datetime
    day: date
    kind: str
    sessions: int
    principal: Money
    bonus: Money
    sessions_after: int
    principal_after: Money
    bonus_after: Money
    uses: int
    service_id: int | None
    list_price: Money
    expires_after: date | None
    sale_ref: str | None
    reverses_id: int | None
    related_account_id: int | None
    staff_id: int | None
    authorised_by: int | None
    reason: str
    signed: bool = False


@dataclass(frozen=True, slots=True)
class ValueSpend:
    """A spend from a stored-value card: how much came from principal and from bonus."""

    entry: LedgerRow
    principal: Money
    bonus: Money

    @property
    def amount(self) -> Money:
        return self.principal + self.bonus


@dataclass(frozen=True, slots=True)
class UsedLine:
    day: date
    service_name: str
    uses: int
    list_price: Money


@dataclass(frozen=True, slots=True)
class RefundSlip:
    """The settlement slip (退卡结算单) the member signs when a card is refunded."""

    account_number: str
    product_name: str
    kind: str
    member_number: str
    member_name: str
    member_phone: str
    sold_at: datetime
    paid: Money  # the card's price plus top-ups
    used: tuple[UsedLine, ...]
    used_list_price: Money
    principal_left: Money
    bonus_void: Money
    sessions_void: int
    refund: Money
    reason: str
    at: datetime
    staff_name: str
    authorised_by_name: str
    entry_id: int
    sessions_total: int | None = None  # session packs: sessions bought (and moved in)

    def receipt_payload(self) -> dict[str, object]:
        """The card part of the register's ``card_refund`` print payload (money in fen);
        the register adds shop, number, time, cashier and how the money goes back."""
        payload: dict[str, object] = {
            "member": {
                "name": self.member_name,
                "phone": self.member_phone,
                "number": self.member_number,
            },
            "card": {"name": self.product_name, "number": self.account_number},
            "paid_fen": self.paid.fen,
            "used_fen": (self.paid - self.refund).fen,
            "fee_fen": 0,
            "refund_fen": self.refund.fen,
            "reason": self.reason,
            "authorised_by": self.authorised_by_name,
        }
        if self.sessions_total is not None:
            payload["sessions_total"] = self.sessions_total
            payload["sessions_used"] = self.sessions_total - self.sessions_void
        return payload
