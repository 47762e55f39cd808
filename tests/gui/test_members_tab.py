"""The Members tab: find a member by pinyin initials, see their cards and a card's ledger,
freeze a card with a manager's PIN, record a slimming visit and see it on the chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.member_dialog import MemberDialog
from salon_desk.ui.members.members_tab import MembersTab
from salon_desk.ui.members.record_dialog import RecordDialog
from salon_desk.ui.style import PRIMARY


def make_members(ctx: UiContext) -> list[int]:
    svc = ctx.service(MemberService)
    return [
        svc.create(ctx.actor, MemberInput(name=name, phone=phone, gender="F")).id
        for name, phone in (
            ("张三", "13812345678"),
            ("李四", "13912345678"),
            ("赵小", "13500000000"),
        )
    ]


def test_find_a_member_by_pinyin_initials(qtbot: object, ui_ctx: UiContext) -> None:
    make_members(ui_ctx)
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)  # type: ignore[attr-defined]
    tab.search_box.set_text("zs")
    assert [r.name for r in tab.model.rows()] == ["张三"]
    assert "张三" in tab.panel.greeting.text()  # picked at once: the only match
    tab.search_box.set_text("5678")
    assert [r.name for r in tab.model.rows()] == ["张三", "李四"]
    assert tab.model.data(tab.model.index(0, 1)) == "138****5678"
    tab.search_box.set_text("qqq")
    assert tab.model.rows() == [] and "qqq" in tab.hint.text()


def test_cards_and_their_ledger_and_a_freeze_by_a_manager(
    qtbot: object, ui_ctx: UiContext, override: object
) -> None:
    ids = make_members(ui_ctx)
    core = ui_ctx.core
    with core.db.tx() as s:
        item = ServiceItem(
            code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
        )
        s.add(item)
        s.flush()
        facial = item.id
    cards = ui_ctx.service(CardService)
    product = cards.save_product(
        ui_ctx.actor,
        CardProductInput(
            code="P10",
            name="清洁10次卡",
            kind="sessions",
            category="pack",
            price=Money(150000),
            sessions=10,
            valid_days=365,
            service_ids=(facial,),
        ),
    )
    card = cards.sell(
        ui_ctx.actor, member_id=ids[0], product_id=product.id, price=Money(150000), sale_ref="S1"
    )
    cards.use_sessions(
        ui_ctx.actor, account_id=card.id, service_id=facial, sessions=1, sale_ref="S2"
    )
    counter_row = core.auth.create_staff(
        ui_ctx.actor, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    manager = ui_ctx.actor
    ui_ctx.sign_in(Actor(counter_row.id, counter_row.number, counter_row.name, counter_row.role))
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)  # type: ignore[attr-defined]
    tab.search_box.set_text("zs")
    page = tab.panel.cards
    assert [a.number for a in page.accounts.rows()] == [card.number]
    assert page.accounts.data(page.accounts.index(0, 2)) == "剩 9 次"
    page.select_card(card.number)
    assert [e.kind for e in page.ledger.rows()] == ["sale", "use"]
    assert page.ledger.data(page.ledger.index(1, 1)) == "使用"
    # a counter freezes the card: the manager types a PIN
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.CARD_ADJUST))  # type: ignore[attr-defined]
    ui_ctx.prompts.texts.append("出差两周")  # type: ignore[attr-defined]
    page.freeze()
    assert override.asked == [Perm.CARD_ADJUST]  # type: ignore[attr-defined]
    assert cards.account(card.id).frozen
    page.select_card(card.number)
    assert page.unfreeze_button.isEnabled() and not page.freeze_button.isEnabled()


def test_a_phone_on_file_opens_the_existing_member(qtbot: object, ui_ctx: UiContext) -> None:
    ids = make_members(ui_ctx)
    dialog = MemberDialog(None, ui_ctx, None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.name.setText("张三三")
    dialog.phone.setText("138 1234 5678")
    ui_ctx.prompts.confirms.append(True)  # type: ignore[attr-defined]
    dialog.save()
    assert dialog.result_value == ids[0]
    dialog = MemberDialog(None, ui_ctx, None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.name.setText("王五")
    dialog.phone.setText("1381234")
    dialog.save()
    assert dialog.result_value is None and "11" in dialog.message.text()


def primary_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    target = QColor(PRIMARY).rgb()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) == target
    )


def test_record_a_slimming_visit_and_see_the_chart(qtbot: object, ui_ctx: UiContext) -> None:
    ids = make_members(ui_ctx)
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)  # type: ignore[attr-defined]
    tab.resize(1366, 700)
    tab.search_box.set_text("zs")
    page = tab.panel.records
    tab.panel.tabs.setCurrentWidget(page)  # a page is read when its tab is tapped
    dialog = RecordDialog(tab, ui_ctx, ids[0], "slimming")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    for key in "65.5":
        dialog.pad.press(key)  # the keypad types into the first field: weight
    dialog.fields["waist"].setText("78")
    dialog.save()
    assert dialog.saved is not None and str(dialog.saved.values["weight"]) == "65.5"
    ui_ctx.core.clock.advance(days=7)  # type: ignore[attr-defined]
    again = RecordDialog(tab, ui_ctx, ids[0], "slimming")
    qtbot.addWidget(again)  # type: ignore[attr-defined]
    again.fields["weight"].setText("64.1")
    again.save()
    page.refresh()
    assert [r.day for r in page.model.rows()] == [date(2026, 11, 28), date(2026, 12, 5)]
    assert page.model.data(page.model.index(1, 1)) == "64.1"
    tab.panel.tabs.setCurrentWidget(page)
    tab.show()
    qtbot.waitExposed(tab)  # type: ignore[attr-defined]
    spots = page.chart.plot_positions()
    assert len(spots) == 2 and spots[0].y() < spots[1].y()  # the weight went down
    drawn = primary_pixels(page.chart)
    assert drawn > 100  # the line and its points are on the picture
    page.set_kind("bust")
    assert page.chart.points == [] and primary_pixels(page.chart) == 0
    page.set_kind("slimming")
    for _ in range(100):  # repaints do not wear the process down
        page.chart.grab()
    page.set_measure("waist")
    assert len(page.chart.points) == 1


def test_a_beautician_adds_a_member_with_a_managers_pin(
    qtbot: object, ui_ctx: UiContext, override: object
) -> None:
    manager = ui_ctx.actor
    row = ui_ctx.core.auth.create_staff(
        manager, name="小美", number="3", pin="1234", role=Role.BEAUTICIAN
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    override.answers.append(None)  # type: ignore[attr-defined]
    assert MemberDialog.ask(None, ui_ctx, None) is None  # no PIN: the card does not open
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.MEMBER_EDIT))  # type: ignore[attr-defined]

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MemberDialog)
        dialog.name.setText("周洁")
        dialog.phone.setText("13800000006")
        dialog.save()

    QTimer.singleShot(0, fill)
    added = MemberDialog.ask(None, ui_ctx, None)
    assert isinstance(added, MemberRow) and added.name == "周洁"
    assert override.asked == [Perm.MEMBER_EDIT, Perm.MEMBER_EDIT]  # type: ignore[attr-defined]
    # Counter staff add members at the counter without asking anyone.
    counter = ui_ctx.core.auth.create_staff(
        manager, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(counter.id, counter.number, counter.name, counter.role))
    dialog = MemberDialog(None, ui_ctx, None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.name.setText("钱红")
    dialog.phone.setText("13800000004")
    dialog.save()
    assert isinstance(dialog.result_value, MemberRow) and len(override.asked) == 2  # type: ignore[attr-defined]
