"""A receipt on screen as the printer prints it (the printer's bytes read back), with its
print state: waiting, printed, or failed with the reason; try again, or print a copy
marked 重印."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.receipt_preview import ReceiptPreview, SlipPreview
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.printing import wake_printer
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.print_status_dialog import STATUS_LABELS, preview_font
from salon_desk.ui.widgets.touch import make_touch_scrollable


class ReceiptDialog(QDialog):
    def __init__(self, ctx: UiContext, slip: SlipPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip = slip
        self.setWindowTitle(_("Receipt {number}", number=slip.job.ref))
        layout = QVBoxLayout(self)
        self.state = QLabel("", self)
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.paper = QPlainTextEdit(self)
        self.paper.setReadOnly(True)
        self.paper.setFont(preview_font())
        self.paper.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        make_touch_scrollable(self.paper)
        layout.addWidget(self.paper, 1)
        row = QHBoxLayout()
        self.retry_button = BigButton(_("Retry"), self, role="primary")
        self.retry_button.clicked.connect(self.retry)
        self.reprint_button = BigButton(_("Reprint"), self)
        self.reprint_button.clicked.connect(self.reprint)
        close = BigButton(_("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(self.retry_button)
        row.addWidget(self.reprint_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.show_slip(slip)
        metrics = self.paper.fontMetrics()
        self.paper.setMinimumWidth(metrics.horizontalAdvance("0" * (slip.columns + 4)) + 24)
        self.resize(self.paper.minimumWidth() + 40, 640)

    def show_slip(self, slip: SlipPreview) -> None:
        self.slip = slip
        job = slip.job
        parts = [_(STATUS_LABELS.get(job.status, job.status))]
        if job.status == "failed" and job.error_message():
            parts.append(job.error_message())
        if slip.drawer:
            parts.append(_("Opens the cash drawer"))
        if slip.pictures:
            parts.append(_("Printed as pictures"))
        self.state.setText("  ·  ".join(parts))
        self.state.setProperty("role", "error" if job.status == "failed" else "muted")
        self.state.style().polish(self.state)
        self.paper.setPlainText(slip.text())
        self.retry_button.setVisible(job.status == "failed")

    def _reload(self) -> None:
        slip = self.ctx.attempt(self, self.ctx.service(ReceiptPreview).slip, self.slip.job.ref)
        if slip is not None:
            self.show_slip(slip)

    def retry(self) -> None:
        if self.ctx.guard(self, self.ctx.service(PrintQueue).retry, self.slip.job.id) is not None:
            wake_printer(self.ctx)
            self._reload()

    def reprint(self) -> None:
        done = self.ctx.guard(self, self.ctx.service(PrintQueue).reprint, self.slip.job.id)
        if done is not None:
            wake_printer(self.ctx)
            self.ctx.prompts.info(self, _("A copy marked 重印 is on its way to the printer."))

    @classmethod
    def show_for(cls, ctx: UiContext, ref: str, parent: QWidget | None = None) -> None:
        slip = ctx.attempt(parent, ctx.service(ReceiptPreview).slip, ref)
        if slip is not None:
            cls(ctx, slip, parent).exec()
