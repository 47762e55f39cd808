"""Tables of the retail side: products, stock movements, stock counts (盘点).

On-hand stock is the sum of ``stock_movement.qty`` per product and location. Movements
are append-only; a correction is a new movement. ``stock_balance`` carries that sum as a
running balance for a quick read (a sale asks it for every product): every movement is
written by :func:`salon_desk.stock.moves.add_movement_in`, which adds its quantity to the
balance with one upsert in the same transaction. Stock may go below zero (a sale is never
blocked by the books), so the balance has no ``>= 0`` check. On-hand as of a past time is
still the sum of the movements up to it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base


class Product(Base):
    """A product on the display cabinet or in the back store."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    barcode: Mapped[str | None] = mapped_column(String(32), unique=True)
    brand: Mapped[str] = mapped_column(String(40))
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(80), default="")
    spec: Mapped[str] = mapped_column(String(40), default="")  # 规格: 50ml, 100g
    category: Mapped[str] = mapped_column(String(16))
    cost_fen: Mapped[int] = mapped_column(default=0)
    price_fen: Mapped[int]
    member_price_fen: Mapped[int | None]
    reorder_level: Mapped[int] = mapped_column(default=0)
    cabinet: Mapped[str] = mapped_column(String(20), default="")  # "" = not on display
    shelf: Mapped[int | None]
    position: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)
    needs_count: Mapped[bool] = mapped_column(default=False)  # sold below zero
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint(
            "category IN ('retail','professional','tester','consumable')", name="category"
        ),
        CheckConstraint("price_fen >= 0 AND cost_fen >= 0", name="price"),
        CheckConstraint("member_price_fen IS NULL OR member_price_fen >= 0", name="member_price"),
        CheckConstraint("reorder_level >= 0", name="reorder_level"),
    )


class StockMovement(Base):
    """One change of stock at one location, with its reason. Never updated or deleted."""

    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location: Mapped[str] = mapped_column(String(10))
    qty: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str | None] = mapped_column(String(40))  # sale number, count number
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    authorised_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        CheckConstraint("qty <> 0", name="qty"),
        CheckConstraint("location IN ('display','store')", name="location"),
        # qty too, so that on-hand sums read the index alone (a sale asks on every product)
        Index("ix_stock_movement_product", "product_id", "location", "qty"),
        Index("ix_stock_movement_at", "at"),
    )


class StockBalance(Base):
    """The running on-hand of one product at one location: the sum of its movements."""

    __tablename__ = "stock_balance"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    location: Mapped[str] = mapped_column(String(10), primary_key=True)
    qty: Mapped[int]

    __table_args__ = (
        CheckConstraint("location IN ('display','store')", name="location"),
        # on SQLite the rows live in the primary key's tree: one tree per upsert, not two
        {"sqlite_with_rowid": False},
    )


class StockCount(Base):
    """A stock count (盘点) of the display cabinet, the back store or both."""

    __tablename__ = "stock_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))  # counting, review, posted, cancelled
    started_at: Mapped[datetime]
    started_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    finished_at: Mapped[datetime | None]
    posted_at: Mapped[datetime | None]
    posted_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("scope IN ('display','store','both')", name="scope"),
        CheckConstraint("status IN ('counting','review','posted','cancelled')", name="status"),
    )


class StockCountLine(Base):
    """One product at one location on a count sheet.

    ``expected`` is the on-hand stock at the moment ``counted`` was last entered, so sales
    made while the count runs are not mistaken for a shortage."""

    __tablename__ = "stock_count_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location: Mapped[str] = mapped_column(String(10))
    sort: Mapped[int] = mapped_column(default=0)
    flagged: Mapped[bool] = mapped_column(default=False)  # sold below zero before the count
    counted: Mapped[int | None]
    expected: Mapped[int | None]
    counted_at: Mapped[datetime | None]
    unit_cost_fen: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(200))
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("stock_movement.id"))

    __table_args__ = (
        UniqueConstraint("count_id", "product_id", "location"),
        CheckConstraint("counted IS NULL OR counted >= 0", name="counted"),
    )
