"""The Register tab driven by its own buttons, keypad and a scanner typing into the ticket:
a full checkout with a split payment and change, and a double tap on Pay making one sale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.payment_dialog import PaymentDialog
from salon_desk.ui.register.register_tab import RegisterTab


def stock_the_shop(core: Core, owner: Actor) -> None:
    from salon_desk.booking.models import ServiceItem
    from salon_desk.stock.models import Product
    from salon_desk.stock.moves import add_movement_in

    now = core.clock.now()
    with core.db.tx() as s:
        s.add(
            ServiceItem(
                code="F01", name_zh="深层补水", category="facial", duration_min=60, price_fen=28800
            )
        )
        serum = Product(
            barcode="6901234567892",
            brand="雅诗",
            name_zh="玻尿酸精华",
            category="retail",
            price_fen=16800,
            created_at=now,
        )
        s.add(serum)
        s.flush()
        add_movement_in(
            s, now, owner, product_id=serum.id, location="display", qty=5, reason="opening"
        )


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor) -> RegisterTab:
    stock_the_shop(ui_ctx.core, gui_owner)
    TillService(ui_ctx.core).open_day(gui_owner, {10000: 5})
    widget = RegisterTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    return widget


def test_a_full_checkout_with_a_scanned_product_and_cash_change(
    qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext
) -> None:
    assert "备用金" in tab.till.status.text() or "¥500.00" in tab.till.status.text()
    qtbot.mouseClick(tab.picker.buttons[0], Qt.MouseButton.LeftButton)  # 深层补水
    qtbot.keyClicks(tab.panel.table, "6901234567892")
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Return)
    assert [line.name for line in tab.ticket.lines] == ["深层补水", "玻尿酸精华"]
    assert "¥456.00" in tab.pay_button.text()

    dialog = PaymentDialog(ui_ctx, tab.ticket, tab)
    qtbot.addWidget(dialog)
    for key in "256":
        dialog.pad.press(key)
    dialog.reference.setText("4200000001")
    qtbot.mouseClick(dialog.tender_buttons["wechat"], Qt.MouseButton.LeftButton)
    assert not dialog.pay_button.isEnabled()  # ¥200 still to pay
    assert "¥200.00" in dialog.change_label.text()
    for key in "300":
        dialog.pad.press(key)
    qtbot.mouseClick(dialog.tender_buttons["cash"], Qt.MouseButton.LeftButton)
    assert "¥100.00" in dialog.change_label.text()
    assert dialog.pay_button.isEnabled()
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    dialog.pay()  # a second tap reaching the slot
    assert dialog.sale is not None and dialog.sale.change == Money(10000)
    sales = CheckoutService(ui_ctx.core).sales_of_day()
    assert len(sales) == 1 and sales[0].number == dialog.sale.number
    # the same key from a restarted screen still finds the one sale
    again = CheckoutService(ui_ctx.core).pay(ui_ctx.actor, tab.ticket, [], dialog.key)
    assert again.replayed and again.number == dialog.sale.number

    tab.finish(dialog.sale)
    assert tab.ticket.is_empty
    assert "¥100.00" in (ui_ctx.prompts.last or "")  # the change, said clearly


def test_bad_payment_input_is_explained_and_nothing_is_saved(
    qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext
) -> None:
    qtbot.mouseClick(tab.picker.buttons[0], Qt.MouseButton.LeftButton)
    dialog = PaymentDialog(ui_ctx, tab.ticket, tab)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.tender_buttons["alipay"], Qt.MouseButton.LeftButton)
    assert "交易单号" in dialog.message.text()
    assert dialog.tenders == []
    qtbot.keyClicks(tab.panel.table, "1234567890123")
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Return)
    assert "1234567890123" in ui_ctx.prompts.errors[-1]
    assert CheckoutService(ui_ctx.core).sales_of_day() == []


def test_park_and_resume(qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext) -> None:
    qtbot.mouseClick(tab.picker.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.park_button, Qt.MouseButton.LeftButton)
    assert tab.ticket.is_empty
    parked = ParkingService(ui_ctx.core).parked()
    assert [p.label for p in parked] == ["深层补水"]
    tab.ticket = ParkingService(ui_ctx.core).resume(ui_ctx.actor, parked[0].id)
    tab.refresh()
    assert "¥288.00" in tab.panel.total.text()


def test_a_counter_voids_a_sale_with_the_managers_pin(
    qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext, gui_owner: Actor, override: object
) -> None:
    from salon_desk.core.auth import Grant, Perm, Role
    from salon_desk.pos.cart import Ticket
    from salon_desk.pos.rules import Tender
    from salon_desk.pos.till_service import TillService
    from salon_desk.ui.register.sales_dialog import SalesDialog

    t = Ticket()
    t.add("service", 1, "深层补水", Money(28800))
    sale = CheckoutService(ui_ctx.core).pay(
        gui_owner, t, [Tender("cash", Money(30000))], "k-000001"
    )
    row = ui_ctx.core.auth.create_staff(
        gui_owner, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    dialog = SalesDialog(ui_ctx, tab)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    ui_ctx.prompts.texts.append("客人改主意")  # type: ignore[attr-defined]
    override.answers.append(Grant(gui_owner.staff_id, gui_owner.name, Perm.VOID))  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    assert override.asked == [Perm.VOID]  # type: ignore[attr-defined]
    assert "¥288.00" in dialog.message.text()
    assert CheckoutService(ui_ctx.core).sale(sale.number).voided
    assert TillService(ui_ctx.core).x_report().net == Money(0)
    assert "已作废" in dialog.model.data(dialog.model.index(0, 4))


def test_a_member_with_a_session_card_and_a_product_paid_partly_in_cash(
    qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    from salon_desk.members.card_rows import CardProductInput
    from salon_desk.members.card_service import CardService
    from salon_desk.members.rows import MemberInput
    from salon_desk.members.service import MemberService

    members, cards = MemberService(ui_ctx.core), CardService(ui_ctx.core)
    gold = members.save_tier(gui_owner, name="金卡", discount_bp=1000)
    m = members.create(gui_owner, MemberInput(name="张丽", phone="13812345678", tier_id=gold.id))
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
    card = cards.sell(
        gui_owner, member_id=m.id, product_id=pack.id, price=Money(198000), sale_ref="OLD-1"
    )

    ui_ctx.prompts.texts.append("13812345678")  # type: ignore[attr-defined]
    qtbot.mouseClick(tab.member_button, Qt.MouseButton.LeftButton)
    assert "张丽" in tab.panel.member.text()  # greeted by name
    qtbot.mouseClick(tab.picker.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.panel.table, "6901234567892")
    qtbot.keyClick(tab.panel.table, Qt.Key.Key_Return)
    tab.panel.table.selectRow(0)
    tab.line_action("card")
    assert tab.ticket.priced().total == Money(15120)  # ¥168 less the 10 % level

    dialog = PaymentDialog(ui_ctx, tab.ticket, tab)
    qtbot.addWidget(dialog)
    dialog.reference.setText("6222-0001")
    for key in "100":
        dialog.pad.press(key)
    qtbot.mouseClick(dialog.tender_buttons["bank_card"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.note_buttons[-1], Qt.MouseButton.LeftButton)  # a note
    assert dialog.pay_button.isEnabled()
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)  # the double tap
    assert dialog.sale is not None
    assert dialog.sale.change == dialog.tenders[-1].amount - Money(15120 - 10000)
    assert len(CheckoutService(ui_ctx.core).sales_of_day()) == 1
    assert cards.account(card.id).sessions_left == 9


def test_the_receipt_prints_as_soon_as_the_sale_is_paid(
    qtbot: QtBot, tab: RegisterTab, ui_ctx: UiContext
) -> None:
    """The worker would next look at the queue in ten minutes: only the wake-up after
    paying can make the receipt arrive."""
    from fake_printer import FakePrinter

    from salon_desk.pos.print_queue import PrintQueue
    from salon_desk.pos.printer import Timeouts
    from salon_desk.pos.printer_worker import PrintWorker

    worker = PrintWorker(ui_ctx.core, timeouts=Timeouts(connect=1.0, status=0.6, write=2.0))
    worker.poll_seconds = 600.0
    ui_ctx._services[PrintWorker] = worker  # what the main window builds at start
    with FakePrinter() as printer:
        ui_ctx.core.settings.set(ui_ctx.actor, "printer.address", printer.address)
        worker.start()
        qtbot.waitUntil(lambda: worker.running)
        qtbot.wait(200)  # the worker has looked at the empty queue and sleeps
        try:
            qtbot.mouseClick(tab.picker.buttons[0], Qt.MouseButton.LeftButton)
            dialog = PaymentDialog(ui_ctx, tab.ticket, tab)
            qtbot.addWidget(dialog)
            qtbot.mouseClick(dialog.note_buttons[0], Qt.MouseButton.LeftButton)  # exact
            qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
            assert dialog.sale is not None
            number = dialog.sale.number
            qtbot.waitUntil(lambda: number.encode() in printer.job_bytes(), timeout=10_000)
            qtbot.waitUntil(
                lambda: [j.status for j in PrintQueue(ui_ctx.core).jobs()] == ["done"],
                timeout=5_000,
            )
            assert "深层补水".encode("gbk") in printer.job_bytes()
        finally:
            worker.stop()
