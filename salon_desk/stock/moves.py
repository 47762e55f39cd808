"""Stock moves that run inside the caller's transaction.

The register composes these into its single checkout transaction::

    with core.db.tx() as s:
        product = product_by_barcode(s, "2000001000017")
        move = sell_in(s, core.clock, actor, product_id=product.id, qty=1, sale_ref=number)
        if move.went_negative:
            ...  # warn: the books show fewer than zero; the sale still stands

Every function validates its input and raises :class:`Invalid` / :class:`NotFound`
before writing anything; the caller's transaction rolls everything back on error.
Sales and returns are checked for their own permission by the register (``Perm.SELL``,
``Perm.REFUND``); these functions do not ask again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.stock.balance import add_to_balance_in
from salon_desk.stock.models import Product, StockMovement
from salon_desk.stock.queries import (
    list_products,
    location_on_hand_in,
    movement_row,
    newest_movements_in,
    on_hand_in,
    product_by_barcode,
    product_in,
    product_row,
    products_for_sale_in,
)
from salon_desk.stock.rows import MovementRow, NewMovement, ProductRow, SaleMove, SaleProduct
from salon_desk.stock.rules import CATEGORIES, LOCATIONS, REASONS, check_qty

#: Where a sale and a return take and put stock: the counter sells from the cabinet.
SALE_LOCATION = "display"
#: Where back-bar products used in treatments are kept.
TREATMENT_LOCATION = "store"


# --- writing ---------------------------------------------------------------------------
def add_movement_in(
    s: Session,
    at: datetime,
    actor: Actor | None,
    *,
    product_id: int,
    location: str,
    qty: int,
    reason: str,
    ref: str | None = None,
    note: str | None = None,
) -> NewMovement:
    """Append one movement after checking its reason, location and sign, and add it to
    the product's running balance at the location (returned as ``on_hand``)."""
    if location not in LOCATIONS:
        raise Invalid(N_("Unknown stock location: {location}"), location=location)
    if reason not in REASONS:
        raise Invalid(N_("Unknown stock movement reason: {reason}"), reason=reason)
    if isinstance(qty, bool) or not isinstance(qty, int) or qty == 0:
        raise Invalid(N_("Enter a whole number of units."), field="qty")
    sign = REASONS[reason][1]
    if sign and (qty > 0) != (sign > 0):
        raise Invalid(N_("Enter a whole number of units."), field="qty")
    values: dict[str, Any] = {
        "product_id": product_id,
        "location": location,
        "qty": qty,
        "reason": reason,
        "ref": (ref or None) and ref[:40],
        "note": note or None,
        "at": at,
        "staff_id": actor.staff_id if actor else None,
        "authorised_by": actor.authorised_by if actor else None,
    }
    # a plain INSERT on the transaction's connection: the unit of work's flush of one new
    # object cost more than the statement. The movement returned is a plain object.
    movement_id = direct.scalar_one(s, _INSERT_MOVEMENT, values)
    on_hand = add_to_balance_in(s, product_id, location, qty)
    return NewMovement(movement_id, **values, on_hand=on_hand)


_INSERT_MOVEMENT = insert(StockMovement).returning(StockMovement.id)


def _product_for_update(s: Session, product_id: int) -> Product:
    if isinstance(product_id, bool) or not isinstance(product_id, int):
        raise NotFound(N_("No such product."))
    p = s.get(Product, product_id)
    if p is None:
        raise NotFound(N_("No such product."))
    return p


def _flag_for_count(p: Product) -> None:
    """Flag a product whose books went below zero for the next stock count. One already
    flagged is left alone: setting the flag again would leave the product changed in the
    session, and the commit would run a flush over the session for nothing."""
    if not p.needs_count:
        p.needs_count = True


def _row_of(s: Session, m: NewMovement, actor: Actor | None, balance: int) -> MovementRow:
    name = actor.name if actor else None
    if actor is None and m.staff_id is not None:
        name = s.scalar(select(Staff.name).where(Staff.id == m.staff_id))
    return movement_row(m, name, balance)


