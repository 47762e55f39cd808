"""The register's part of the daily report against totals computed here from the raw
rows: takings by tender (cash basis), sales by kind, discounts, voids with who and why,
drawer opens, beauticians, and the cash count — or "not closed" before the Z report."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select
from test_pos_checkout import make_shop, open_till, ticket

from salon_desk.core.auth import Actor, Role
from salon_desk.core.context import Core
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import (
    CashEvent,
    Payment,
    Refund,
    RefundPayment,
    Sale,
    SaleLine,
    TillOpen,
    ZReport,
)
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.service import ReportService

DAY = date(2026, 11, 28)


def _trade(core: Core, owner: Actor, counter: Actor, manager: Actor) -> None:
    shop = make_shop(core, owner)
    open_till(core, counter, 50000)
    pay = CheckoutService(core).pay
    pay(counter, ticket(shop, counter),
        [Tender("wechat", Money(25600), "4200001234"), Tender("cash", Money(30000))],
        str(uuid.uuid4()))  # fmt: skip
    eye = Ticket()
    eye.add(
        "service", shop.eye, "眼部护理", Money(9800), beautician_ids=(shop.beautician.staff_id,)
    )
    voided = pay(counter, eye, [Tender("cash", Money(9800))], str(uuid.uuid4()))
    RefundService(core).void(manager, voided.number, "收错项目")
    TillService(core).no_sale(manager, "换零钱")


def _by_sql(core: Core) -> dict[str, int]:
    with core.db.read() as s:
        paid = dict(
            s.execute(
                select(Payment.tender, func.sum(Payment.amount_fen)).group_by(Payment.tender)
            ).all()
        )
        back = dict(
            s.execute(
                select(RefundPayment.tender, func.sum(RefundPayment.amount_fen)).group_by(
                    RefundPayment.tender
                )
            ).all()
        )
        kinds = dict(
            s.execute(
                select(SaleLine.kind, func.sum(SaleLine.net_fen)).group_by(SaleLine.kind)
            ).all()
        )
        total = s.scalar(select(func.sum(Sale.total_fen)))
    return {
        "cash": int(paid.get("cash", 0)) - int(back.get("cash", 0)),
        "wechat": int(paid.get("wechat", 0)) - int(back.get("wechat", 0)),
        "service": int(kinds["service"]),
        "product": int(kinds["product"]),
        "total": int(total or 0),
    }


def test_register_figures_match_the_rows(
    core: Core, owner: Actor, counter: Actor, manager: Actor, tmp_path: Path
) -> None:
    _trade(core, owner, counter, manager)
    service = ReportService(core)
    report = service.daily(owner, DAY)
    r = report.register
    want = _by_sql(core)
    tenders = {t.tender: t.net.fen for t in r.tenders}
    assert tenders == {"cash": want["cash"], "wechat": want["wechat"]}
    assert tenders == {"cash": 20000, "wechat": 25600}  # the voided ¥98 went back in cash
    assert r.takings.fen == 45600 == want["total"] - 9800
    assert (r.services.fen, r.products.fen) == (want["service"], want["product"])
    assert r.services.fen + r.products.fen == r.total.fen == want["total"]
    [void] = r.refunds
    assert void.kind == "void" and void.reason == "收错项目" and void.amount.fen == 9800
    assert void.staff.endswith("李经理")
    assert [(e.kind, e.reason) for e in r.drawer] == [("no_sale", "换零钱")]
    amei = next(b for b in r.by_beautician if b.name == "阿美")
    assert (amei.services, amei.service_value.fen) == (2, 28800 + 9800)
    seller = next(b for b in r.by_beautician if b.name == "小陈")
    assert (seller.products, seller.product_value.fen) == (1, 16800)
    assert sum(r.sales_by_hour) == want["service"] + want["product"]
    assert r.till_opened and r.cash is None  # not closed yet

    text = "\n".join(p.extract_text() for p in PdfReader(
        service.save(owner, report, tmp_path / "open.pdf", "pdf")).pages)  # fmt: skip
    for words in ("各时段销售额", "微信支付", "256.00", "200.00", "456.00", "收错项目", "换零钱",
                  "当日尚未打烊结算"):  # fmt: skip
        assert words in text, words


def test_the_cash_count_comes_from_the_z_report(
    core: Core, owner: Actor, counter: Actor, manager: Actor, tmp_path: Path
) -> None:
    _trade(core, owner, counter, manager)
    # 500 float + 200 net cash = 700 expected; 690 counted: ¥10 short
    TillService(core).close_day(
        manager, {10000: 6, 5000: 1, 2000: 2}, kept_float=Money(50000), note="少十元"
    )
    service = ReportService(core)
    report = service.daily(owner, DAY)
    cash = report.register.cash
    with core.db.read() as s:
        z = s.scalars(select(ZReport)).one()
    assert cash is not None and cash.z_number == z.number
    assert (cash.expected.fen, cash.counted.fen, cash.over_short.fen) == (
        z.expected_fen, z.counted_fen, z.over_short_fen
    )  # fmt: skip
    assert (cash.opening_float.fen, cash.expected.fen, cash.counted.fen) == (50000, 70000, 69000)
    assert cash.over_short.fen == -1000 and cash.to_safe.fen == 19000
    text = PdfReader(service.save(owner, report, tmp_path / "z.pdf", "pdf")).pages
    joined = "\n".join(p.extract_text() for p in text)
    assert "-10.00" in joined and "690.00" in joined and "少十元" in joined
    period = service.period(owner, DAY, DAY)
    [day] = period.days
    assert day.over_short == Money(-1000) and day.takings.fen == 45600
    assert day.sales.fen == 45600 + 9800 and day.refunded.fen == 9800


def test_a_service_shared_by_two_beauticians_is_split_to_the_fen(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    shop = make_shop(core, owner)
    other = core.auth.create_staff(owner, name="小丽", number="08", pin="5678",
                                   role=Role.BEAUTICIAN)  # fmt: skip
    open_till(core, counter, 50000)
    both = (shop.beautician.staff_id, other.id)
    t = Ticket()
    t.add("service", shop.eye, "眼部护理", Money(9801), beautician_ids=both)
    t.add("service", shop.eye, "眼部护理", Money(9803), beautician_ids=both)
    t.add("service", shop.facial, "面部护理", Money(12800),
          beautician_ids=(shop.beautician.staff_id,))  # fmt: skip
    t.add("service", shop.facial, "面部护理", Money(12700), beautician_ids=(other.id,))
    CheckoutService(core).pay(manager, t, [Tender("cash", Money(45104))], str(uuid.uuid4()))
    r = ReportService(core).daily(owner, DAY).register
    got = {b.name: (b.services, b.service_value.fen) for b in r.by_beautician}
    first, second = sorted(both)  # the odd fen goes to the lower staff id
    want = {first: (3, 4901 + 4902), second: (3, 4900 + 4901)}
    want[shop.beautician.staff_id] = (want[shop.beautician.staff_id][0],
                                      want[shop.beautician.staff_id][1] + 12800)  # fmt: skip
    want[other.id] = (want[other.id][0], want[other.id][1] + 12700)
    assert got == {"阿美": want[shop.beautician.staff_id], "小丽": want[other.id]}
    assert sum(v for _n, v in got.values()) == 9801 + 9803 + 12800 + 12700


def test_every_field_of_the_voids_drawer_and_cash_count_is_the_rows(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    """Who, when, which ticket and how much, as the rows say, in the shop's time zone."""
    _trade(core, owner, counter, manager)
    TillService(core).paid_in(manager, Money(2000), "补零钱")
    TillService(core).close_day(
        manager, {10000: 6, 5000: 1, 2000: 3}, kept_float=Money(50000), note="多二十"
    )
    tz = core.settings.tz()
    r = ReportService(core).daily(owner, DAY).register
    with core.db.read() as s:
        refund, sale_number = s.execute(
            select(Refund, Sale.number).join(Sale, Sale.id == Refund.sale_id)
        ).one()
        events = s.scalars(select(CashEvent).order_by(CashEvent.at, CashEvent.id)).all()
        z = s.scalars(select(ZReport)).one()
        opened = s.scalars(select(TillOpen)).one()
        who = {st.id: f"{st.number} {st.name}" for st in s.scalars(select(Staff))}
    [void] = r.refunds
    assert (void.number, void.kind, void.sale_number, void.at, void.reason, void.amount) == (
        refund.number, refund.kind, sale_number, refund.at.astimezone(tz), refund.reason,
        Money(refund.total_fen),
    )  # fmt: skip
    assert void.at.tzinfo is not None and void.staff == who[refund.staff_id]
    assert void.authorised_by == (who[refund.authorised_by] if refund.authorised_by else "")
    assert [(e.at, e.kind, e.staff, e.authorised_by, e.amount, e.reason) for e in r.drawer] == [
        (e.at.astimezone(tz), e.kind, who[e.staff_id],
         who[e.authorised_by] if e.authorised_by else "", Money(e.amount_fen), e.reason)
        for e in events
    ]  # fmt: skip
    assert [e.amount for e in r.drawer] == [Money(0), Money(2000)]
    assert r.cash is not None
    assert (r.cash.z_number, r.cash.opening_float, r.cash.expected, r.cash.counted,
            r.cash.over_short, r.cash.kept_float, r.cash.to_safe, r.cash.note) == (
        z.number, Money(opened.float_fen), Money(z.expected_fen), Money(z.counted_fen),
        Money(z.over_short_fen), Money(z.kept_float_fen), Money(z.to_safe_fen), z.note,
    )  # fmt: skip
    assert r.cash.note == "多二十" and r.cash.over_short.fen == z.over_short_fen != 0
