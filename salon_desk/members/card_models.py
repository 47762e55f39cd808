"""Tables of treatment cards (护理卡): products, the cards members hold, their ledger.

A card's balance is the sum of its ledger. The account row carries the running balance
(sessions, principal, bonus) for a quick read and to lock on; every change updates it with
a guarded ``UPDATE`` in the same transaction as the ledger entry, and both the account and
each entry's balance-after are checked ``>= 0`` by the database.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base

CARD_KINDS = ("period", "sessions", "value")
CARD_CATEGORIES = ("month", "quarter", "half_year", "year", "promo", "pack", "value")
ENTRY_KINDS = (
    "sale",
    "use",
    "top_up",
    "bonus",
    "adjustment",
    "freeze",
    "unfreeze",
    "extension",
    "transfer",
    "refund",
    "expiry",
    "reversal",
)


class CardProduct(Base):
    """A card on sale (护理卡 template): price and terms."""

    __tablename__ = "card_product"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))
    category: Mapped[str] = mapped_column(String(12))
    price_fen: Mapped[int]
    sessions: Mapped[int] = mapped_column(default=0)  # session packs
    bonus_fen: Mapped[int] = mapped_column(default=0)  # stored value: bonus on the sale
    valid_days: Mapped[int | None]
    from_first_use: Mapped[bool] = mapped_column(default=False)
    per_day_cap: Mapped[int | None]
    per_week_cap: Mapped[int | None]
    min_gap_hours: Mapped[int | None]
    terms: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("kind IN ('period','sessions','value')", name="kind"),
        CheckConstraint("price_fen >= 0 AND bonus_fen >= 0 AND sessions >= 0", name="amounts"),
        CheckConstraint("kind <> 'sessions' OR sessions > 0", name="pack_sessions"),
        CheckConstraint("kind <> 'period' OR valid_days IS NOT NULL", name="period_days"),
    )


class CardProductService(Base):
    """The services a card may be used for. A stored-value card with none: any service."""

    __tablename__ = "card_product_service"

    product_id: Mapped[int] = mapped_column(ForeignKey("card_product.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"), primary_key=True)


class CardAccount(Base):
    """A card sold to a member, with its running balance."""

    __tablename__ = "card_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("card_product.id"))
    kind: Mapped[str] = mapped_column(String(12))
    price_fen: Mapped[int]  # what the member paid for the card
    sold_at: Mapped[datetime]
    sold_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sale_ref: Mapped[str | None] = mapped_column(String(40))
    starts_on: Mapped[date | None]
    expires_on: Mapped[date | None]  # last day the card may be used
    frozen_since: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default="active")
    sessions_left: Mapped[int] = mapped_column(default=0)
    principal_fen: Mapped[int] = mapped_column(default=0)
    bonus_fen: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        CheckConstraint(
            "sessions_left >= 0 AND principal_fen >= 0 AND bonus_fen >= 0", name="balance"
        ),
        CheckConstraint(
            "status IN ('active','refunded','transferred','expired','void')", name="status"
        ),
        Index("ix_card_account_member", "member_id"),
        # the reports: the period cards sold by a day
        Index("ix_card_account_kind_sold", "kind", "sold_at"),
    )


class CardLedger(Base):
    """One change to a card: who, when, why, by how much, and the balance after it."""

    __tablename__ = "card_ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("card_account.id"))
    at: Mapped[datetime]
    day: Mapped[date]  # shop-local day, for per-day and per-week caps
    kind: Mapped[str] = mapped_column(String(12))
    sessions: Mapped[int] = mapped_column(default=0)
    principal_fen: Mapped[int] = mapped_column(default=0)
    bonus_fen: Mapped[int] = mapped_column(default=0)
    sessions_after: Mapped[int]
    principal_after_fen: Mapped[int]
    bonus_after_fen: Mapped[int]
    uses: Mapped[int] = mapped_column(default=0)  # treatments taken (negative: given back)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service_item.id"))
    list_price_fen: Mapped[int] = mapped_column(default=0)  # of the treatments taken
    expires_after: Mapped[date | None]
    sale_ref: Mapped[str | None] = mapped_column(String(40))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("card_ledger.id"), unique=True)
    related_account_id: Mapped[int | None] = mapped_column(ForeignKey("card_account.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    authorised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "sessions_after >= 0 AND principal_after_fen >= 0 AND bonus_after_fen >= 0",
            name="after",
        ),
        CheckConstraint(
            "kind IN ('sale','use','top_up','bonus','adjustment','freeze','unfreeze',"
            "'extension','transfer','refund','expiry','reversal')",
            name="kind",
        ),
        Index("ix_card_ledger_account", "account_id", "id"),
        Index("ix_card_ledger_sale_ref", "sale_ref"),
        # the reports read the ledger by shop day (and kind); the card is in it so that
        # finding the cards closed since a day reads the index alone
        Index("ix_card_ledger_day", "day", "kind", "account_id"),
        # ... and whether a card was closed since a day, card by card
        Index("ix_card_ledger_account_kind", "account_id", "kind", "day"),
    )


class CardSignature(Base):
    """The member's on-screen signature confirming a ledger entry: the strokes as JSON
    (points in the pad's pixels) and, from the signature pad, the picture as PNG."""

    __tablename__ = "card_signature"

    ledger_id: Mapped[int] = mapped_column(ForeignKey("card_ledger.id"), primary_key=True)
    strokes: Mapped[str] = mapped_column(Text)
    png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime]
