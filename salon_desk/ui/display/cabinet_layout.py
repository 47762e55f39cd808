"""Where everything on the drawn cabinet goes (pure: no Qt): cabinet titles, shelf names,
product tiles in rows, the shelf ledge under them, then the products kept only in the
back store. The cabinet view paints only the blocks that are on screen, so a shop with
hundreds of products costs a list of small rows, not a widget per product."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from salon_desk.core.i18n import _
from salon_desk.stock.rows import ProductRow

TILE_W = 196
TILE_H = 112
GAP = 8  # between tiles
MARGIN = 8  # around the cabinet
SPACING = 6  # between a title, a shelf name and a shelf
LEDGE = 4  # the shelf board under its tiles

DANGER_BADGE = "danger"
WARN_BADGE = "warn"


@dataclass(frozen=True, slots=True)
class Block:
    """One thing drawn: ``kind`` is "cabinet" (a cabinet's title), "label" (a shelf's
    name), "ledge" (the shelf board), "tile" (a product) or "empty" (nothing to show)."""

    kind: str
    x: int
    y: int
    w: int
    h: int
    text: str = ""
    product: ProductRow | None = None

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True, slots=True)
class TileText:
    """What a product's tile says."""

    brand: str
    name: str
    price: str
    stock: str
    badge: str
    badge_kind: str  # "", DANGER_BADGE or WARN_BADGE


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[Block, ...]
    height: int
    columns: int

    def tile(self, product_id: int) -> Block | None:
        return next(
            (b for b in self.blocks if b.product is not None and b.product.id == product_id),
            None,
        )

    def at(self, x: int, y: int) -> Block | None:
        """The tile under a point, if any."""
        return next((b for b in self.blocks if b.kind == "tile" and b.contains(x, y)), None)


def tile_text(p: ProductRow) -> TileText:
    spec = f"  {p.spec}" if p.spec else ""
    badge, kind = "", ""
    if p.needs_count:
        badge, kind = _("Sold below zero: count it"), DANGER_BADGE
    elif p.low:
        badge, kind = _("Low stock"), WARN_BADGE
    return TileText(
        brand=f"{p.brand}{spec}",
        name=p.name_zh,
        price=p.price.format() if p.category != "tester" else _("Tester"),
        stock=_("On display {n} · store {m}", n=p.on_display, m=p.in_store),
        badge=badge,
        badge_kind=kind,
    )


def columns_for(width: int) -> int:
    return max(1, (width - 3 * MARGIN) // (TILE_W + GAP))


def _shelf_order(p: ProductRow) -> tuple[str, int, str, str]:
    return (p.brand, p.position or 0, p.name_zh, p.spec)


def lay_out(products: list[ProductRow], width: int, *, title_h: int, label_h: int) -> Layout:
    """The blocks for ``products`` on a cabinet ``width`` pixels wide; ``title_h`` and
    ``label_h`` are the line heights of a cabinet title and of a shelf name."""
    cols = columns_for(width)
    inner = max(width - 2 * MARGIN, cols * (TILE_W + GAP))
    blocks: list[Block] = []
    y = MARGIN

    def text(kind: str, value: str, height: int) -> None:
        nonlocal y
        blocks.append(Block(kind, MARGIN, y, inner, height, value))
        y += height + SPACING

    def shelf(rows: list[ProductRow]) -> None:
        nonlocal y
        top = y + GAP // 2
        for i, p in enumerate(sorted(rows, key=_shelf_order)):
            x = MARGIN + GAP // 2 + (i % cols) * (TILE_W + GAP)
            blocks.append(
                Block("tile", x, top + (i // cols) * (TILE_H + GAP), TILE_W, TILE_H, product=p)
            )
        lines = (len(rows) + cols - 1) // cols
        y = top + lines * (TILE_H + GAP)
        blocks.append(Block("ledge", MARGIN, y, inner, LEDGE))
        y += LEDGE + SPACING

    cabinets: dict[str, dict[int, list[ProductRow]]] = defaultdict(lambda: defaultdict(list))
    loose: list[ProductRow] = []
    for p in products:
        if p.cabinet:
            cabinets[p.cabinet][p.shelf or 0].append(p)
        else:
            loose.append(p)
    for cabinet in sorted(cabinets):
        text("cabinet", _("Display cabinet {name}", name=cabinet), title_h)
        for n in sorted(cabinets[cabinet]):
            text("label", _("Shelf {n}", n=n), label_h)
            shelf(cabinets[cabinet][n])
    if loose:
        text("cabinet", _("Not on display (back store)"), title_h)
        shelf(loose)
    if not products:
        text("empty", _("No products to show."), label_h)
    return Layout(tuple(blocks), y + MARGIN, cols)
