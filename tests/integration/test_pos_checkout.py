"""Shared set-up of the register tests: a price list, a cabinet, an open till."""

from __future__ import annotations

from dataclasses import dataclass

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor, Perm, Role
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.stock.models import Product
from salon_desk.stock.moves import add_movement_in


@dataclass(frozen=True)
class Shop:
    facial: int  # 深层补水 ¥288
    eye: int  # 眼部护理 ¥98
    serum: int  # 玻尿酸精华 ¥168, 5 on display
    mask: int  # 面膜 ¥39.90, 1 on display
    beautician: Actor


def make_shop(core: Core, owner: Actor) -> Shop:
    now = core.clock.now()
    row = core.auth.create_staff(owner, name="阿美", number="07", pin="1234", role=Role.BEAUTICIAN)
    with core.db.tx() as s:
        facial = ServiceItem(
            code="F01", name_zh="深层补水", category="facial", duration_min=60, price_fen=28800
        )
        eye = ServiceItem(
            code="E01", name_zh="眼部护理", category="facial", duration_min=30, price_fen=9800
        )
        serum = Product(
            barcode="6901234567892",
            brand="雅诗",
            name_zh="玻尿酸精华",
            category="retail",
            price_fen=16800,
            member_price_fen=15800,
            created_at=now,
        )
        mask = Product(
            barcode="6900000000017",
            brand="自然堂",
            name_zh="面膜",
            category="retail",
            price_fen=3990,
            created_at=now,
        )
        s.add_all([facial, eye, serum, mask])
        s.flush()
        add_movement_in(
            s, now, owner, product_id=serum.id, location="display", qty=5, reason="opening"
        )
        add_movement_in(
            s, now, owner, product_id=mask.id, location="display", qty=1, reason="opening"
        )
        ids = facial.id, eye.id, serum.id, mask.id
    return Shop(*ids, Actor(row.id, row.number, row.name, row.role))


def ticket(shop: Shop, seller: Actor) -> Ticket:
    """A facial by 阿美 and one serum: ¥288 + ¥168 = ¥456."""
    t = Ticket()
    t.add(
        "service", shop.facial, "深层补水", Money(28800), beautician_ids=(shop.beautician.staff_id,)
    )
    t.add("product", shop.serum, "玻尿酸精华", Money(16800), seller_id=seller.staff_id)
    return t


# --- tests -----------------------------------------------------------------------------
import uuid  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound  # noqa: E402
from salon_desk.pos.checkout_service import CheckoutService  # noqa: E402
from salon_desk.pos.models import Payment, Sale, SaleLine, VoucherUse  # noqa: E402
from salon_desk.pos.print_models import PrintJob  # noqa: E402
from salon_desk.pos.receipt import opens_drawer, receipt_lines  # noqa: E402
from salon_desk.pos.rules import Tender  # noqa: E402
from salon_desk.pos.sale_read import receipt_data  # noqa: E402
from salon_desk.pos.till_service import TillService  # noqa: E402
from salon_desk.stock.models import StockMovement  # noqa: E402
from salon_desk.stock.moves import location_on_hand_in  # noqa: E402


def open_till(core: Core, actor: Actor, float_fen: int = 50000) -> None:
    TillService(core).open_day(actor, {10000: float_fen // 10000, 1000: float_fen % 10000 // 1000})


def counts(core: Core) -> dict[str, int]:
    with core.db.read() as s:
        return {
            t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Sale, SaleLine, Payment, VoucherUse, StockMovement, PrintJob)
        }


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def key() -> str:
    return str(uuid.uuid4())


def test_a_split_payment_with_cash_change_is_one_sale(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    sale = svc.pay(
        counter,
        ticket(shop, counter),
        [Tender("wechat", Money(25600), "4200001234"), Tender("cash", Money(30000))],
        key(),
    )
    assert sale.number == "20261128-0001"
    assert sale.total == Money(45600)
    assert sale.change == Money(10000) and sale.received == Money(55600)
    assert [(p.tender, p.amount) for p in sale.payments] == [
        ("wechat", Money(25600)),
        ("cash", Money(20000)),
    ]
    assert sale.lines[0].beauticians == ("阿美",) and sale.lines[1].seller == "小陈"
    with core.db.read() as s:
        assert location_on_hand_in(s, shop.serum, "display") == 4
        moved = s.scalar(select(StockMovement).where(StockMovement.ref == sale.number))
        assert moved is not None and moved.qty == -1
    data = receipt_data(sale, core.settings)
    assert data["number"] == sale.number and data["change_fen"] == 10000
    assert data["cash_received_fen"] == 30000 and data["total_fen"] == 45600
    assert data["lines"][0]["beautician"] == "阿美"
    # the receipt was queued in the sale's transaction and prints in Chinese
    with core.db.read() as s:
        job = s.scalars(select(PrintJob).where(PrintJob.ref == sale.number)).one()
        assert job.kind == "receipt" and job.status == "queued"
        payload = job.payload
    printed = "\n".join(line.text for line in receipt_lines(payload, width_mm=58))
    assert "深层补水" in printed and "阿美" in printed and "100.00" in printed
    assert opens_drawer(payload)


def test_the_same_key_twice_records_one_sale(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    k = key()
    first = svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(50000))], k)
    again = svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(50000))], k)
    assert again.replayed and not first.replayed
    assert again.number == first.number
    assert counts(core)["pos_sale"] == 1
    assert counts(core)["stock_movement"] == 3  # two openings and one sale


