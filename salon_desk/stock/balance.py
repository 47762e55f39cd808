"""The running stock balance (``stock_balance``): the sum of a product's movements at one
location, kept beside the movements so that the stock on hand is one row to read.

:func:`add_to_balance_in` is the only writer; :func:`salon_desk.stock.moves.add_movement_in`
calls it for every movement, in the same transaction. On PostgreSQL the upsert takes the
balance row's lock until the transaction ends: a transaction that moves several products
moves them in product-id order (:func:`salon_desk.stock.moves.sell_all_in`), so two
counters never wait on each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from salon_desk.core import direct
from salon_desk.stock.models import StockBalance


def add_to_balance_in(s: Session, product_id: int, location: str, qty: int) -> int:
    """Add ``qty`` to the product's balance at ``location`` (the row is made at the first
    movement); the balance after it."""
    conn = direct.connection(s)
    stmt = _UPSERTS.get(conn.dialect.name)
    if stmt is None:
        stmt = _UPSERTS[conn.dialect.name] = _upsert(conn.dialect.name)
    params = {"product_id": product_id, "location": location, "qty": qty}
    on_hand: int = direct.scalar_one(s, stmt, params)
    return on_hand


def _upsert(dialect: str) -> ReturningInsert[int]:
    """The balance's upsert for ``dialect``, built once (a statement remembers its cache
    key): it runs for every movement."""
    # the dialect's module is imported here, not at the top: on SQLite the PostgreSQL one
    # (45 ms) is never needed
    dialect_insert: Callable[..., Any]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    insert = dialect_insert(StockBalance)
    stmt: ReturningInsert[int] = insert.on_conflict_do_update(
        index_elements=[StockBalance.product_id, StockBalance.location],
        set_={"qty": StockBalance.qty + insert.excluded.qty},
    ).returning(StockBalance.qty)
    return stmt


_UPSERTS: dict[str, ReturningInsert[int]] = {}
