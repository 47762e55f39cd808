"""Refunding a card from a member's cards: the counter says how the money goes back; in
cash it leaves the drawer (the X expects that much less), and the slip says how it went."""

from __future__ import annotations

from test_members_tab import make_members

from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.cards_page import CardsPage
from salon_desk.ui.members.refund_method_dialog import RefundMethodDialog
from salon_desk.ui.register.till_bar import TillBar


def value_card(ctx: UiContext) -> tuple[int, str]:
    ids = make_members(ctx)
    cards = ctx.service(CardService)
    value = cards.save_product(
        ctx.actor,
        CardProductInput(code="V1", name="储值卡", kind="value", category="value", price=Money(0)),
    )
    card = cards.sell(
        ctx.actor, member_id=ids[0], product_id=value.id, price=Money(30000), sale_ref="S1"
    )
    return ids[0], card.number


def test_a_card_refunded_in_cash_leaves_the_drawer(qtbot: object, ui_ctx: UiContext) -> None:
    member, number = value_card(ui_ctx)
    till = TillService(ui_ctx.core)
    till.open_day(ui_ctx.actor, {10000: 5})
    page = CardsPage(ui_ctx)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show_member(member)
    page.select_card(number)
    page.ask_method = lambda _parent: "cash"
    ui_ctx.prompts.confirms.append(True)  # type: ignore[attr-defined]
    ui_ctx.prompts.texts.append("搬家")  # type: ignore[attr-defined]
    page.refund()
    assert "退款方式：从钱箱付现金" in (ui_ctx.prompts.last or "")  # type: ignore[attr-defined]
    assert till.x_report().expected_cash == Money(50000 - 30000)
    bar = TillBar(ui_ctx)
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.x_report()
    assert "退卡付现: -¥300.00" in (ui_ctx.prompts.last or "")  # type: ignore[attr-defined]
    [event] = till.drawer_events()
    assert event.kind == "card_back" and number in event.reason


def test_the_method_dialog_offers_four_ways_and_cancel(qtbot: object, ui_ctx: UiContext) -> None:
    dialog = RefundMethodDialog(None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert set(dialog.buttons) == {"cash", "wechat", "alipay", "bank_card"}
    dialog.buttons["alipay"].click()
    assert dialog.method == "alipay" and dialog.result() == 1
