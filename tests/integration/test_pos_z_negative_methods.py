"""When the cards paid back by WeChat Pay, Alipay or bank card on a day are more than that
method took, the provider's statement shows a net below zero: the counter enters it at
closing as it reads, the Z keeps it against the expected total and its slip and PDF print
it with its minus sign. Cash counted is notes and coins and never goes below zero."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from escpos_decode import decode
from test_pos_checkout import Shop, make_shop, open_till, ticket
from test_pos_members import member_with_cards
from test_pos_z_pdf import pdf_text

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid
from salon_desk.core.money import MAX_FEN, Money
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.rows import MethodCount
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.z_report import ZReportPdf


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def alipay_below_zero(core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop) -> None:
    """WeChat takes ¥456 and pays a card back ¥100; Alipay takes nothing and pays a
    ten-session card back ¥1,980."""
    _m, pack, value = member_with_cards(core, owner, shop)
    open_till(core, manager, 50000)
    CheckoutService(core).pay(
        counter, ticket(shop, counter), [Tender("wechat", Money(45600), "WX1")], str(uuid.uuid4())
    )
    payouts = CardPayoutService(core)
    payouts.refund_card(manager, value.id, "搬家", method="wechat")
    payouts.refund_card(manager, pack.id, "不做了", method="alipay")


def test_a_method_below_zero_is_counted_as_the_statement_shows(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop, tmp_path: Path
) -> None:
    alipay_below_zero(core, owner, manager, counter, shop)
    till = TillService(core)
    assert till.x_report().expected_by("alipay") == Money(-198000)
    z = till.close_day(
        manager,
        {10000: 5},
        kept_float=Money(50000),
        methods={"wechat": Money(35600), "alipay": Money(-198000), "bank_card": Money(0)},
    )
    assert {m.method: m for m in z.methods}["alipay"] == MethodCount(
        "alipay", Money(-198000), Money(-198000), Money(0), Money(198000)
    )
    assert till.z_report(z.day).methods == z.methods

    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    lines = [ln.strip() for ln in slip.lines]
    alipay_at = next(i for i, ln in enumerate(lines) if ln.startswith("支付宝"))
    block = lines[alipay_at : alipay_at + 5]
    assert [ln.split()[0] for ln in block] == ["支付宝", "退卡退款", "应有", "终端实收", "相符"]
    assert [ln.split()[-1] for ln in block] == [
        "￥0.00",
        "-￥1,980.00",
        "-￥1,980.00",
        "-￥1,980.00",
        "￥0.00",
    ]

    core.settings.set(owner, "printer.paper_mm", 58)  # the narrow roll keeps the sign
    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    narrow = [ln.strip() for ln in slip.lines]
    at = next(i for i, ln in enumerate(narrow) if ln.startswith("支付宝"))
    assert [ln.split()[-1] for ln in narrow[at + 2 : at + 4]] == ["-￥1,980.00"] * 2

    pdf = pdf_text(ZReportPdf(core).save(manager, z.day, tmp_path / "z.pdf"))
    alipay = [ln for ln in pdf.splitlines() if ln.strip().startswith("支付宝")][-1]
    assert alipay.split()[1:] == ["-1,980.00", "-1,980.00", "-1,980.00", "0.00"]


def test_a_method_counted_below_what_it_should_show_needs_a_note(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    alipay_below_zero(core, owner, manager, counter, shop)
    till = TillService(core)
    short = {"wechat": Money(35600), "alipay": Money(-198100)}
    with pytest.raises(Invalid) as refused:
        till.close_day(manager, {10000: 5}, kept_float=Money(50000), methods=short)
    assert refused.value.field == "note"
    z = till.close_day(
        manager, {10000: 5}, kept_float=Money(50000), note="支付宝多退一元", methods=short
    )
    assert {m.method: m.over_short for m in z.methods}["alipay"] == Money(-100)


def test_cash_and_the_float_never_go_below_zero_nor_any_method_beyond_the_limit(
    core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop
) -> None:
    alipay_below_zero(core, owner, manager, counter, shop)
    till = TillService(core)
    bad: list[tuple[dict[int, int], Money, dict[str, Money]]] = [
        ({10000: -5}, Money(0), {}),
        ({10000: 5}, Money(-100), {}),
        ({10000: 5}, Money(50000), {"cash": Money(-100)}),
        ({10000: 5}, Money(50000), {"alipay": Money(-MAX_FEN - 1)}),
        ({10000: 5}, Money(50000), {"wechat": Money(MAX_FEN + 1)}),
    ]
    for counts, kept, methods in bad:
        with pytest.raises(Invalid):
            till.close_day(manager, counts, kept_float=kept, note="试", methods=methods)
    assert till.status().closed is False
