"""The printer indicator, the print jobs dialog and the customer display. A dead printer
never blocks the event loop: a QTimer probe measures the gaps while jobs fail."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fake_printer import FakePrinter, refused_address
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from salon_desk.core.context import Core
from salon_desk.pos.print_queue import PrintQueue, enqueue_in
from salon_desk.pos.printer import Timeouts
from salon_desk.pos.printer_worker import PrintWorker
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.customer_display import CustomerDisplay
from salon_desk.ui.widgets.print_status import PrintStatus
from salon_desk.ui.widgets.print_status_dialog import PrintJobsDialog

SALE = {
    "number": "20261128-0007",
    "lines": [
        {"name": "面部深层清洁护理", "qty": 1, "unit_fen": 29800, "amount_fen": 29800},
        {"name": "玫瑰精华水", "qty": 2, "unit_fen": 12800, "amount_fen": 25600},
    ],
    "total_fen": 55400,
    "payments": [{"tender": "cash", "amount_fen": 60000}],
    "cash_received_fen": 60000,
    "change_fen": 4600,
}


@pytest.fixture
def worker(ui_ctx: UiContext) -> Iterator[PrintWorker]:
    w = PrintWorker(
        ui_ctx.core,
        timeouts=Timeouts(connect=1.0, status=0.6, write=1.5),
        auto_retries=0,
        poll_seconds=0.3,
    )
    w.start()
    yield w
    w.stop()


def sell(core: Core, number: str) -> int:
    with core.db.tx() as s:
        payload = {**SALE, "number": number}
        return enqueue_in(s, core.clock, kind="receipt", ref=number, payload=payload)


def statuses(core: Core) -> list[str]:
    return [j.status for j in PrintQueue(core).jobs()]


class GapProbe:
    """Ticks every 20 ms on the event loop and remembers the longest gap between ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.last = time.monotonic()
        self.longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()


def test_a_dead_printer_never_blocks_the_event_loop(
    qtbot: QtBot, ui_ctx: UiContext, worker: PrintWorker
) -> None:
    core = ui_ctx.core
    with FakePrinter("silent") as silent:
        core.settings.set(ui_ctx.actor, "printer.address", silent.address)
        status = PrintStatus(ui_ctx, worker)
        qtbot.addWidget(status)
        status.show()
        probe = GapProbe()
        probe.start()
        for n in range(1, 4):
            worker.submit(sell(core, f"20261128-000{n}"))
        qtbot.waitUntil(lambda: statuses(core) == ["failed"] * 3, timeout=20_000)
        core.settings.set(ui_ctx.actor, "printer.address", refused_address())
        worker.submit(sell(core, "20261128-0004"))
        qtbot.waitUntil(lambda: statuses(core) == ["failed"] * 4, timeout=20_000)
        qtbot.waitUntil(lambda: status.failed == 4, timeout=5_000)
        probe.timer.stop()
    print(f"longest gap {probe.longest * 1000:.0f} ms over {probe.ticks} ticks")
    assert probe.ticks > 20
    assert probe.longest < 0.25, f"the event loop stalled for {probe.longest:.3f} s"
    assert "4" in status.text()


def test_the_jobs_dialog_retries_and_reprints(
    qtbot: QtBot, ui_ctx: UiContext, worker: PrintWorker
) -> None:
    core = ui_ctx.core
    core.settings.set(ui_ctx.actor, "printer.address", refused_address())
    job_id = sell(core, "20261128-0007")
    worker.submit(job_id)
    qtbot.waitUntil(lambda: statuses(core) == ["failed"], timeout=10_000)
    dialog = PrintJobsDialog(ui_ctx, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.retry_button.isEnabled()
    assert "拒绝连接" in dialog.message.text()
    assert "面部深层清洁护理" in dialog.preview.toPlainText()
    with FakePrinter() as printer:
        core.settings.set(ui_ctx.actor, "printer.address", printer.address)
        dialog.retry_button.click()
        qtbot.waitUntil(lambda: statuses(core) == ["done"], timeout=10_000)
        dialog.reprint_button.click()
        dialog.reprint_button.click()  # a double tap makes one reprint
        qtbot.waitUntil(lambda: statuses(core) == ["done", "done"], timeout=10_000)
        qtbot.waitUntil(lambda: "重印" in dialog.preview.toPlainText(), timeout=5_000)
        assert printer.job_bytes().count("重印".encode("gbk")) == 1
    assert not dialog.retry_button.isEnabled()


def test_the_customer_display_shows_the_ticket_and_the_change(
    qtbot: QtBot, ui_ctx: UiContext
) -> None:
    display = CustomerDisplay("美丽人生美容院")
    qtbot.addWidget(display)
    display.show_ticket(SALE)
    assert "面部深层清洁护理" in display.line_texts()
    assert display.total.text() == "¥554.00" and not display.change.isVisible()
    display.show()
    display.show_paid(SALE)
    assert display.received.text() == "¥600.00"
    assert display.change.text() == "¥46.00" and display.change.isVisible()
    assert "找零" in display.thanks.text() or "零钱" in display.thanks.text()
    display.show_welcome()
    assert display.line_texts() == [] and not display.total.isVisible()
    screen = QGuiApplication.primaryScreen()
    assert display.place([screen]) is False and not display.isVisible()
    assert display.place([screen, screen]) is True
    assert display.isFullScreen()
