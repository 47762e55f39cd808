"""The print jobs of this counter: what printed, what failed and why; retry a failed
slip, reprint any (marked 重印), see it on screen, print a test page."""

from __future__ import annotations

import time

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.pos.print_queue import PrintJobRow, PrintQueue
from salon_desk.pos.printer_worker import PrintEvent, PrintWorker
from salon_desk.pos.receipt_preview import ReceiptPreview
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.print_status import PrintEvents
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

KIND_LABELS = {
    "receipt": N_("Receipt"),
    "card_refund": N_("Card refund"),
    "z_report": N_("Z report"),
    "test_page": N_("Test page"),
}
STATUS_LABELS = {
    "queued": N_("Waiting"),
    "printing": N_("Printing"),
    "done": N_("Printed"),
    "failed": N_("Failed"),
}
STATUS_COLOURS = {"failed": "#b3261e", "queued": "#b26a00", "printing": "#b26a00"}
DOUBLE_TAP_SECONDS = 1.0


#: Monospace fonts whose CJK characters are exactly two Latin columns wide, as on paper.
MONO_CJK = ("Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", "NSimSun", "SimSun")


def preview_font() -> QFont:
    installed = set(QFontDatabase.families())
    family = next((f for f in MONO_CJK if f in installed), None)
    font = QFont(family) if family else QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPointSize(11)
    return font


def _kind(row: PrintJobRow) -> str:
    text = _(KIND_LABELS.get(row.kind, row.kind))
    return f"{text} ({_('REPRINT')})" if row.is_reprint else text


class PrintJobsDialog(QDialog):
    def __init__(self, ctx: UiContext, worker: PrintWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker = worker
        self.queue = ctx.service(PrintQueue)
        self._last_tap: dict[str, float] = {}
        self.setWindowTitle(_("Print jobs"))
        self.resize(1200, 680)
        self.model = RowsModel(
            [
                Column(N_("Time"), lambda r: r.created_at),
                Column(N_("Slip"), _kind),
                Column(N_("Number"), lambda r: r.ref),
                Column(
                    N_("Status"),
                    lambda r: _(STATUS_LABELS.get(r.status, r.status)),
                    colour=lambda r: STATUS_COLOURS.get(r.status),
                ),
                Column(N_("Tries"), lambda r: r.attempts, align="right"),
                Column(N_("Message"), lambda r: r.error_message()),
            ],
            tz=ctx.core.settings.tz(),
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 170)
        self.table.setColumnWidth(3, 90)
        self.table.setColumnWidth(4, 60)
        self.table.selectionModel().currentRowChanged.connect(self._show_preview)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setFont(preview_font())
        self.preview.setMinimumWidth(380)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.retry_button = BigButton(_("Retry"), self, role="primary")
        self.reprint_button = BigButton(_("Reprint"), self)
        self.test_button = BigButton(_("Test page"), self)
        self.check_button = BigButton(_("Check printer"), self)
        close = BigButton(_("Close"), self)
        self.retry_button.clicked.connect(self.retry)
        self.reprint_button.clicked.connect(self.reprint)
        self.test_button.clicked.connect(self.test_page)
        self.check_button.clicked.connect(self.worker.probe)
        close.clicked.connect(self.accept)

        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.preview, 2)
        buttons = QHBoxLayout()
        for b in (self.retry_button, self.reprint_button, self.test_button, self.check_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.events = PrintEvents(worker, self)
        self.events.happened.connect(self._on_event)
        self.finished.connect(self.events.detach)
        self.refresh()

    # --- data ------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        current = self.selected()
        keep = select_id if select_id is not None else (current.id if current else None)
        rows = self.queue.jobs(limit=200)
        self.model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        self._update_buttons()

    def selected(self) -> PrintJobRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: PrintJobRow = self.model.row_at(index.row())
        return row

    def _on_event(self, event: PrintEvent) -> None:
        self.refresh()

    def _update_buttons(self) -> None:
        row = self.selected()
        self.retry_button.setEnabled(row is not None and row.status == "failed")
        self.reprint_button.setEnabled(row is not None)
        self.message.setText(row.error_message() if row else "")

    def _show_preview(self) -> None:
        row = self.selected()
        self._update_buttons()
        if row is None:
            self.preview.setPlainText("")
            return
        try:  # the printer's bytes read back: what the paper shows
            slip = self.ctx.service(ReceiptPreview).job(row.id)
        except SalonError as exc:
            self.preview.setPlainText(error_text(exc))
            return
        self.preview.setPlainText(slip.text())

    # --- actions ---------------------------------------------------------------------------
    def _double_tap(self, name: str) -> bool:
        now = time.monotonic()
        if now - self._last_tap.get(name, -10.0) < DOUBLE_TAP_SECONDS:
            return True
        self._last_tap[name] = now
        return False

    def retry(self) -> None:
        row = self.selected()
        if row is None or self._double_tap("retry"):
            return
        done = self.ctx.guard(self, self.queue.retry, row.id)
        if done is not None:
            self.worker.submit(done.id)
            self.refresh(done.id)

    def reprint(self) -> None:
        row = self.selected()
        if row is None or self._double_tap("reprint"):
            return
        new = self.ctx.guard(self, self.queue.reprint, row.id)
        if new is not None:
            self.worker.submit(new.id)
            self.refresh(new.id)

    def test_page(self) -> None:
        if self._double_tap("test"):
            return
        new = self.ctx.guard(self, self.queue.test_page)
        if new is not None:
            self.worker.submit(new.id)
            self.refresh(new.id)
