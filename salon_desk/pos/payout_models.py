"""Money paid back for members' cards refunded at the register (退卡): one row per refund
paid out, whatever the method. Nothing here is updated or deleted.

A refund paid in cash also leaves the drawer as a ``card_back`` drawer event
(``cash_event_id``), and the figures read cash from those events (they go back further
than this table); the other methods are read from here."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base


class CardPayout(Base):
    __tablename__ = "pos_card_payout"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]  # the shop day it was paid
    at: Mapped[datetime]
    account_id: Mapped[int] = mapped_column(ForeignKey("card_account.id"))
    method: Mapped[str] = mapped_column(String(12))  # cash, bank_card, wechat, alipay
    amount_fen: Mapped[int]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    #: the drawer event of a refund paid in cash; none for the other methods
    cash_event_id: Mapped[int | None] = mapped_column(ForeignKey("pos_cash_event.id"))

    __table_args__ = (
        # a day's or a range's payouts by method, read from the index alone
        Index("ix_pos_card_payout_day", "day", "method", "amount_fen"),
        CheckConstraint("method IN ('cash','bank_card','wechat','alipay')", name="method"),
        CheckConstraint("amount_fen > 0", name="amount"),
        CheckConstraint(
            "(method = 'cash' AND cash_event_id IS NOT NULL)"
            " OR (method <> 'cash' AND cash_event_id IS NULL)",
            name="drawer",
        ),
    )
