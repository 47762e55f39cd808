"""A sale being made, as plain objects: the rows :func:`checkout_rows.new_sale` builds and
:func:`checkout_rows.insert_sale_in` writes, one attribute per column of their tables.

They are not ORM objects: the checkout writes them with plain INSERT statements, and
building a sale of three lines through the ORM's attribute instrumentation cost more than
writing it. :func:`sale_read.build_sale_row` reads them as it reads the rows of a sale
read back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from salon_desk.core.db import Base
from salon_desk.pos.models import Payment, Sale, SaleLine, VoucherUse


@dataclass(slots=True)
class NewLine:
    seq: int
    kind: str
    service_id: int | None
    product_id: int | None
    name: str
    unit_price_fen: int
    qty: int
    list_fen: int
    gross_fen: int
    member_discount_fen: int
    line_discount_fen: int
    ticket_share_fen: int
    net_fen: int
    discount_bp: int
    discount_fen: int
    discount_by: int | None
    gift: bool
    trial_code: str
    seller_id: int | None
    card_product_id: int | None
    card_account_id: int | None
    bonus_fen: int
    beauticians: list[int]  # the staff ids of who performed it, in id order
    id: int = 0
    sale_id: int = 0


@dataclass(slots=True)
class NewPayment:
    seq: int
    tender: str
    amount_fen: int
    received_fen: int
    reference: str
    sale_id: int = 0


@dataclass(slots=True)
class NewVoucher:
    code: str
    kind: str
    at: datetime
    sale_id: int = 0


@dataclass(slots=True)
class NewSale:
    number: str
    idempotency_key: str
    day: date
    at: datetime
    staff_id: int
    member_id: int | None
    member_name: str
    member_tier_bp: int
    subtotal_fen: int
    member_discount_fen: int
    line_discount_fen: int
    ticket_discount_fen: int
    ticket_discount_bp: int
    ticket_discount_by: int | None
    total_fen: int
    received_fen: int
    change_fen: int
    lines: list[NewLine] = field(default_factory=list)
    payments: list[NewPayment] = field(default_factory=list)
    vouchers: list[NewVoucher] = field(default_factory=list)
    id: int = 0


def columns(model: type[Base], cls: type) -> tuple[str, ...]:
    """The columns written for a new row of ``model``'s table: all but a generated ``id``.
    Each must be an attribute of ``cls``: a column added to the table and not here fails
    at import, instead of being written as NULL."""
    names = tuple(c.name for c in model.__table__.columns if c.name != "id" or not c.primary_key)
    missing = set(names) - {f.name for f in fields(cls)}
    if missing:
        raise TypeError(f"{cls.__name__} lacks the columns {sorted(missing)} of {model.__name__}")
    return names


SALE_COLUMNS = columns(Sale, NewSale)
LINE_COLUMNS = columns(SaleLine, NewLine)
PAYMENT_COLUMNS = columns(Payment, NewPayment)
VOUCHER_COLUMNS = columns(VoucherUse, NewVoucher)
