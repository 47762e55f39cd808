"""The display stock tab: the cabinet shelf by shelf, a tapped product and its movements,
receiving and filling the cabinet, write-offs behind a manager, new products from an
unknown barcode, and price labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.core.money import Money
from salon_desk.stock import demo
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService
from salon_desk.ui.context import UiContext
from salon_desk.ui.display.labels_dialog import LabelsDialog
from salon_desk.ui.display.product_dialog import ProductDialog
from salon_desk.ui.display.tab import DisplayTab

SERUM = "2008800000013"  # 娇韵诗 双萃焕活修护精华露: 4 on display, 6 in store


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext) -> DisplayTab:
    demo.seed(ui_ctx.core, ui_ctx.actor)
    widget = DisplayTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 690)
    widget.show()
    return widget


def _serum(tab: DisplayTab) -> int:
    found = tab.stock.by_barcode(SERUM)
    assert found is not None
    return found.id


def tap(qtbot: QtBot, tab: DisplayTab, product_id: int) -> None:
    """A finger on the product's tile, where the cabinet draws it."""
    rect = tab.cabinet.tile_rect(product_id)
    assert rect is not None
    qtbot.mouseClick(tab.cabinet.canvas, Qt.MouseButton.LeftButton, pos=rect.center())


def test_cabinet_and_reminder(qtbot: QtBot, tab: DisplayTab) -> None:
    products = tab.stock.list_products()
    assert set(tab.cabinet.shown_ids()) == {p.id for p in products}
    assert "前台筒灯灯泡" in tab.reminder.text()
    assert tab.low_button.text() == "库存不足（2）"
    qtbot.mouseClick(tab.low_button, Qt.MouseButton.LeftButton)
    low = {p.name_zh for p in products if p.id in tab.cabinet.shown_ids()}
    assert low == {"前台筒灯灯泡", "菁纯臻颜精萃乳霜"}
    first = tab.cabinet.tile_text(tab.cabinet.shown_ids()[0])
    assert first is not None and first.badge == "库存不足"


def test_tap_receive_and_fill_the_cabinet(qtbot: QtBot, tab: DisplayTab, prompts: object) -> None:
    serum = _serum(tab)
    tap(qtbot, tab, serum)
    assert tab.panel.product is not None and tab.panel.product.id == serum
    assert tab.panel.stock.text().startswith("陈列 4 · 后仓 6")
    assert tab.panel.model.rowCount() == 2
    tab.act("receive", qty=5)
    tab.act("to_display", qty=3)
    p = tab.stock.product(serum)
    assert (p.on_display, p.in_store) == (7, 8)
    assert tab.panel.model.row_at(0).reason == "to_display"
    text = tab.cabinet.tile_text(serum)
    assert text is not None and "陈列 7" in text.stock
    tab.act("to_display", qty=100)
    assert prompts.errors == ["后仓只有 8 件。"]  # type: ignore[attr-defined]
    assert tab.stock.product(serum).on_display == 7