def sell_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    product_id: int,
    qty: int,
    sale_ref: str,
    product: SaleProduct | None = None,
) -> SaleMove:
    """Take ``qty`` units of a sale off the display cabinet. ``product``: the product as
    the caller read it in this transaction (:func:`products_for_sale_in`), not read again.

    A sale is never blocked by the books: when the cabinet's on-hand drops below zero the
    result says ``went_negative`` (the register warns) and the product is flagged for the
    next stock count."""
    check_qty(qty)
    p = product if product is not None and product.id == product_id else _for_sale(s, product_id)
    if p.category == "tester":
        raise Invalid(N_("A tester is not for sale: {name}"), name=p.name_zh)
    m = add_movement_in(
        s,
        clock.now(),
        actor,
        product_id=p.id,
        location=SALE_LOCATION,
        qty=-qty,
        reason="sold",
        ref=sale_ref,
    )
    left = m.on_hand
    went_negative = left < 0
    if went_negative and not p.needs_count:
        _flag_in(s, p.id)
    return SaleMove(_row_of(s, m, actor, left), left, went_negative, p.name_zh)


def sell_all_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    items: Sequence[tuple[int, int]],
    *,
    sale_ref: str,
    products: Mapping[int, SaleProduct],
) -> list[SaleMove]:
    """Sell ``(product_id, qty)`` pairs (a ticket's product lines) with :func:`sell_in`,
    in product-id order; the moves in the order of ``items``. On PostgreSQL each sale
    locks the product's balance row until the commit: taken in one order, two counters
    selling the same products never wait on each other in a circle (a deadlock)."""
    done: dict[int, SaleMove] = {}
    for i in sorted(range(len(items)), key=lambda i: items[i][0]):
        pid, qty = items[i]
        p = products.get(pid)
        done[i] = sell_in(s, clock, actor, product_id=pid, qty=qty, sale_ref=sale_ref, product=p)
    return [done[i] for i in range(len(items))]


def _for_sale(s: Session, product_id: int) -> SaleProduct:
    if isinstance(product_id, bool) or not isinstance(product_id, int):
        raise NotFound(N_("No such product."))
    p = products_for_sale_in(s, [product_id]).get(product_id)
    if p is None:
        raise NotFound(N_("No such product."))
    return p


def _flag_in(s: Session, product_id: int) -> None:
    """Flag a product sold below zero for the next stock count: on the session's object
    when the session holds one (it is written with it), else with one UPDATE."""
    held = s.identity_map.get(s.identity_key(Product, product_id))
    if isinstance(held, Product):
        _flag_for_count(held)
    else:
        s.connection().execute(_FLAG, {"product_id": product_id})


_FLAG = (
    update(Product)
    .where(Product.id == bindparam("product_id"), ~Product.needs_count)
    .values(needs_count=True)
)


def return_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    product_id: int,
    qty: int,
    sale_ref: str,
    restock: bool,
) -> MovementRow:
    """A member brings ``qty`` units of a sale back.

    ``restock=True``: the units go back on the display cabinet (reason ``refund_restock``).
    ``restock=False`` (opened or damaged): the return is recorded and the same units are
    written off at once as damaged; the returned row is the return itself."""
    check_qty(qty)
    p = _product_for_update(s, product_id)
    now = clock.now()
    if restock:
        m = add_movement_in(
            s,
            now,
            actor,
            product_id=p.id,
            location=SALE_LOCATION,
            qty=qty,
            reason="refund_restock",
            ref=sale_ref,
        )
        return _row_of(s, m, actor, m.on_hand)
    m = add_movement_in(
        s,
        now,
        actor,
        product_id=p.id,
        location=SALE_LOCATION,
        qty=qty,
        reason="member_return",
        ref=sale_ref,
    )
    add_movement_in(
        s,
        now,
        actor,
        product_id=p.id,
        location=SALE_LOCATION,
        qty=-qty,
        reason="damaged",
        ref=sale_ref,
    )
    return _row_of(s, m, actor, m.on_hand)


def use_in_treatment_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    product_id: int,
    qty: int,
    ref: str,
    location: str = TREATMENT_LOCATION,
) -> MovementRow:
    """Take ``qty`` units used in a treatment (耗材) from the back store (or ``location``).
    Like a sale it is never blocked; going below zero flags the product for the next count."""
    check_qty(qty)
    p = _product_for_update(s, product_id)
    m = add_movement_in(
        s,
        clock.now(),
        actor,
        product_id=p.id,
        location=location,
        qty=-qty,
        reason="treatment_use",
        ref=ref,
    )
    if m.on_hand < 0:
        _flag_for_count(p)
    return _row_of(s, m, actor, m.on_hand)


__all__ = [
    "CATEGORIES",
    "ProductRow",
    "SaleMove",
    "add_movement_in",
    "list_products",
    "location_on_hand_in",
    "movement_row",
    "newest_movements_in",
    "on_hand_in",
    "product_by_barcode",
    "product_in",
    "product_row",
    "products_for_sale_in",
    "return_in",
    "sell_all_in",
    "sell_in",
    "use_in_treatment_in",
]
