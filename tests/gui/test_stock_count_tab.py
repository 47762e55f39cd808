"""The stock count tab as the counter uses it: scan and step through the cabinet, see the
differences, give reasons, post; a manager approves a large difference; a count carries
on after the app restarts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.core.money import Money
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService
from salon_desk.ui.context import UiContext
from salon_desk.ui.stockcount.tab import StockCountTab

SERUM = "2008800000013"
CREAM = "2008800000020"


@pytest.fixture
def cabinet(ui_ctx: UiContext) -> StockService:
    stock = ui_ctx.service(StockService)
    owner = ui_ctx.actor
    for n, (code, name, qty) in enumerate(((SERUM, "双萃精华露", 3), (CREAM, "紧致日霜", 2)), 1):
        p = stock.create_product(
            owner,
            ProductFields(
                brand="娇韵诗",
                name_zh=name,
                barcode=code,
                price=Money(50000),
                cost=Money(20000),
                cabinet="A",
                shelf=1,
                position=n,
            ),
        )
        stock.receive(owner, p.id, qty, location="display")
    return stock


def _tab(qtbot: QtBot, ctx: UiContext) -> StockCountTab:
    tab = StockCountTab(ctx)
    qtbot.addWidget(tab)
    tab.count_page.open_files = False
    tab.start_page.open_files = False
    tab.resize(1366, 690)
    tab.show()
    return tab


def _scan(qtbot: QtBot, tab: StockCountTab, code: str) -> None:
    edit = tab.count_page.scan_edit
    qtbot.keyClicks(edit, code)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_count_the_cabinet_and_post(
    qtbot: QtBot, ui_ctx: UiContext, cabinet: StockService, prompts: object
) -> None:
    tab = _tab(qtbot, ui_ctx)
    qtbot.mouseClick(tab.start_page.scope_buttons["display"], Qt.MouseButton.LeftButton)
    page = tab.count_page
    assert tab.stack.currentWidget() is page
    assert page.table.isColumnHidden(6)  # the book quantity is hidden while counting
    for _ in range(3):
        _scan(qtbot, tab, SERUM)
    rows = page.model.rows()
    assert [r.counted for r in rows] == [3, None]
    assert all(r.expected is None for r in rows)
    page.select(1)
    qtbot.mouseClick(page.panel.plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.panel.plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.panel.minus, Qt.MouseButton.LeftButton)
    assert [r.counted for r in page.model.rows()] == [3, 1]
    assert "2" in page.progress.text()
    qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert not page.table.isColumnHidden(6)
    cream = page.model.rows()[1]
    assert (cream.expected, cream.variance, cream.variance_value) == (2, -1, Money(-20000))
    assert page.panel.line is not None and page.panel.line.id == cream.id  # first difference
    assert page.panel.reasons.isVisible()
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert prompts.errors and "原因" in prompts.errors[-1]  # type: ignore[attr-defined]
    qtbot.mouseClick(page.panel.reason_buttons["lost"], Qt.MouseButton.LeftButton)
    assert page.model.rows()[1].reason == "lost"
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is tab.start_page
    history = tab.start_page.model.rows()
    assert [c.status for c in history] == ["posted"]
    assert [cabinet.by_barcode(c).on_display for c in (SERUM, CREAM)] == [3, 1]  # type: ignore[union-attr]
    # Look the posted count up again: read only, with the book quantities.
    tab.start_page.table.selectRow(0)
    qtbot.mouseClick(tab.start_page.open_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is page and page.readonly
    assert [r.expected for r in page.model.rows()] == [3, 2]
    assert not page.panel.isEnabled() and not page.scan_edit.isEnabled()
    assert page.back_button.isVisible() and not page.cancel_button.isVisible()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is tab.start_page


def test_keypad_and_bad_input(qtbot: QtBot, ui_ctx: UiContext, cabinet: StockService) -> None:
    tab = _tab(qtbot, ui_ctx)
    tab.start_page.start("display")
    page = tab.count_page
    assert page.panel.line is not None and page.panel.line.name_zh == "双萃精华露"
    for key in ("1", "2"):
        qtbot.mouseClick(page.panel.pad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.panel.pad.buttons["enter"], Qt.MouseButton.LeftButton)
    assert page.model.rows()[0].counted == 12
    assert page.panel.line.name_zh == "紧致日霜"  # moved on to the next line
    page.panel.edit.setText("-3")
    page.panel.submit()
    assert page.panel.message.text() == "盘点数量不能为负数。"
    page.panel.edit.setText("1.5")
    page.panel.submit()
    assert page.panel.message.text() == "请输入整数件数。"
    assert page.model.rows()[1].counted is None
    counts = ui_ctx.service(StockCountService)
    assert counts.lines(page.count.id)[1].counted is None  # type: ignore[union-attr]


def test_unknown_barcode_offers_a_new_product(
    qtbot: QtBot, ui_ctx: UiContext, cabinet: StockService, prompts: object
) -> None:
    tab = _tab(qtbot, ui_ctx)
    tab.start_page.start("display")
    prompts.confirms.append(False)  # type: ignore[attr-defined]
    _scan(qtbot, tab, "6901234567892")
    assert "6901234567892" in prompts.shown[-1][1]  # type: ignore[attr-defined]
    assert [r.counted for r in tab.count_page.model.rows()] == [None, None]


def test_manager_approves_a_large_difference(
    qtbot: QtBot, ui_ctx: UiContext, cabinet: StockService, override: object, prompts: object
) -> None:
    owner = ui_ctx.actor
    row = ui_ctx.core.auth.create_staff(
        owner, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    tab = _tab(qtbot, ui_ctx)
    tab.start_page.start("display")
    page = tab.count_page
    prompts.confirms.append(True)  # type: ignore[attr-defined]  # count the rest as 0
    page.finish()
    for i in range(2):
        page.select(i)
        page.panel.reason_buttons["lost"].click()
    override.answers.append(None)  # type: ignore[attr-defined]  # the manager walks away
    page.post()
    assert page.count is not None and page.count.status == "review"
    override.answers.append(Grant(owner.staff_id, owner.name, Perm.STOCK_COUNT_APPROVE))  # type: ignore[attr-defined]
    page.post()
    assert override.asked == [Perm.STOCK_COUNT_APPROVE] * 2  # type: ignore[attr-defined]
    assert tab.start_page.model.rows()[0].approved_by == "王店长"


def test_a_count_carries_on_after_a_restart(
    qtbot: QtBot, ui_ctx: UiContext, cabinet: StockService
) -> None:
    first = _tab(qtbot, ui_ctx)
    first.start_page.start("display")
    _scan(qtbot, first, CREAM)
    first.close()
    again = _tab(qtbot, UiContext(ui_ctx.core, prompts=ui_ctx.prompts))
    assert again.stack.currentWidget() is again.count_page
    assert [r.counted for r in again.count_page.model.rows()] == [None, 1]
