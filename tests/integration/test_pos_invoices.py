"""Invoices: a sale marked with title and tax number, pending until issued; bad input
explained and nothing saved."""

from __future__ import annotations

import uuid

import pytest
from test_pos_checkout import make_shop, open_till, ticket

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.invoice_service import InvoiceService
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender


def test_an_invoice_is_asked_for_then_issued(core: Core, owner: Actor, counter: Actor) -> None:
    shop = make_shop(core, owner)
    open_till(core, counter)
    sale = CheckoutService(core).pay(
        counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4())
    )
    inv = InvoiceService(core)
    for title, tax in (("", ""), ("某某科技有限公司", "12345"), ("x" * 61, "")):
        with pytest.raises(Invalid):
            inv.request(counter, sale.number, title=title, tax_number=tax)
    with pytest.raises(NotFound):
        inv.request(counter, "20261128-9999", title="张丽")
    assert inv.pending() == []
    row = inv.request(
        counter, sale.number, title="某某科技有限公司", tax_number="91310000 1234567890"
    )
    assert row.tax_number == "913100001234567890" and row.sale_total == Money(45600)
    with pytest.raises(Conflict):
        inv.request(counter, sale.number, title="又一张")
    assert [p.sale_number for p in inv.pending()] == [sale.number]
    done = inv.issued(counter, row.id, "No.04412345")
    assert done.issued and inv.pending() == []
    with pytest.raises(Conflict):
        inv.issued(counter, row.id, "No.1")


def test_no_invoice_for_a_voided_sale(core: Core, owner: Actor, counter: Actor) -> None:
    shop = make_shop(core, owner)
    open_till(core, counter)
    sale = CheckoutService(core).pay(
        counter, ticket(shop, counter), [Tender("cash", Money(45600))], str(uuid.uuid4())
    )
    RefundService(core).void(owner, sale.number, "录错")
    with pytest.raises(Conflict):
        InvoiceService(core).request(counter, sale.number, title="张丽")
