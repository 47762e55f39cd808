"""Tables of the register: the till day, sales with their lines and payments, vouchers
used, parked tickets, drawer events, refunds and voids, and the Z report.

Nothing here is updated or deleted once written except a parked ticket being taken back:
a void or refund is a new row pointing at the sale; a Z report closes a day for good.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from salon_desk.core.db import Base
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_


class TillOpen(Base):
    """The opening float (备用金) of a shop-local day, counted by denomination."""

    __tablename__ = "pos_till_open"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    float_fen: Mapped[int]
    counts: Mapped[dict[str, Any]]
    expected_fen: Mapped[int | None]  # the float yesterday's closing kept, when there was one
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (CheckConstraint("float_fen >= 0", name="float"),)


class CashEvent(Base):
    """The drawer opened without a sale, or cash paid in or out, with the reason."""

    __tablename__ = "pos_cash_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("kind IN ('no_sale','paid_in','paid_out','card_back')", name="kind"),
        CheckConstraint("amount_fen >= 0", name="amount"),
    )


class Sale(Base):
    __tablename__ = "pos_sale"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    #: Made when the payment screen opens: a repeated tap or a retry finds this sale.
    idempotency_key: Mapped[str] = mapped_column(String(40), unique=True)
    day: Mapped[date]
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    member_id: Mapped[int | None]
    member_name: Mapped[str] = mapped_column(String(40), default="")
    member_tier_bp: Mapped[int] = mapped_column(default=0)
    subtotal_fen: Mapped[int]
    member_discount_fen: Mapped[int]
    line_discount_fen: Mapped[int]
    ticket_discount_fen: Mapped[int]
    ticket_discount_bp: Mapped[int] = mapped_column(default=0)
    ticket_discount_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    total_fen: Mapped[int]
    received_fen: Mapped[int]
    change_fen: Mapped[int]

    #: The rows written with the sale: a new sale is built whole and inserted in one flush.
    lines: Mapped[list[SaleLine]] = relationship(order_by="SaleLine.seq")
    payments: Mapped[list[Payment]] = relationship(order_by="Payment.seq")
    vouchers: Mapped[list[VoucherUse]] = relationship()

    __table_args__ = (
        # a range's tickets in the order they were rung up, with their members: the
        # reports read them from the index alone (reports_0003)
        Index("ix_pos_sale_day_figures", "day", "at", "member_id"),
        # a member's tickets, newest first: the member screen's purchases and visits
        # (members_0007)
        Index("ix_pos_sale_member_at", "member_id", "at"),
        CheckConstraint("total_fen >= 0 AND change_fen >= 0", name="amounts"),
        CheckConstraint(
            "total_fen = subtotal_fen - member_discount_fen - line_discount_fen"
            " - ticket_discount_fen",
            name="reconciles",
        ),
    )


class SaleLine(Base):
    __tablename__ = "pos_sale_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("pos_sale.id"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10))
    #: The price-list item (no foreign key: Alembic cannot order one revision after two
    #: sibling branches; the line keeps the name and price it was sold at anyway).
    service_id: Mapped[int | None]
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    name: Mapped[str] = mapped_column(String(80))
    unit_price_fen: Mapped[int]
    qty: Mapped[int]
    list_fen: Mapped[int]
    gross_fen: Mapped[int]
    member_discount_fen: Mapped[int]
    line_discount_fen: Mapped[int]
    ticket_share_fen: Mapped[int]
    net_fen: Mapped[int]
    discount_bp: Mapped[int] = mapped_column(default=0)
    discount_fen: Mapped[int] = mapped_column(default=0)
    discount_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    gift: Mapped[bool] = mapped_column(default=False)
    trial_code: Mapped[str] = mapped_column(String(40), default="")
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    #: ``card_sale``: the card product sold; the card made is ``card_account_id``.
    card_product_id: Mapped[int | None]
    #: ``top_up``: the card topped up; ``service``: the session or period card that
    #: covered it (no foreign keys: see ``service_id``).
    card_account_id: Mapped[int | None]
    #: ``top_up``: stored value given on top of what was paid (赠送), not paid for.
    bonus_fen: Mapped[int] = mapped_column(default=0)

    #: Who performed the line (staff ids in ``staff_id``).
    beauticians: Mapped[list[SaleLineBeautician]] = relationship(
        order_by="SaleLineBeautician.staff_id"
    )

    __table_args__ = (
        #: ``card_sale`` (开卡) and ``top_up`` (充值) are money received for a member's
        #: card, not revenue earned: the revenue is the card's use later.
        CheckConstraint("kind IN ('service','product','card_sale','top_up')", name="kind"),
        CheckConstraint("bonus_fen >= 0", name="bonus"),
        CheckConstraint("qty > 0 AND net_fen >= 0", name="amounts"),
        CheckConstraint(
            "net_fen = gross_fen - member_discount_fen - line_discount_fen - ticket_share_fen",
            name="reconciles",
        ),
        # a ticket's lines; the reports add them up from the index alone
        Index(
            "ix_pos_sale_line_sale_figures",
            *("sale_id", "kind", "gift", "net_fen", "seller_id", "qty"),
        ),
    )


class SaleLineBeautician(Base):
    """Who performed a service line (业绩)."""

    __tablename__ = "pos_sale_line_beautician"

    line_id: Mapped[int] = mapped_column(ForeignKey("pos_sale_line.id"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)


class Payment(Base):
    __tablename__ = "pos_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("pos_sale.id"))
    seq: Mapped[int]
    tender: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int]  # what went against the ticket
    received_fen: Mapped[int]  # what was handed over (cash: before change)
    reference: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (
        # a ticket's payments by tender, read from the index alone (reports_0003)
        Index("ix_pos_payment_sale_figures", "sale_id", "tender", "amount_fen"),
        CheckConstraint("amount_fen >= 0 AND received_fen >= amount_fen", name="amounts"),
    )


class VoucherUse(Base):
    """A voucher code is used once, whether a cash voucher (抵用券) or a trial (体验券)."""

    __tablename__ = "pos_voucher_use"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    sale_id: Mapped[int] = mapped_column(ForeignKey("pos_sale.id"))
    at: Mapped[datetime]


class ParkedTicket(Base):
    __tablename__ = "pos_parked"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    label: Mapped[str] = mapped_column(String(40))
    total_fen: Mapped[int]
    payload: Mapped[dict[str, Any]]
    resumed_at: Mapped[datetime | None]
    resumed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (Index("ix_pos_parked_open", "resumed_at"),)


class Refund(Base):
    """A void (the whole sale, the same day) or a refund (whole or by line)."""

    __tablename__ = "pos_refund"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("pos_sale.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    day: Mapped[date] = mapped_column(index=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    authorised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(Text)
    total_fen: Mapped[int]

    __table_args__ = (
        CheckConstraint("kind IN ('void','refund')", name="kind"),
        CheckConstraint("total_fen >= 0", name="amount"),
    )


class RefundLine(Base):
    __tablename__ = "pos_refund_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("pos_refund.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("pos_sale_line.id"), index=True)
    qty: Mapped[int]
    amount_fen: Mapped[int]
    restock: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (CheckConstraint("qty > 0 AND amount_fen >= 0", name="amounts"),)


class RefundPayment(Base):
    __tablename__ = "pos_refund_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("pos_refund.id"), index=True)
    tender: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int]

    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount"),)


class ZReport(Base):
    """Closing the day (打烊结算): counted against expected, and the handover. Final."""

    __tablename__ = "pos_z_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    day: Mapped[date] = mapped_column(unique=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    figures: Mapped[dict[str, Any]]
    counts: Mapped[dict[str, Any]]
    counted_fen: Mapped[int]
    expected_fen: Mapped[int]
    over_short_fen: Mapped[int]
    kept_float_fen: Mapped[int]
    to_safe_fen: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    handover: Mapped[str] = mapped_column(Text, default="")
    #: method -> fen the counter entered from the terminals and statements; NULL: the Z
    #: was closed before other methods were counted
    method_counts: Mapped[dict[str, Any] | None]

    __table_args__ = (
        CheckConstraint("kept_float_fen >= 0 AND to_safe_fen >= 0", name="amounts"),
        CheckConstraint("counted_fen = kept_float_fen + to_safe_fen", name="split"),
    )


@event.listens_for(ZReport, "before_update")
@event.listens_for(ZReport, "before_delete")
def _z_is_final(_mapper: Any, _connection: Any, target: ZReport) -> None:
    """A Z report is numbered and final: nothing in the application changes or removes
    one once written (the flush, and its transaction, fail)."""
    raise Conflict(N_("Z report {number} is final: it cannot be changed."), number=target.number)


class InvoiceRequest(Base):
    """A member asked for an invoice (发票) for a sale: the title and tax number to put
    on it, until the invoice is issued."""

    __tablename__ = "pos_invoice_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("pos_sale.id"), unique=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    title: Mapped[str] = mapped_column(String(60))
    tax_number: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    issued_at: Mapped[datetime | None]
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    invoice_number: Mapped[str] = mapped_column(String(30), default="")