def test_a_drag_scrolls_without_choosing_and_a_chosen_product_is_scrolled_into_view(
    qtbot: QtBot, tab: DisplayTab, ui_ctx: UiContext
) -> None:
    for n in range(40):  # a fuller cabinet than the demo's, so that it scrolls
        tab.stock.create_product(
            ui_ctx.actor,
            ProductFields(
                brand="薇诺娜", name_zh=f"舒缓面膜{n:02d}", price=Money(9900), cabinet="C", shelf=1
            ),
        )
    tab.reload()
    serum = _serum(tab)
    rect = tab.cabinet.tile_rect(serum)
    assert rect is not None
    qtbot.mousePress(tab.cabinet.canvas, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(
        tab.cabinet.canvas, Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(0, 60)
    )
    assert tab.panel.product is None
    last = tab.cabinet.shown_ids()[-1]
    assert tab.cabinet.verticalScrollBar().value() == 0
    tab.select(last)
    assert tab.cabinet.verticalScrollBar().value() > 0
    far = tab.cabinet.tile_rect(last)
    assert far is not None
    assert tab.cabinet.canvas.visibleRegion().boundingRect().contains(far)
    tap(qtbot, tab, last)
    assert tab.panel.product is not None and tab.panel.product.id == last
    assert tab.cabinet.tile_text(last) is not None


def test_a_sale_elsewhere_shows_when_the_cabinet_is_looked_at_again(
    qtbot: QtBot, tab: DisplayTab, ui_ctx: UiContext
) -> None:
    serum = _serum(tab)
    tab.hide()  # the counter is on another tab: the stock is read again when it comes back
    tab.stock.receive(ui_ctx.actor, serum, 5)
    ui_ctx.hub.notify("stock")
    before = tab.cabinet.tile_text(serum)
    assert before is not None and "后仓 6" in before.stock
    tab.show()
    after = tab.cabinet.tile_text(serum)
    assert after is not None and "后仓 11" in after.stock


def test_write_off_needs_a_manager(
    qtbot: QtBot, tab: DisplayTab, ui_ctx: UiContext, override: object
) -> None:
    owner = ui_ctx.actor
    row = ui_ctx.core.auth.create_staff(
        owner, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    serum = _serum(tab)
    tab.select(serum)
    override.answers.append(None)  # type: ignore[attr-defined]
    tab.act("damaged", qty=1)
    assert tab.stock.product(serum).on_display == 4
    override.answers.append(Grant(owner.staff_id, owner.name, Perm.STOCK_ADJUST))  # type: ignore[attr-defined]
    tab.act("damaged", qty=1)
    assert tab.stock.product(serum).on_display == 3
    assert override.asked == [Perm.STOCK_ADJUST, Perm.STOCK_ADJUST]  # type: ignore[attr-defined]


def test_scan_selects_and_unknown_offers_new(
    qtbot: QtBot, tab: DisplayTab, prompts: object
) -> None:
    qtbot.keyClicks(tab.search.edit, SERUM)
    qtbot.keyClick(tab.search.edit, Qt.Key.Key_Return)
    assert tab.selected == _serum(tab)
    prompts.confirms.append(False)  # type: ignore[attr-defined]
    tab.scanned("6901234567892")
    assert "6901234567892" in prompts.shown[-1][1]  # type: ignore[attr-defined]


def test_new_product_dialog(qtbot: QtBot, tab: DisplayTab, ui_ctx: UiContext) -> None:
    before = len(tab.stock.list_products())
    dialog = ProductDialog(tab, ui_ctx, barcode="6901234567892")
    qtbot.addWidget(dialog)
    assert dialog.barcode.text() == "6901234567892"
    dialog.brand.setText("薇诺娜")
    dialog.name_zh.setText("舒缓修护面膜")
    dialog.price.set_text("-5")
    dialog.save()
    assert dialog.message.text() == "价格不能小于零。"
    dialog.price.set_text("12.345")
    dialog.save()
    assert "不是有效的金额" in dialog.message.text()
    assert len(tab.stock.list_products()) == before
    dialog.price.set_text("168")
    dialog.member_price.set_text("150")
    dialog.cabinet.setText("B")
    dialog.shelf.set_text("3")
    dialog.save()
    assert dialog.result_row is not None
    assert (dialog.result_row.price, dialog.result_row.member_price) == (Money(16800), Money(15000))
    assert dialog.result_row.id in tab.cabinet.shown_ids()  # the tab redrew on the hub signal


def test_price_labels(qtbot: QtBot, tab: DisplayTab, ui_ctx: UiContext, tmp_path: Path) -> None:
    serum = _serum(tab)
    dialog = LabelsDialog(tab, ui_ctx, tab.stock.list_products(), {serum})
    qtbot.addWidget(dialog)
    dialog.open_file = False
    assert dialog.chosen_ids() == [serum]
    dialog.layout_buttons["roll-40x30"].click()
    dialog.copies.set_text("2")
    out = tmp_path / "labels.pdf"
    result = dialog.write(out)
    assert result is not None and (result.labels, result.pages) == (2, 2)
    text = PdfReader(out).pages[0].extract_text()
    assert "双萃焕活修护精华露" in text and "￥880.00" in text
    dialog.list.itemClicked.emit(dialog.list.item(0))
    dialog._check_all(False)
    assert dialog.write(tmp_path / "none.pdf") is None
    assert dialog.message.text() == "请至少选择一个产品打印标签。"
    assert isinstance(tab.stock, StockService)
