"""Demo data for the register: the last three days traded and closed (float counted in
the morning, a dozen sales with cash, cards, WeChat Pay and Alipay, a refund, a drawer
open, the Z report at night), and today opened with a few sales so far. Everything goes
through the services with the clock set to the moment of each sale."""

from __future__ import annotations

import random
import uuid
from datetime import date, time, timedelta

from sqlalchemy import update

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock, local_datetime, local_day
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import Ticket
from salon_desk.pos.cart_line import MemberRef
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import Pick, PickerService
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import DENOMINATIONS, Tender
from salon_desk.pos.till_service import TillService

FLOAT = {10000: 2, 5000: 2, 2000: 5, 1000: 5, 500: 6, 100: 20}  # ¥500


def counts_for(amount: Money) -> dict[int, int]:
    """The notes and coins of ``amount``, largest first (a tidy drawer)."""
    left, out = amount.fen, {}
    for denom in DENOMINATIONS:
        out[denom], left = divmod(left, denom)
    return {d: n for d, n in out.items() if n}


def seed(core: Core, owner: Actor) -> None:
    picker = PickerService(core)
    services, products = picker.services(), picker.products()
    if not services and not products:
        return
    beauticians: list[int | None] = [st.id for st in core.auth.list_staff(role=Role.BEAUTICIAN)]
    beauticians = beauticians or [None]
    today = local_day(core.clock.now(), core.settings.tz())
    rng = random.Random(20261128)
    for back in (3, 2, 1):
        _trade(
            core,
            owner,
            today - timedelta(days=back),
            services,
            products,
            beauticians,
            rng,
            sales=rng.randint(9, 13),
            close=True,
        )
    _trade(core, owner, today, services, products, beauticians, rng, sales=3, close=False)
    _ring_up_bookings(core, owner, picker)
    _printed(core)


def _printed(core: Core) -> None:
    """The slips of the demo's past went out when they happened: none waits to print."""
    now = core.clock.now()
    with core.db.tx() as s:
        s.execute(
            update(PrintJob)
            .where(PrintJob.status.in_(("queued", "printing", "failed")))
            .values(status="done", printed_at=now, updated_at=now, last_error=None)
        )


def _ring_up_bookings(core: Core, owner: Actor, picker: PickerService, most: int = 3) -> None:
    """Today's finished treatments are paid as the guests leave; a guest who is a member
    is rung up as that member (with her level's discount), as the counter would."""
    for booking in picker.completed_bookings()[:most]:
        ticket = Ticket()
        member = _member_named(core, booking.guest_name)
        if member is not None:
            ticket.attach_member(member)
        for p in booking.services:
            ticket.add(
                "service",
                p.id,
                p.name,
                p.price,
                beautician_ids=(booking.staff_id,),
                booking_id=booking.id,
            )
        due = ticket.priced().total
        ref = f"WX{booking.number.replace('-', '')}"
        CheckoutService(core).pay(owner, ticket, [Tender("wechat", due, ref)], str(uuid.uuid4()))


def _member_named(core: Core, name: str) -> MemberRef | None:
    """The one member of that name, if there is exactly one."""
    found = [m for m in CardService(core).search(name) if m.name == name]
    if len(found) != 1:
        return None
    return MemberRef(found[0].id, found[0].name, found[0].tier_name, found[0].tier_bp)


def _at(core: Core, day: date, hour: int, minute: int) -> Core:
    when = local_datetime(day, time(hour, minute), core.settings.tz())
    return Core.build(core.db, clock=FixedClock(when))


def _trade(
    core: Core,
    owner: Actor,
    day: date,
    services: list[Pick],
    products: list[Pick],
    beauticians: list[int | None],
    rng: random.Random,
    *,
    sales: int,
    close: bool,
) -> None:
    morning = _at(core, day, 9, 5)
    till = TillService(morning)
    if till.status().closed:
        return
    if not till.status().opened:
        till.open_day(owner, FLOAT)
    numbers = []
    for i in range(sales):
        minute = 10 * 60 + i * (600 // max(sales, 1))
        then = _at(core, day, minute // 60, minute % 60)
        ticket = Ticket()
        if services:
            s = rng.choice(services)
            b = rng.choice(beauticians)
            ticket.add("service", s.id, s.name, s.price, beautician_ids=(b,) if b else ())
        if products and (not services or rng.random() < 0.5):
            p = rng.choice(products)
            ticket.add(
                "product",
                p.id,
                p.name,
                p.price,
                qty=rng.choice((1, 1, 2)),
                seller_id=owner.staff_id,
            )
        if rng.random() < 0.2:
            ticket.set_ticket_discount(owner, bp=500)
        due = ticket.priced().total
        way = rng.choice(("cash", "cash", "wechat", "alipay", "bank_card", "split"))
        ref = f"{day:%m%d}{i:02d}{rng.randint(100000, 999999)}"
        if way == "cash":
            paid = [Tender("cash", Money(-(-due.fen // 10000) * 10000))]
        elif way == "split" and due.fen > 10000:
            paid = [Tender("wechat", due - Money(10000), ref), Tender("cash", Money(10000))]
        else:
            paid = [Tender("wechat" if way == "split" else way, due, ref)]
        sale = CheckoutService(then).pay(owner, ticket, paid, str(uuid.uuid4()))
        numbers.append(sale)
    if not close:
        return
    evening = _at(core, day, 20, 30)
    if numbers and products:
        with_product = [s for s in numbers if any(ln.kind == "product" for ln in s.lines)]
        if with_product:
            sold = with_product[0]
            line = next(ln for ln in sold.lines if ln.kind == "product")
            RefundService(evening).refund(owner, sold.number, {line.id: 1}, "顾客试用后过敏")
    TillService(evening).no_sale(owner, "换零钱")
    expected = TillService(evening).x_report().expected_cash
    TillService(_at(core, day, 21, 0)).close_day(
        owner,
        counts_for(expected),
        kept_float=Money(50000) if expected >= Money(50000) else expected,
        handover="营业款已入保险柜；明早请核对支付宝对账单。",
    )
