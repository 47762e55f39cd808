"""Where the drawn cabinet puts its titles, shelves and tiles (pure layout, no Qt)."""

from __future__ import annotations

from salon_desk.core.i18n import set_language
from salon_desk.core.money import Money
from salon_desk.stock.rows import ProductRow
from salon_desk.ui.display.cabinet_layout import GAP, TILE_H, TILE_W, lay_out, tile_text


def product(
    pid: int,
    *,
    brand: str = "娇韵诗",
    cabinet: str = "A",
    shelf: int | None = 1,
    position: int | None = None,
    on_display: int = 3,
    in_store: int = 3,
    needs_count: bool = False,
    category: str = "retail",
) -> ProductRow:
    return ProductRow(
        id=pid,
        barcode=None,
        brand=brand,
        name_zh=f"产品{pid:03d}",
        name_en="",
        spec="50ml",
        category=category,
        cost=Money(0),
        price=Money(88000),
        member_price=None,
        reorder_level=2,
        cabinet=cabinet,
        shelf=shelf,
        position=position,
        active=True,
        needs_count=needs_count,
        on_display=on_display,
        in_store=in_store,
    )


def lay(products: list[ProductRow], width: int = 850):  # type: ignore[no-untyped-def]
    set_language("zh_CN")
    return lay_out(products, width, title_h=40, label_h=30)


def test_cabinets_then_shelves_then_the_back_store() -> None:
    rows = [
        product(1, cabinet="B", shelf=2),
        product(2, cabinet="", shelf=None),
        product(3, cabinet="A", shelf=3),
        product(4, cabinet="B", shelf=1),
    ]
    layout = lay(rows)
    texts = [(b.kind, b.text) for b in layout.blocks if b.kind in ("cabinet", "label")]
    assert texts == [
        ("cabinet", "陈列柜 A"),
        ("label", "第 3 层"),
        ("cabinet", "陈列柜 B"),
        ("label", "第 1 层"),
        ("label", "第 2 层"),
        ("cabinet", "未陈列（后仓）"),
    ]
    assert [b.product.id for b in layout.blocks if b.product is not None] == [3, 4, 1, 2]
    ys = [b.y for b in layout.blocks]
    assert ys == sorted(ys)  # drawn top to bottom: the view stops at the first block below
    assert layout.height > ys[-1]


def test_tiles_fill_rows_of_as_many_columns_as_fit_and_each_shelf_has_its_board() -> None:
    rows = [product(i, position=i) for i in range(1, 10)]
    layout = lay(rows, width=850)  # (850 - 24) // 204 = 4 columns
    assert layout.columns == 4
    tiles = [b for b in layout.blocks if b.kind == "tile"]
    assert len({b.x for b in tiles}) == 4 and len({b.y for b in tiles}) == 3
    assert tiles[1].x - tiles[0].x == TILE_W + GAP
    assert tiles[4].y - tiles[0].y == TILE_H + GAP
    ledges = [b for b in layout.blocks if b.kind == "ledge"]
    assert len(ledges) == 1 and ledges[0].y >= tiles[-1].y + TILE_H
    assert layout.at(tiles[5].x + 5, tiles[5].y + 5) == tiles[5]
    assert layout.at(tiles[0].x - 3, tiles[0].y) is None  # the gap is no tile
    assert lay(rows, width=300).columns == 1


def test_an_empty_cabinet_says_so() -> None:
    layout = lay([])
    assert [(b.kind, b.text) for b in layout.blocks] == [("empty", "没有可显示的产品。")]


def test_tile_texts_and_badges() -> None:
    set_language("zh_CN")
    text = tile_text(product(1, on_display=1, in_store=0))
    assert (text.brand, text.price, text.stock) == ("娇韵诗  50ml", "¥880.00", "陈列 1 · 后仓 0")
    assert (text.badge, text.badge_kind) == ("库存不足", "warn")
    below = tile_text(product(2, on_display=-1, in_store=0, needs_count=True))
    assert below.badge_kind == "danger" and below.badge
    assert tile_text(product(3, category="tester")).price == "试用装"
    assert tile_text(product(4)).badge == ""
