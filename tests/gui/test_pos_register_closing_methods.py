"""The closing screen takes the totals of bank card, WeChat Pay and Alipay from their
terminals beside the blind cash count: the keypad types into the field tapped, the
difference shows as it is typed, and the Z keeps expected against counted for each."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.close_dialog import CloseDialog


def test_the_terminals_totals_are_counted_at_closing(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    stock_the_shop(core, gui_owner)
    till = TillService(core)
    till.open_day(gui_owner, {10000: 5})
    [facial] = [s for s in PickerService(core).services() if s.name == "深层补水"]
    t = Ticket()
    t.add("service", facial.id, facial.name, facial.price)
    CheckoutService(core).pay(
        gui_owner, t, [Tender("wechat", Money(28800), "W1")], str(uuid.uuid4())
    )
    dialog = CloseDialog(ui_ctx, {10000: 5})
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    wechat = dialog.method_edits["wechat"]
    wechat.setFocus()
    qtbot.waitUntil(lambda: dialog.pad.target is wechat)
    for key in "287":
        dialog.pad.press(key)
    assert wechat.text() == "287"
    assert dialog.method_diffs["wechat"].text() == Money(-100).format()
    dialog.method_edits["bank_card"].setText("0")
    dialog.note.setText("微信少一元")
    dialog.ok.click()
    assert dialog.z is not None
    z = till.z_report(till.today())
    assert {m.method: m.counted for m in z.methods} == {
        "bank_card": Money(0),
        "wechat": Money(28700),
        "alipay": None,
    }


def test_a_card_refunded_to_wechat_is_taken_off_what_wechat_should_show(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    stock_the_shop(core, gui_owner)
    till = TillService(core)
    till.open_day(gui_owner, {10000: 5})
    [facial] = [s for s in PickerService(core).services() if s.name == "深层补水"]
    t = Ticket()
    t.add("service", facial.id, facial.name, facial.price)
    CheckoutService(core).pay(
        gui_owner, t, [Tender("wechat", Money(28800), "W1")], str(uuid.uuid4())
    )
    member = MemberService(core).create(gui_owner, MemberInput("张丽", "13812345678"))
    cards = CardService(core)
    value = cards.save_product(
        gui_owner,
        CardProductInput(code="V1", name="储值卡", kind="value", category="value",
                         price=Money(100000)),
    )  # fmt: skip
    card = cards.sell(
        gui_owner, member_id=member.id, product_id=value.id, price=Money(10000), sale_ref="OLD"
    )
    CardPayoutService(core).refund_card(gui_owner, card.id, "搬家", method="wechat")
    dialog = CloseDialog(ui_ctx, {10000: 5})
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.findChild(QFormLayout)
    rows = [
        (
            form.itemAt(r, QFormLayout.ItemRole.LabelRole),
            form.itemAt(r, QFormLayout.ItemRole.FieldRole),
        )
        for r in range(form.rowCount())
    ]
    texts = [(a.widget().text().strip(), b.widget().text()) for a, b in rows if a and b]
    at = texts.index(("微信支付", Money(28800).format()))
    assert texts[at + 1] == ("退卡退款", Money(-10000).format())  # under WeChat Pay
    dialog.method_edits["wechat"].setText("188")  # what the WeChat statement says
    assert dialog.method_diffs["wechat"].text() == Money(0).format()
