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

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.stock.models import Product, StockMovement
from salon_desk.stock.rows import MovementRow, ProductRow, SaleMove
from salon_desk.stock.rules import CATEGORIES, LOCATIONS, REASONS, check_qty

#: Where a sale and a return take and put stock: the counter sells from the cabinet.
SALE_LOCATION = "display"
#: Where back-bar products used in treatments are kept.
TREATMENT_LOCATION = "store"


# --- reading ---------------------------------------------------------------------------
def on_hand_in(s: Session, product_ids: Iterable[int] | None = None) -> dict[tuple[int, str], int]:
    """``{(product_id, location): on-hand}``: the sum of the movements."""
    q = select(StockMovement.product_id, StockMovement.location, func.sum(StockMovement.qty))
    ids = None if product_ids is None else list(product_ids)
    if ids is not None:
        if not ids:
            return {}
        q = q.where(StockMovement.product_id.in_(ids))
    q = q.group_by(StockMovement.product_id, StockMovement.location)
    return {(pid, loc): int(total or 0) for pid, loc, total in s.execute(q)}


def location_on_hand_in(s: Session, product_id: int, location: str) -> int:
    total = s.scalar(
        select(func.coalesce(func.sum(StockMovement.qty), 0)).where(
            StockMovement.product_id == product_id, StockMovement.location == location
        )
    )
    return int(total or 0)


def product_row(p: Product, stock: dict[tuple[int, str], int]) -> ProductRow:
    return ProductRow(
        id=p.id,
        barcode=p.barcode,
        brand=p.brand,
        name_zh=p.name_zh,
        name_en=p.name_en,
        spec=p.spec,
        category=p.category,
        cost=Money(p.cost_fen),
        price=Money(p.price_fen),
        member_price=None if p.member_price_fen is None else Money(p.member_price_fen),
        reorder_level=p.reorder_level,
        cabinet=p.cabinet,
        shelf=p.shelf,
        position=p.position,
        active=p.active,
        needs_count=p.needs_count,
        on_display=stock.get((p.id, "display"), 0),
        in_store=stock.get((p.id, "store"), 0),
    )


def product_by_barcode(s: Session, barcode: str) -> ProductRow | None:
    """The product with this barcode (active or not), with its on-hand stock; ``None`` when
    the barcode is unknown (the register offers to create the product)."""
    code = (barcode or "").strip()
    if not code:
        return None
    p = s.scalar(select(Product).where(Product.barcode == code))
    if p is None:
        return None
    return product_row(p, on_hand_in(s, [p.id]))


def product_in(s: Session, product_id: int) -> ProductRow:
    p = s.get(Product, product_id)
    if p is None:
        raise NotFound(N_("No such product."))
    return product_row(p, on_hand_in(s, [p.id]))


def list_products(
    s: Session,
    *,
    text: str = "",
    category: str | None = None,
    brand: str | None = None,
    active_only: bool = True,
    on_cabinet: bool | None = None,
    limit: int | None = None,
) -> list[ProductRow]:
    """Products for picking, ordered by brand and name. ``text`` matches the Chinese or
    English name, the brand, the specification or the barcode."""
    q = select(Product).order_by(Product.brand, Product.name_zh, Product.id)
    if active_only:
        q = q.where(Product.active.is_(True))
    if category is not None:
        q = q.where(Product.category == category)
    if brand is not None:
        q = q.where(Product.brand == brand)
    if on_cabinet is True:
        q = q.where(Product.cabinet != "")
    elif on_cabinet is False:
        q = q.where(Product.cabinet == "")
    needle = (text or "").strip()
    if needle:
        like = f"%{needle.replace('%', '').replace('_', '')}%"
        q = q.where(
            or_(
                Product.name_zh.ilike(like),
                Product.name_en.ilike(like),
                Product.brand.ilike(like),
                Product.spec.ilike(like),
                Product.barcode == needle,
            )
        )
    if limit is not None:
        q = q.limit(limit)
    products = list(s.scalars(q))
    stock = on_hand_in(s, [p.id for p in products]) if products else {}
    return [product_row(p, stock) for p in products]


def movement_row(
    m: StockMovement, staff_name: str | None, balance: int | None = None
) -> MovementRow:
    return MovementRow(
        id=m.id,
        product_id=m.product_id,
        location=m.location,
        qty=m.qty,
        reason=m.reason,
        ref=m.ref,
        note=m.note,
        at=m.at,
        staff_id=m.staff_id,
        staff_name=staff_name,
        authorised_by=m.authorised_by,
        balance=balance,
    )


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
) -> StockMovement:
    """Append one movement after checking its reason, location and sign."""
    if location not in LOCATIONS:
        raise Invalid(N_("Unknown stock location: {location}"), location=location)
    if reason not in REASONS:
        raise Invalid(N_("Unknown stock movement reason: {reason}"), reason=reason)
    if isinstance(qty, bool) or not isinstance(qty, int) or qty == 0:
        raise Invalid(N_("Enter a whole number of units."), field="qty")
    sign = REASONS[reason][1]
    if sign and (qty > 0) != (sign > 0):
        raise Invalid(N_("Enter a whole number of units."), field="qty")
    m = StockMovement(
        product_id=product_id,
        location=location,
        qty=qty,
        reason=reason,
        ref=(ref or None) and ref[:40],
        note=note or None,
        at=at,
        staff_id=actor.staff_id if actor else None,
        authorised_by=actor.authorised_by if actor else None,
    )
    s.add(m)
    s.flush()
    return m


def _product_for_update(s: Session, product_id: int) -> Product:
    if isinstance(product_id, bool) or not isinstance(product_id, int):
        raise NotFound(N_("No such product."))
    p = s.get(Product, product_id)
    if p is None:
        raise NotFound(N_("No such product."))
    return p


def _row_of(s: Session, m: StockMovement, actor: Actor | None, balance: int) -> MovementRow:
    name = actor.name if actor else None
    if actor is None and m.staff_id is not None:
        name = s.scalar(select(Staff.name).where(Staff.id == m.staff_id))
    return movement_row(m, name, balance)


def sell_in(
    s: Session, clock: Clock, actor: Actor, *, product_id: int, qty: int, sale_ref: str
) -> SaleMove:
    """Take ``qty`` units of a sale off the display cabinet.

    A sale is never blocked by the books: when the cabinet's on-hand drops below zero the
    result says ``went_negative`` (the register warns) and the product is flagged for the
    next stock count."""
    check_qty(qty)
    p = _product_for_update(s, product_id)
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
    left = location_on_hand_in(s, p.id, SALE_LOCATION)
    went_negative = left < 0
    if went_negative:
        p.needs_count = True
    return SaleMove(_row_of(s, m, actor, left), left, went_negative, p.name_zh)


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
        return _row_of(s, m, actor, location_on_hand_in(s, p.id, SALE_LOCATION))
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
    balance = location_on_hand_in(s, p.id, SALE_LOCATION)
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
    return _row_of(s, m, actor, balance)


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
    left = location_on_hand_in(s, p.id, location)
    if left < 0:
        p.needs_count = True
    return _row_of(s, m, actor, left)


__all__ = [
    "CATEGORIES",
    "add_movement_in",
    "list_products",
    "on_hand_in",
    "product_by_barcode",
    "product_in",
    "return_in",
    "sell_in",
    "use_in_treatment_in",
]
