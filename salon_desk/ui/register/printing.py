"""Waking this counter's print worker once a sale, refund or Z report has committed, so
its slip prints at once instead of at the worker's next look at the queue."""

from __future__ import annotations

from salon_desk.pos.printer_worker import PrintWorker
from salon_desk.ui.context import UiContext


def wake_printer(ctx: UiContext) -> None:
    """The worker is started by the main window; where none runs (a tab on its own), the
    job stays queued for the next start."""
    worker = ctx.built(PrintWorker)
    if worker is not None:
        worker.submit()
