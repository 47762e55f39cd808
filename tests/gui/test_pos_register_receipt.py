"""The receipt on screen from the sales list: the lines the printer's bytes decode to, the
print state (waiting, failed with the reason), retry and a copy marked 重印."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from escpos_decode import decode
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.pos import print_queue
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.rows import SaleRow
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.register.receipt_dialog import ReceiptDialog
from salon_desk.ui.register.sales_dialog import SalesDialog


@pytest.fixture
def sale(ui_ctx: UiContext, gui_owner: Actor) -> SaleRow:
    core = ui_ctx.core
    stock_the_shop(core, gui_owner)
    TillService(core).open_day(gui_owner, {10000: 5})
    serum = next(p for p in PickerService(core).products() if p.name == "玻尿酸精华")
    t = Ticket()
    t.add("product", serum.id, serum.name, serum.price, seller_id=gui_owner.staff_id)
    return CheckoutService(core).pay(
        gui_owner, t, [Tender("cash", Money(20000))], str(uuid.uuid4())
    )


@pytest.fixture
def open_receipt(
    qtbot: QtBot, ui_ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], ReceiptDialog]]:
    """Open the selected sale's receipt from the sales list; the lists stay alive (the
    receipt dialog is their child) until the test ends."""
    kept: list[SalesDialog] = []

    def opener() -> ReceiptDialog:
        return _open(qtbot, ui_ctx, monkeypatch, kept)

    yield opener
    kept.clear()


def _open(
    qtbot: QtBot, ui_ctx: UiContext, monkeypatch: pytest.MonkeyPatch, kept: list[SalesDialog]
) -> ReceiptDialog:
    shown: list[ReceiptDialog] = []
    monkeypatch.setattr(ReceiptDialog, "exec", lambda self: shown.append(self) or 0)
    sales = SalesDialog(ui_ctx)
    qtbot.addWidget(sales)
    kept.append(sales)
    sales.table.selectRow(0)
    sales.receipt_button.click()
    assert len(shown) == 1
    return shown[0]


def test_the_receipt_on_screen_is_what_the_printer_gets(
    ui_ctx: UiContext,
    sale: SaleRow,
    prompts: ScriptedPrompts,
    open_receipt: Callable[[], ReceiptDialog],
) -> None:
    for paper in (58, 80):
        ui_ctx.core.settings.set(ui_ctx.actor, "printer.paper_mm", paper)
        dialog = open_receipt()
        sent = PrintQueue(ui_ctx.core).printer_bytes(ref=sale.number, reprint=False)
        shown = dialog.paper.toPlainText().splitlines()
        assert shown == decode(sent).lines  # read back by the receipt tests' strict decoder
        assert any(sale.number in ln for ln in shown)
        assert any("玻尿酸精华" in ln for ln in shown)
        assert any("￥200.00" in ln for ln in shown) and any("￥32.00" in ln for ln in shown)
        assert _("Waiting") in dialog.state.text()
        assert _("Opens the cash drawer") in dialog.state.text()
        assert not dialog.retry_button.isVisibleTo(dialog)
    dialog.reprint_button.click()
    with ui_ctx.core.db.read() as s:
        jobs = s.scalars(select(PrintJob).where(PrintJob.ref == sale.number)).all()
    assert len(jobs) == 2 and jobs[1].reprint_of == jobs[0].id and jobs[1].payload["reprint"]
    assert prompts.last is not None and "重印" in prompts.last


def test_a_failed_receipt_shows_why_and_can_be_tried_again(
    ui_ctx: UiContext,
    sale: SaleRow,
    open_receipt: Callable[[], ReceiptDialog],
) -> None:
    core = ui_ctx.core
    job_id = PrintQueue(core).find(ref=sale.number)
    with core.db.tx() as s:  # the print worker's own steps: take the job, fail it
        assert print_queue.claim(s, core.clock, job_id) is not None
        reason = Unavailable(N_("The printer does not answer."))
        print_queue.finish(s, core.clock, job_id, error=reason)
    dialog = open_receipt()
    assert _("Failed") in dialog.state.text()
    assert _("The printer does not answer.") in dialog.state.text()
    assert dialog.retry_button.isVisibleTo(dialog)
    dialog.retry_button.click()
    assert PrintQueue(core).job(job_id).status == "queued"
    assert _("Waiting") in dialog.state.text() and not dialog.retry_button.isVisibleTo(dialog)
