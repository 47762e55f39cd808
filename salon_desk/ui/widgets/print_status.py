"""The printer indicator for the top bar or the register: one finger-sized button that
says how the receipt printer is and how many slips failed; tapping it opens the print
jobs (retry, reprint, preview, test page).

The print worker runs on its own thread; its events reach this widget through a Qt
signal (queued across threads), so nothing here ever waits for the printer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from salon_desk.core.i18n import _
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.printer import STATE_LABELS, PrinterState
from salon_desk.pos.printer_worker import PrintEvent, PrintWorker
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import DANGER, OK, WARN
from salon_desk.ui.widgets.big_button import BigButton

COLOURS = {
    PrinterState.READY: OK,
    PrinterState.PAPER_LOW: WARN,
    PrinterState.UNKNOWN: "#5f5b66",
    PrinterState.NOT_SET: "#5f5b66",
}


class PrintEvents(QObject):
    """Carries worker events to the UI thread."""

    happened = Signal(object)

    def __init__(self, worker: PrintWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        worker.subscribe(self._forward)

    def _forward(self, event: PrintEvent) -> None:  # on the worker thread
        self.happened.emit(event)

    def detach(self) -> None:
        self.worker.unsubscribe(self._forward)


class PrintStatus(BigButton):
    def __init__(self, ctx: UiContext, worker: PrintWorker, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.ctx = ctx
        self.worker = worker
        self.queue = ctx.service(PrintQueue)
        self.state = self.worker.state
        self.failed = 0
        self.events = PrintEvents(self.worker, self)
        self.events.happened.connect(self._on_event)
        self.destroyed.connect(self.events.detach)
        self.clicked.connect(self.open_jobs)
        self.refresh()

    def _on_event(self, event: PrintEvent) -> None:
        self.state = event.state
        if event.status in ("done", "failed", "queued", ""):
            self.refresh()
            self.ctx.hub.notify("printing")

    def refresh(self) -> None:
        self.failed = self.queue.counts()["failed"]
        state = self.state
        if str(self.ctx.core.settings.get("printer.address")) == "none":
            state = PrinterState.NOT_SET
        text = _(STATE_LABELS[state])
        if self.failed:
            text = _("{n} slips not printed", n=self.failed)
        colour = DANGER if self.failed else COLOURS.get(state, DANGER)
        self.setText("● " + text)
        self.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.setToolTip(_(STATE_LABELS[state]))

    def open_jobs(self) -> None:
        from salon_desk.ui.widgets.print_status_dialog import PrintJobsDialog

        PrintJobsDialog(self.ctx, self.worker, self).exec()
        self.refresh()
