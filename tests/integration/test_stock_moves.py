"""Products and movements on a real database: on-hand is the sum of the movements; sales,
returns and treatment use composed into the caller's transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.money import Money
from salon_desk.stock import moves
from salon_desk.stock.models import Product, StockMovement
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService

SERUM = ProductFields(
    brand="娇韵诗",
    name_zh="双萃精华露",
    name_en="Double Serum",
    spec="50ml",
    barcode="2000001000017",
    category="retail",
    cost=Money(42000),
    price=Money(88000),
    member_price=Money(79200),
    reorder_level=2,
    cabinet="A",
    shelf=1,
    position=1,
)


def _count_rows(core: Core) -> tuple[int, int]:
    with core.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Product)) or 0,
            s.scalar(select(func.count()).select_from(StockMovement)) or 0,
        )


@pytest.fixture
def stock(core: Core) -> StockService:
    return StockService(core)


@pytest.fixture
def serum(stock: StockService, owner: Actor) -> int:
    pid = stock.create_product(owner, SERUM).id
    stock.receive(owner, pid, 6)
    stock.move_to_display(owner, pid, 4)
    return pid


def test_on_hand_is_the_sum_of_movements(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    p = stock.product(serum)
    assert (p.in_store, p.on_display, p.on_hand) == (2, 4, 6)
    stock.write_off(owner, serum, 1, reason="damaged", note="瓶子摔裂")
    stock.write_off(owner, serum, 1, reason="tester_opened", location="store")
    with core.db.tx() as s:
        moves.sell_in(s, core.clock, owner, product_id=serum, qty=2, sale_ref="20261128-0001")
    p = stock.product(serum)
    assert (p.in_store, p.on_display) == (1, 1)
    history = stock.movements(serum)
    assert sum(m.qty for m in history) == p.on_hand
    assert [m.reason for m in history][:3] == ["sold", "tester_opened", "damaged"]
    assert history[0].balance == 1 and history[0].staff_name == "王店长"
    assert history[0].ref == "20261128-0001"


def test_product_by_barcode_carries_prices(core: Core, serum: int) -> None:
    with core.db.read() as s:
        p = moves.product_by_barcode(s, " 2000001000017 ")
        assert moves.product_by_barcode(s, "9999999999999") is None
        assert moves.product_by_barcode(s, "") is None
    assert p is not None and p.id == serum
    assert (p.price, p.member_price, p.name_zh, p.name_en) == (
        Money(88000),
        Money(79200),
        "双萃精华露",
        "Double Serum",
    )
    assert (p.brand, p.barcode, p.category, p.on_display) == (
        "娇韵诗",
        "2000001000017",
        "retail",
        4,
    )


def test_list_products_filters(stock: StockService, owner: Actor, serum: int) -> None:
    bulb = stock.create_product(
        owner,
        ProductFields(
            brand="欧普",
            name_zh="射灯灯泡",
            spec="MR16 5W",
            price=Money(1500),
            category="consumable",
            reorder_level=4,
        ),
    )
    assert [p.id for p in stock.list_products(text="精华")] == [serum]
    assert [p.id for p in stock.list_products(text="double")] == [serum]
    assert [p.id for p in stock.list_products(text="2000001000017")] == [serum]
    assert [p.id for p in stock.list_products(category="consumable")] == [bulb.id]
    assert [p.id for p in stock.list_products(on_cabinet=True)] == [serum]
    assert stock.brands() == sorted(["娇韵诗", "欧普"])
    # A consumable below its level is reminded; spare bulbs are counted in the store.
    assert [p.id for p in stock.consumables_low()] == [bulb.id]
    stock.receive(owner, bulb.id, 10)
    assert stock.consumables_low() == []


def test_sale_below_zero_warns_and_flags(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    with core.db.tx() as s:
        first = moves.sell_in(s, core.clock, owner, product_id=serum, qty=4, sale_ref="S1")
    assert (first.on_hand, first.went_negative) == (0, False)
    assert not stock.product(serum).needs_count
    with core.db.tx() as s:
        second = moves.sell_in(s, core.clock, owner, product_id=serum, qty=1, sale_ref="S2")
    assert (second.on_hand, second.went_negative) == (-1, True)
    assert second.product_name == "双萃精华露"
    assert stock.product(serum).needs_count
    assert [p.id for p in stock.needing_count()] == [serum]


def test_a_sale_below_zero_flags_the_product_the_session_holds(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    with core.db.tx() as s:
        held = s.get_one(Product, serum)
        sold = moves.sell_in(s, core.clock, owner, product_id=serum, qty=5, sale_ref="S1")
        assert sold.went_negative and held.needs_count  # the caller sees it at once
    assert stock.product(serum).needs_count


def test_moves_roll_back_with_the_callers_transaction(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    before = _count_rows(core)
    with pytest.raises(RuntimeError), core.db.tx() as s:
        moves.sell_in(s, core.clock, owner, product_id=serum, qty=1, sale_ref="S1")
        raise RuntimeError("payment failed")
    assert _count_rows(core) == before
    assert stock.product(serum).on_display == 4


def test_returns_and_treatment_use(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    with core.db.tx() as s:
        back = moves.return_in(
            s, core.clock, owner, product_id=serum, qty=1, sale_ref="S9", restock=True
        )
        opened = moves.return_in(
            s, core.clock, owner, product_id=serum, qty=1, sale_ref="S8", restock=False
        )
        used = moves.use_in_treatment_in(s, core.clock, owner, product_id=serum, qty=3, ref="T1")
    assert (back.reason, back.qty, back.balance) == ("refund_restock", 1, 5)
    assert (opened.reason, opened.qty) == ("member_return", 1)
    assert (used.reason, used.location, used.qty, used.balance) == (
        "treatment_use",
        "store",
        -3,
        -1,
    )
    p = stock.product(serum)
    assert (p.on_display, p.in_store, p.needs_count) == (5, -1, True)
    reasons = [m.reason for m in stock.movements(serum)][:4]
    assert reasons == ["treatment_use", "damaged", "member_return", "refund_restock"]


@pytest.mark.parametrize("qty", [0, -1, 1.5, "2", True])
def test_bad_quantities_save_nothing(
    core: Core, stock: StockService, owner: Actor, serum: int, qty: object
) -> None:
    before = _count_rows(core)
    with pytest.raises(Invalid):
        stock.receive(owner, serum, qty)  # type: ignore[arg-type]
    with pytest.raises(Invalid), core.db.tx() as s:
        moves.sell_in(s, core.clock, owner, product_id=serum, qty=qty, sale_ref="S")  # type: ignore[arg-type]
    assert _count_rows(core) == before


def test_move_more_than_the_store_holds_is_refused(
    core: Core, stock: StockService, owner: Actor, serum: int
) -> None:
    before = _count_rows(core)
    with pytest.raises(Invalid) as err:
        stock.move_to_display(owner, serum, 3)
    assert err.value.params["n"] == 2
    with pytest.raises(NotFound):
        stock.receive(owner, 9999, 1)
    assert _count_rows(core) == before


def test_product_validation(core: Core, stock: StockService, owner: Actor, serum: int) -> None:
    before = _count_rows(core)
    bad = [
        ProductFields(brand="", name_zh="x", price=Money(100)),
        ProductFields(brand="b", name_zh=" ", price=Money(100)),
        ProductFields(brand="b", name_zh="x", price=Money(-1)),
        ProductFields(brand="b", name_zh="x", price=Money(100), member_price=Money(200)),
        ProductFields(brand="b", name_zh="x", price=Money(100), category="food"),
        ProductFields(brand="b", name_zh="x", price=Money(100), barcode="12 34"),
        ProductFields(brand="b", name_zh="x", price=Money(100), cabinet="A"),
        ProductFields(brand="b", name_zh="x" * 61, price=Money(100)),
    ]
    for fields in bad:
        with pytest.raises(Invalid):
            stock.create_product(owner, fields)
    with pytest.raises(Conflict):
        stock.create_product(
            owner, ProductFields(brand="b", name_zh="x", price=Money(1), barcode="2000001000017")
        )
    assert _count_rows(core) == before


def test_permissions_and_audit(
    core: Core, stock: StockService, owner: Actor, counter: Actor, manager: Actor, serum: int
) -> None:
    before = _count_rows(core)
    with pytest.raises(Forbidden):
        stock.create_product(counter, SERUM)
    with pytest.raises(Forbidden):
        stock.write_off(counter, serum, 1, reason="damaged")
    with pytest.raises(Forbidden):
        stock.adjust(counter, serum, location="display", qty=-1, note="少了一瓶")
    assert _count_rows(core) == before
    # Counter staff receive goods and fill the cabinet without a manager.
    stock.receive(counter, serum, 1)
    stock.move_to_display(counter, serum, 1)
    # A new price needs the price-change permission on top of editing the catalogue.
    from dataclasses import replace

    from salon_desk.core.auth import Perm, Role

    editor = Actor(counter.staff_id, counter.number, counter.name, Role.COUNTER)
    with pytest.raises(Forbidden):
        stock.update_product(editor, serum, replace(SERUM, price=Money(90000)))
    row = stock.update_product(manager, serum, replace(SERUM, price=Money(90000)))
    assert row.price == Money(90000)
    adjusted = stock.adjust(manager, serum, location="display", qty=-1, note="少了一瓶")
    assert adjusted.balance == 4
    with pytest.raises(Invalid):
        stock.adjust(manager, serum, location="display", qty=-1, note="  ")
    actions = [e.action for e in entries(core.db, object_type="product")]
    assert actions[:2] == ["stock.adjust", "product.update"]
    update = entries(core.db, action_prefix="product.update")[0]
    assert update.before == {"price_fen": 88000} and update.after == {"price_fen": 90000}
    assert Perm.STOCK_ADJUST.value == "stock_adjust"
