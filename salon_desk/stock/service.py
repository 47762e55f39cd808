"""Products and their stock: look up, create and edit products, receive goods, move
them to the display cabinet, write off, adjust, and read the movements."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.stock import moves
from salon_desk.stock.labels import LabelsResult, write_labels
from salon_desk.stock.models import Product
from salon_desk.stock.movement_service import StockMovements
from salon_desk.stock.product_fields import ProductFields, check_fields, unique_barcode
from salon_desk.stock.rows import MovementRow, ProductRow
from salon_desk.stock.rules import check_qty


class StockService(StockMovements):
    """Products and their stock. The movement methods (receive, move_to_display,
    write_off, adjust, opening_stock) live in :mod:`salon_desk.stock.movement_service`."""

    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading ---------------------------------------------------------------------
    def list_products(self, **filters: Any) -> list[ProductRow]:
        """See :func:`salon_desk.stock.moves.list_products` for the filters."""
        with self.core.db.read() as s:
            return moves.list_products(s, **filters)

    def product(self, product_id: int) -> ProductRow:
        with self.core.db.read() as s:
            return moves.product_in(s, product_id)

    def by_barcode(self, barcode: str) -> ProductRow | None:
        with self.core.db.read() as s:
            return moves.product_by_barcode(s, barcode)

    def brands(self) -> list[str]:
        with self.core.db.read() as s:
            q = select(Product.brand).where(Product.active.is_(True)).distinct()
            return sorted(s.scalars(q))

    def low_stock(self) -> list[ProductRow]:
        """Active products at or below their reorder level, lowest first."""
        rows = [p for p in self.list_products() if p.low]
        return sorted(rows, key=lambda p: (p.on_hand - p.reorder_level, p.brand, p.name_zh))

    def consumables_low(self) -> list[ProductRow]:
        """Consumables (spare lamp bulbs, cotton pads) at or below their level."""
        return [p for p in self.low_stock() if p.category == "consumable"]

    def needing_count(self) -> list[ProductRow]:
        return [p for p in self.list_products(active_only=False) if p.needs_count]

    def movements(
        self, product_id: int, *, location: str | None = None, limit: int = 200
    ) -> list[MovementRow]:
        """The newest movements first, each with the balance at its location after it."""
        with self.core.db.read() as s:
            if s.get(Product, product_id) is None:
                raise NotFound(N_("No such product."))
            return moves.newest_movements_in(s, product_id, location=location, limit=limit)

    def labels_pdf(
        self,
        items: Sequence[tuple[int, int]],
        out: Path | IO[bytes],
        *,
        layout: str = "a4-3x8",
        skip: int = 0,
        font_path: str | None = None,
    ) -> LabelsResult:
        """Price labels for ``(product_id, copies)`` pairs. The font is the one set for
        this counter (``pdf.font``) unless ``font_path`` is given."""
        with self.core.db.read() as s:
            rows = moves.list_products(s, active_only=False)
        by_id = {p.id: p for p in rows}
        chosen = []
        for product_id, copies in items:
            if product_id not in by_id:
                raise NotFound(N_("No such product."))
            check_qty(copies, field="copies")
            chosen.append((by_id[product_id], copies))
        font = font_path or self.core.settings.get("pdf.font")
        return write_labels(chosen, out, layout=layout, font_path=font, skip=skip)

    # --- products --------------------------------------------------------------------
    def create_product(self, actor: Actor, fields: ProductFields) -> ProductRow:
        require(actor, Perm.CATALOGUE_EDIT)
        values = check_fields(fields)
        with self.core.db.tx() as s:
            unique_barcode(s, values["barcode"], None)
            p = Product(**values, created_at=self.core.clock.now())
            s.add(p)
            s.flush()
            record(s, self.core.clock, actor, "product.create", "product", p.id, after=values)
            return moves.product_row(p, {})

    def update_product(self, actor: Actor, product_id: int, fields: ProductFields) -> ProductRow:
        """Edit a product. Changing its price or member price also needs the price-change
        permission."""
        require(actor, Perm.CATALOGUE_EDIT)
        values = check_fields(fields)
        with self.core.db.tx() as s:
            p = s.get(Product, product_id)
            if p is None:
                raise NotFound(N_("No such product."))
            before = {k: getattr(p, k) for k in values}
            if (p.price_fen, p.member_price_fen) != (
                values["price_fen"],
                values["member_price_fen"],
            ):
                require(actor, Perm.PRICE_CHANGE)
            unique_barcode(s, values["barcode"], p.id)
            changed = {k: v for k, v in values.items() if before[k] != v}
            if not changed:
                return moves.product_row(p, moves.on_hand_in(s, [p.id]))
            for k, v in changed.items():
                setattr(p, k, v)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "product.update",
                "product",
                p.id,
                before={k: before[k] for k in changed},
                after=changed,
            )
            return moves.product_row(p, moves.on_hand_in(s, [p.id]))

    def set_active(self, actor: Actor, product_id: int, active: bool) -> ProductRow:
        require(actor, Perm.CATALOGUE_EDIT)
        with self.core.db.tx() as s:
            p = s.get(Product, product_id)
            if p is None:
                raise NotFound(N_("No such product."))
            if p.active != active:
                p.active = active
                record(
                    s,
                    self.core.clock,
                    actor,
                    "product.active",
                    "product",
                    p.id,
                    before={"active": not active},
                    after={"active": active},
                )
            return moves.product_row(p, moves.on_hand_in(s, [p.id]))
