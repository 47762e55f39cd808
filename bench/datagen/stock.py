"""Retail products and their stock movements. A sale takes units off the display cabinet;
before the cabinet would go below zero, stock is moved up from the back store, and the
store is restocked by a delivery, so no product needs a count for going negative."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bench.datagen.sink import Sink, ts
from salon_desk.stock.demo import CABINET
from salon_desk.stock.rules import ean13_check_digit

CATEGORIES = ("retail",) * 16 + ("professional", "professional", "consumable", "tester")
SPECS = ("30ml", "50ml", "100ml", "125ml", "200ml", "15ml", "5片", "100g")
DELIVERY = 48
TOP_UP = 12


@dataclass
class Product:
    id: int
    name: str
    price_fen: int
    category: str
    display: int = 0
    store: int = 0


@dataclass
class Stock:
    sink: Sink
    products: list[Product] = field(default_factory=list)

    @property
    def sellable(self) -> list[Product]:
        return [p for p in self.products if p.category == "retail"]

    def create(self, count: int, at: datetime, owner: int) -> None:
        bases = [(brand, item) for brand, items in CABINET for item in items]
        for n in range(1, count + 1):
            brand, (zh, en, spec, price, _member, display, store) = bases[(n - 1) % len(bases)]
            variant = (n - 1) // len(bases)
            if variant:
                spec = SPECS[variant % len(SPECS)]
                price = max(38, price * (80 + 10 * (variant % 5)) // 100)
            category = CATEGORIES[n % len(CATEGORIES)]
            first12 = f"2009900{n:05d}"
            product = Product(n, f"{zh} {spec}" if variant else zh, price * 100, category)
            self.products.append(product)
            self.sink.add(
                "product",
                (
                    n,
                    first12 + str(ean13_check_digit(first12)),
                    brand,
                    product.name,
                    en,
                    spec,
                    category,
                    price * 45,
                    price * 100,
                    None,
                    2,
                    "ABCDEFGHIJ"[(n - 1) // 50 % 10],
                    (n - 1) // 10 % 5 + 1,
                    (n - 1) % 10 + 1,
                    1,
                    0,
                    ts(at),
                ),
            )
            for location, qty in (("display", display + 4), ("store", store + 12)):
                self.move(product, location, qty, "opening", None, at, owner)

    def move(
        self,
        product: Product,
        location: str,
        qty: int,
        reason: str,
        ref: str | None,
        at: datetime,
        staff_id: int,
    ) -> None:
        if location == "display":
            product.display += qty
        else:
            product.store += qty
        self.sink.add(
            "stock_movement",
            (
                self.sink.new_id("stock_movement"),
                product.id,
                location,
                qty,
                reason,
                ref,
                None,
                ts(at),
                staff_id,
                None,
            ),
        )

    def sell(self, product: Product, qty: int, ref: str, at: datetime, staff_id: int) -> None:
        if product.display < qty:
            if product.store < TOP_UP:
                self.move(
                    product,
                    "store",
                    DELIVERY,
                    "received",
                    None,
                    at - timedelta(minutes=2),
                    staff_id,
                )
            self.move(
                product, "store", -TOP_UP, "to_display", None, at - timedelta(minutes=1), staff_id
            )
            self.move(
                product, "display", TOP_UP, "to_display", None, at - timedelta(minutes=1), staff_id
            )
        self.move(product, "display", -qty, "sold", ref, at, staff_id)