def test_bad_payments_save_nothing(core: Core, owner: Actor, counter: Actor, shop: Shop) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    before = counts(core)
    for tenders in (
        [Tender("cash", Money(45599))],
        [Tender("bank_card", Money(45700), "T1")],
        [Tender("alipay", Money(45600), "")],
        [],
    ):
        with pytest.raises(Invalid):
            svc.pay(counter, ticket(shop, counter), tenders, key())
    with pytest.raises(Invalid):
        svc.pay(counter, Ticket(), [Tender("cash", Money(100))], key())
    with pytest.raises(Invalid):
        svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], "x")
    assert counts(core) == before


def test_a_voucher_is_used_once(core: Core, owner: Actor, counter: Actor, shop: Shop) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    t = ticket(shop, counter)
    t.apply_trial_voucher(1, "TY-88")
    sale = svc.pay(
        counter, t, [Tender("voucher", Money(5000), "DY-1"), Tender("cash", Money(11800))], key()
    )
    assert sale.total == Money(16800) and sale.lines[0].trial_code == "TY-88"
    before = counts(core)
    again = ticket(shop, counter)
    with pytest.raises(Conflict):
        svc.pay(
            counter,
            again,
            [Tender("voucher", Money(5000), "DY-1"), Tender("cash", Money(40600))],
            key(),
        )
    again.apply_trial_voucher(1, "TY-88")
    with pytest.raises(Conflict):
        svc.pay(counter, again, [Tender("cash", Money(16800))], key())
    assert counts(core) == before


def test_a_discount_beyond_the_limit_needs_the_manager_recorded(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    svc = CheckoutService(core)
    t = ticket(shop, counter)
    with pytest.raises(Forbidden):
        t.set_line_discount(counter, 1, bp=3000)
    granted = counter.with_grant(core.auth.authorise("9001", "1234", Perm.DISCOUNT_OVER_LIMIT))
    t.set_line_discount(granted, 1, bp=3000)
    sale = svc.pay(counter, t, [Tender("cash", Money(37000))], key())
    assert sale.line_discount == Money(8640)
    # a forged approval (a counter's id) is refused by the service
    forged = ticket(shop, counter)
    forged.set_line_discount(manager, 1, bp=3000)
    forged.lines[0] = forged.lines[0].__class__(
        **{
            **{f: getattr(forged.lines[0], f) for f in forged.lines[0].__slots__},
            "discount_by": counter.staff_id,
        }
    )
    before = counts(core)
    with pytest.raises(Forbidden):
        svc.pay(counter, forged, [Tender("cash", Money(37000))], key())
    assert counts(core) == before


def test_a_price_typed_over_the_list_needs_permission(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    open_till(core, counter)
    t = Ticket()
    t.add("service", shop.facial, "深层补水", Money(100))
    with pytest.raises(Forbidden):
        CheckoutService(core).pay(counter, t, [Tender("cash", Money(100))], key())
    assert counts(core)["pos_sale"] == 0


def test_a_gift_leaves_the_shelf_and_selling_below_zero_warns(
    core: Core, owner: Actor, manager: Actor, shop: Shop
) -> None:
    open_till(core, manager)
    t = Ticket()
    t.add("product", shop.mask, "面膜", Money(3990), qty=2)
    t.add("product", shop.serum, "玻尿酸精华", Money(16800))
    gift = t.add("service", shop.eye, "眼部护理", Money(9800))
    t.remove(gift.key)
    t.make_gift(manager, 1)
    sale = CheckoutService(core).pay(manager, t, [Tender("cash", Money(16800))], key())
    assert sale.total == Money(16800) and sale.lines[0].gift
    assert sale.warnings == ("面膜",)
    with core.db.read() as s:
        assert location_on_hand_in(s, shop.mask, "display") == -1


def test_no_sale_before_the_float_or_after_closing(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    svc = CheckoutService(core)
    with pytest.raises(Conflict):
        svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], key())
    open_till(core, counter)
    TillService(core).close_day(counter, {10000: 5}, kept_float=Money(50000))
    with pytest.raises(Conflict):
        svc.pay(counter, ticket(shop, counter), [Tender("cash", Money(45600))], key())
    assert counts(core)["pos_sale"] == 0


def test_unknown_sale_number(core: Core) -> None:
    with pytest.raises(NotFound):
        CheckoutService(core).sale("20261128-9999")
