"""Selling a card and topping up stored value from the Register tab, paid with cash on
the same ticket as a treatment."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from test_pos_register import tab  # noqa: F401  (the fixture)

from salon_desk.core.auth import Actor
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import PickerService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register import card_line_flow
from salon_desk.ui.register.payment_dialog import PaymentDialog
from salon_desk.ui.register.register_tab import RegisterTab


def test_a_card_and_a_top_up_rung_up_with_a_treatment(
    qtbot: QtBot,
    tab: RegisterTab,  # noqa: F811
    ui_ctx: UiContext,
    gui_owner: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    members, cards = MemberService(ui_ctx.core), CardService(ui_ctx.core)
    m = members.create(gui_owner, MemberInput(name="张丽", phone="13812345678"))
    facial = tab.ctx.service(PickerService).services()[0]
    pack = cards.save_product(
        gui_owner,
        CardProductInput(
            code="P10",
            name="补水10次卡",
            kind="sessions",
            category="pack",
            price=Money(198000),
            sessions=10,
            service_ids=(facial.id,),
        ),
    )
    value = cards.save_product(
        gui_owner,
        CardProductInput(
            code="V1", name="储值卡", kind="value", category="value", price=Money(50000)
        ),
    )
    stored = cards.sell(
        gui_owner, member_id=m.id, product_id=value.id, price=Money(50000), sale_ref="OLD-1"
    )
    picks: list[Any] = []
    amounts: list[Any] = [Money(100000), Money(10000)]

    def choose(parent: object, title: str, choices: list[tuple[str, Any]]) -> Any:
        picks.append([label for label, _v in choices])
        want = "补水10次卡" if len(picks) == 1 else stored.number
        return next(v for label, v in choices if want in label)

    monkeypatch.setattr(card_line_flow.ChoiceDialog, "ask", choose)
    monkeypatch.setattr(card_line_flow.NumPadDialog, "ask", lambda *a, **k: amounts.pop(0))

    tab.sell_card()  # no member yet
    assert "会员" in ui_ctx.prompts.errors[-1]  # type: ignore[attr-defined]
    ui_ctx.prompts.texts.append("13812345678")  # type: ignore[attr-defined]
    tab.attach_member()
    tab.add_pick(facial)
    tab.sell_card()
    tab.sell_card()
    assert [ln.kind for ln in tab.ticket.lines] == ["service", "card_sale", "top_up"]
    assert any("开卡" in label for label in picks[0]) and any("充值" in x for x in picks[0])
    notes = [tab.panel.model.data(tab.panel.model.index(r, 4)) for r in range(3)]
    assert "开卡" in notes[1] and "充值" in notes[2] and "赠送" in notes[2]
    assert "¥3,268.00" in tab.pay_button.text()

    dialog = PaymentDialog(ui_ctx, tab.ticket, tab)
    qtbot.addWidget(dialog)
    dialog.add_cash(Money(330000))
    dialog.pay()
    assert dialog.sale is not None and dialog.sale.change == Money(3200)
    assert len(CheckoutService(ui_ctx.core).sales_of_day()) == 1
    assert cards.account(stored.id).value == Money(160000)
    sold = [a for a in cards.accounts_for_member(m.id) if a.product_id == pack.id]
    assert len(sold) == 1 and sold[0].sessions_left == 10
