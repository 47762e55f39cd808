"""Invoices (发票): a sale marked as needing one, with the title and tax number, listed
until the invoice is issued and its number recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.pos.models import InvoiceRequest, Refund, Sale

#: 统一社会信用代码 (18) or an older tax registration number (15 to 20 letters and digits).
_TAX = re.compile(r"^[0-9A-Z]{15,20}$")


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    id: int
    sale_number: str
    sale_total: Money
    at: datetime
    title: str
    tax_number: str
    note: str
    issued: bool
    invoice_number: str


class InvoiceService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def request(
        self, actor: Actor, sale_number: str, *, title: str, tax_number: str = "", note: str = ""
    ) -> InvoiceRow:
        require(actor, Perm.SELL)
        title = (title or "").strip()
        tax = (tax_number or "").strip().upper().replace(" ", "")
        note = (note or "").strip()
        if not title or len(title) > 60:
            raise Invalid(N_("Enter the invoice title (at most 60 characters)."), field="title")
        if tax and not _TAX.match(tax):
            raise Invalid(
                N_("A tax number is 15 to 20 letters and digits (usually 18)."), field="tax_number"
            )
        if len(note) > 200:
            raise Invalid(N_("At most {n} characters."), field="note", n=200)
        with self.core.db.tx() as s:
            sale = s.scalar(select(Sale).where(Sale.number == (sale_number or "").strip()))
            if sale is None:
                raise NotFound(N_("No sale with the number {number}."), number=sale_number)
            voided = s.scalar(
                select(Refund.id).where(Refund.sale_id == sale.id, Refund.kind == "void")
            )
            if voided is not None:
                raise Conflict(N_("This sale was voided: no invoice."))
            if s.scalar(select(InvoiceRequest.id).where(InvoiceRequest.sale_id == sale.id)):
                raise Conflict(
                    N_("An invoice is already asked for on sale {number}."), number=sale.number
                )
            row = InvoiceRequest(
                sale_id=sale.id,
                at=self.core.clock.now(),
                staff_id=actor.staff_id,
                title=title,
                tax_number=tax,
                note=note,
            )
            s.add(row)
            s.flush()
            return _row(row, sale)

    def pending(self) -> list[InvoiceRow]:
        with self.core.db.read() as s:
            q = (
                select(InvoiceRequest, Sale)
                .join(Sale, Sale.id == InvoiceRequest.sale_id)
                .where(InvoiceRequest.issued_at.is_(None))
                .order_by(InvoiceRequest.at, InvoiceRequest.id)
            )
            return [_row(r, sale) for r, sale in s.execute(q)]

    def issued(self, actor: Actor, request_id: int, invoice_number: str) -> InvoiceRow:
        """Record the number of the invoice written out; it leaves the pending list."""
        require(actor, Perm.SELL)
        number = (invoice_number or "").strip()
        if not number or len(number) > 30:
            raise Invalid(N_("Enter the invoice number."), field="invoice_number")
        with self.core.db.tx() as s:
            row = s.get(InvoiceRequest, request_id, with_for_update=True)
            if row is None:
                raise NotFound(N_("No such invoice request."))
            if row.issued_at is not None:
                raise Conflict(N_("This invoice has already been issued."))
            row.issued_at = self.core.clock.now()
            row.issued_by = actor.staff_id
            row.invoice_number = number
            sale = _sale(s, row.sale_id)
            record(
                s,
                self.core.clock,
                actor,
                "invoice.issued",
                "pos_sale",
                sale.number,
                after={"invoice_number": number, "title": row.title},
            )
            return _row(row, sale)


def _sale(s: Session, sale_id: int) -> Sale:
    sale = s.get(Sale, sale_id)
    assert sale is not None
    return sale


def _row(r: InvoiceRequest, sale: Sale) -> InvoiceRow:
    return InvoiceRow(
        r.id,
        sale.number,
        Money(sale.total_fen),
        r.at,
        r.title,
        r.tax_number,
        r.note,
        r.issued_at is not None,
        r.invoice_number,
    )
