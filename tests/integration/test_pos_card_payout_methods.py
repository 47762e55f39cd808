"""A card refund (退卡) paid back by WeChat, Alipay or bank card is money out by that
method: it is kept as a row of its own, the X and the Z show it by method, the method's
expected total at closing (what the provider's statement shows) is lower by it, and the
daily report's takings by payment method pay it back."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from escpos_decode import decode
from sqlalchemy import select
from test_pos_checkout import Shop, make_shop, open_till, ticket
from test_pos_members import member_with_cards
from test_pos_z_pdf import pdf_text

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.payout_models import CardPayout
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.service import ReportService
from salon_desk.reports.z_report import ZReportPdf


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def test_card_refunds_to_wechat_and_alipay_are_paid_back_by_method(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop, tmp_path: Path
) -> None:
    _m, pack, value = member_with_cards(core, owner, shop)
    open_till(core, manager, 50000)
    CheckoutService(core).pay(
        counter, ticket(shop, counter), [Tender("wechat", Money(45600), "WX1")], str(uuid.uuid4())
    )
    payouts = CardPayoutService(core)
    by_wechat = payouts.refund_card(manager, value.id, "搬家", method="wechat").refund
    by_alipay = payouts.refund_card(manager, pack.id, "不做了", method="alipay").refund
    assert (by_wechat, by_alipay) == (Money(10000), Money(198000))

    with core.db.read() as s:  # one row each, with the card, the method and the amount
        rows = s.execute(
            select(CardPayout.account_id, CardPayout.method, CardPayout.amount_fen).order_by(
                CardPayout.id
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (value.id, "wechat", 10000),
        (pack.id, "alipay", by_alipay.fen),
    ]

    till = TillService(core)
    x = till.x_report()
    assert x.card_payouts == {"wechat": by_wechat, "alipay": by_alipay}
    assert x.expected_by("wechat") == Money(45600 - 10000)
    assert x.expected_by("alipay") == -by_alipay
    assert x.expected_cash == Money(50000)  # the drawer is not touched
    z = till.close_day(
        manager,
        {10000: 5},
        kept_float=Money(50000),
        methods={"wechat": Money(35600)},
    )
    methods = {m.method: m for m in z.methods}
    assert (methods["wechat"].expected, methods["wechat"].over_short) == (Money(35600), Money(0))
    assert methods["wechat"].card_refunds == by_wechat
    assert (methods["alipay"].expected, methods["alipay"].counted) == (-by_alipay, None)
    frozen = till.z_report(z.day)  # the figures the Z froze keep them
    assert frozen.figures.card_payouts == {"wechat": by_wechat, "alipay": by_alipay}

    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    lines = [ln.strip() for ln in slip.lines]
    back = [ln for ln in lines if ln.startswith("退卡退款")]
    assert [ln.split()[-1] for ln in back] == ["-￥100.00", "-￥1,980.00"]
    wechat_at = next(i for i, ln in enumerate(lines) if ln.startswith("微信支付"))
    assert lines[wechat_at + 1].startswith("退卡退款") and "-￥100.00" in lines[wechat_at + 1]

    pdf = pdf_text(ZReportPdf(core).save(manager, z.day, tmp_path / "z.pdf"))
    rows = [ln for ln in pdf.splitlines() if ln.strip().startswith("微信支付")]
    assert any("-100.00" in ln and "356.00" in ln for ln in rows) and "退卡退款" in pdf

    report = ReportService(core).daily(owner, z.day)
    tenders = {t.tender: t for t in report.register.tenders}
    assert tenders["wechat"].card_refunds == by_wechat
    assert tenders["wechat"].net == Money(45600 - 10000)
    assert tenders["alipay"].net == -by_alipay
    assert report.register.takings == Money(45600) - by_wechat - by_alipay
    text = pdf_text(ReportService(core).save(owner, report, tmp_path / "d.pdf", "pdf"))
    assert "退卡退款" in text
    period = ReportService(core).period(owner, z.day, z.day)
    [row] = [d for d in period.days if d.day == z.day]
    assert row.takings == report.register.takings == period.register.takings


def test_after_the_z_a_card_refund_is_refused_whatever_the_method(
    core: Core, owner: Actor, manager: Actor, shop: Shop
) -> None:
    """The Z froze the day's WeChat, Alipay and bank-card totals: a card paid back by one of
    them after it would be in the provider's statement and the reports but not in the Z."""
    _m, pack, value = member_with_cards(core, owner, shop)
    payouts = CardPayoutService(core)
    payouts.refund_card(manager, pack.id, "不做了", method="bank_card")  # before the till opens
    open_till(core, manager, 50000)
    TillService(core).close_day(manager, {10000: 5}, kept_float=Money(50000))
    z = TillService(core).z_report(TillService(core).today())
    assert z.figures.card_payouts == {"bank_card": Money(198000)}
    with pytest.raises(Conflict):
        payouts.refund_card(manager, value.id, "搬家", method="wechat")
    assert CardService(core).account(value.id).status == "active"
    with core.db.read() as s:
        assert s.scalars(select(CardPayout.method)).all() == ["bank_card"]
