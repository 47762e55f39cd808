"""Reading products and their stock inside a transaction: on-hand is the running balance
of the movements (``stock_balance``). :mod:`salon_desk.stock.moves` re-exports what the
register uses."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.stock.models import Product, StockBalance, StockMovement
from salon_desk.stock.rows import MovementRow, NewMovement, ProductRow, SaleProduct


def on_hand_in(s: Session, product_ids: Iterable[int] | None = None) -> dict[tuple[int, str], int]:
    """``{(product_id, location): on-hand}``: the running balances (a product never moved
    at a location has none there)."""
    q = select(StockBalance.product_id, StockBalance.location, StockBalance.qty)
    ids = None if product_ids is None else list(product_ids)
    if ids is not None:
        if not ids:
            return {}
        q = q.where(StockBalance.product_id.in_(ids))
    return {(pid, loc): qty for pid, loc, qty in s.execute(q)}


#: Built once: a statement object remembers its cache key, so running it again costs
#: only the execution.
_LOCATION_ON_HAND = select(StockBalance.qty).where(
    StockBalance.product_id == bindparam("product_id"),
    StockBalance.location == bindparam("location"),
)


def location_on_hand_in(s: Session, product_id: int, location: str) -> int:
    """The product's running balance at ``location`` (0 when it never moved there)."""
    # on the connection: balances are written only by moves.add_movement_in's upsert,
    # never left pending in the session, so the ORM's autoflush has nothing to do here
    params = {"product_id": product_id, "location": location}
    found = direct.one_or_none(s, _LOCATION_ON_HAND, params)
    return 0 if found is None else int(found[0])


_FOR_SALE = select(
    Product.id,
    Product.name_zh,
    Product.category,
    Product.active,
    Product.price_fen,
    Product.member_price_fen,
    Product.needs_count,
).where(Product.id.in_(bindparam("ids", expanding=True)))


def products_for_sale_in(s: Session, product_ids: Iterable[int]) -> dict[int, SaleProduct]:
    """The products of ``product_ids`` that exist, by id, as plain rows (one statement on
    the connection; what the session holds unwritten is written first)."""
    wanted = sorted({i for i in product_ids if isinstance(i, int) and not isinstance(i, bool)})
    if not wanted:
        return {}
    s.flush()
    rows = direct.rows(s, _FOR_SALE, {"ids": wanted})
    return {r[0]: SaleProduct(*r) for r in rows}


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
    categories: Iterable[str] | None = None,
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
    if categories is not None:
        q = q.where(Product.category.in_(list(categories)))
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
    m: StockMovement | NewMovement, staff_name: str | None, balance: int | None = None
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


_M = StockMovement
#: each movement of a product with the running on-hand at its location after it, added
#: up from the index of the product's movements (it holds the location and quantity)
_RUNNING = (
    select(
        _M.id,
        _M.location,
        func.sum(_M.qty).over(partition_by=_M.location, order_by=_M.id).label("balance"),
    )
    .where(_M.product_id == bindparam("product_id"))
    .subquery()
)


def newest_movements_in(
    s: Session, product_id: int, *, location: str | None = None, limit: int = 200
) -> list[MovementRow]:
    """The ``limit`` newest movements of a product (at ``location``, or both), newest
    first, each with the balance at its location after it. The balances are added up in
    the database from the index; only the rows shown are read from the table (a product
    sold every day has thousands of movements, spread over the whole table)."""
    newest = select(_RUNNING.c.id, _RUNNING.c.balance)
    if location is not None:
        newest = newest.where(_RUNNING.c.location == location)
    shown = newest.order_by(_RUNNING.c.id.desc()).limit(limit).subquery()
    q = (
        select(*_SHOWN, Staff.name, shown.c.balance)
        .join(shown, shown.c.id == _M.id)
        .outerjoin(Staff, Staff.id == _M.staff_id)
        .order_by(_M.id.desc())
    )
    # a row of these columns reads as the movement itself (the same names)
    return [
        movement_row(m, m.name, int(m.balance))  # type: ignore[arg-type]
        for m in s.execute(q, {"product_id": product_id})
    ]


#: the columns of a movement shown (columns, not objects: 200 rows a tap)
_SHOWN = (
    _M.id,
    _M.product_id,
    _M.location,
    _M.qty,
    _M.reason,
    _M.ref,
    _M.note,
    _M.at,
    _M.staff_id,
    _M.authorised_by,
)
