"""Closing the day after the blind count: expected against counted per tender, over or
short with a note, the float kept for tomorrow, the takings for the safe, the handover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import _, error_text
from salon_desk.core.money import Money
from salon_desk.frontdesk.open_items import open_items
from salon_desk.pos.method_counts import COUNTED
from salon_desk.pos.rows import DayFigures, ZReportRow
from salon_desk.pos.rules import TENDERS
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.printing import wake_printer
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class CloseDialog(QDialog):
    def __init__(
        self, ctx: UiContext, counts: dict[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts = counts
        self.z: ZReportRow | None = None
        till = ctx.service(TillService)
        x = till.x_report()
        counted = Money(sum(d * n for d, n in counts.items()))
        diff = counted - x.expected_cash
        self.setWindowTitle(_("Close the day"))
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        form.addRow(_("Sales"), QLabel(str(x.sales), self))
        form.addRow(_("Takings"), QLabel(x.takings.format(), self))
        form.addRow(_("Refunds"), QLabel(x.refunded.format(), self))
        for kind in [*x.by_tender, *(k for k in x.card_payouts if k not in x.by_tender)]:
            amount = x.by_tender.get(kind, Money(0))
            if amount or kind in x.card_payouts:
                form.addRow(_(TENDERS.get(kind, kind)), QLabel(amount.format(), self))
            if kind in x.card_payouts:  # 退卡 paid back by WeChat, Alipay or bank card
                back = (-x.card_payouts[kind]).format()
                form.addRow("  " + _("Card refunds paid back"), QLabel(back, self))
        form.addRow(_("Opening float"), QLabel(x.opening_float.format(), self))
        if x.paid_in:
            form.addRow(_("Paid in"), QLabel(x.paid_in.format(), self))
        if x.paid_out:
            form.addRow(_("Paid out"), QLabel((-x.paid_out).format(), self))
        if x.card_refunds_paid:
            form.addRow(_("Card refunds paid out"), QLabel((-x.card_refunds_paid).format(), self))
        form.addRow(_("Cash expected"), QLabel(x.expected_cash.format(), self))
        form.addRow(_("Cash counted"), QLabel(counted.format(), self))
        self.diff = QLabel(diff.format(), self)
        self.diff.setProperty("role", "big" if not diff else "warn")
        form.addRow(_("Over / short"), self.diff)
        left.addLayout(form)
        left.addLayout(self._methods_grid(x))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("Why the drawer is out (required when it is)"))
        left.addWidget(self.note)
        self.handover = QPlainTextEdit(self)
        self.handover.setPlaceholderText(_("Handover for the next shift"))
        self.handover.setMaximumHeight(110)
        self.handover.setPlainText("\n".join(open_items(ctx.core).lines()))  # to edit
        left.addWidget(self.handover)
        self.message = QLabel("", self)
        self.message.setProperty("role", "warn")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("Float kept for tomorrow"), self))
        self.kept = QLineEdit(x.opening_float.plain(), self)
        self.kept.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.kept)
        self.pad = NumPad(self.kept, self, mode="money", signed=True)
        right.addWidget(self.pad, 1)
        self.kept.installEventFilter(self)
        row = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.ok = BigButton(_("Close the day"), self, role="primary")
        self.ok.clicked.connect(self.close_day)
        row.addWidget(cancel)
        row.addWidget(self.ok)
        right.addLayout(row)
        layout.addLayout(right, 2)

    def _methods_grid(self, x: DayFigures) -> QGridLayout:
        """Bank card, WeChat Pay, Alipay: the expected total, the total the counter reads
        off the terminal or statement (tap the field, type on the keypad, ± for a total
        below zero), the difference."""
        grid = QGridLayout()
        grid.addWidget(
            QLabel(_("Bank card, WeChat Pay and Alipay from their terminals"), self), 0, 0, 1, 4
        )
        for col, title in enumerate((_("Expected"), _("Counted by terminal"), _("Over / short"))):
            grid.addWidget(QLabel(title, self), 1, col + 1)
        self.method_edits: dict[str, QLineEdit] = {}
        self.method_diffs: dict[str, QLabel] = {}
        for row, method in enumerate(COUNTED, start=2):
            expected = x.expected_by(method)  # less the cards refunded by it
            grid.addWidget(QLabel(_(TENDERS[method]), self), row, 0)
            grid.addWidget(QLabel(expected.format(), self), row, 1)
            edit = QLineEdit(self)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMinimumHeight(TOUCH)
            edit.setPlaceholderText(_("Not counted"))
            edit.installEventFilter(self)
            diff = QLabel("", self)
            edit.textChanged.connect(lambda text, d=diff, e=expected: self._show_diff(d, text, e))
            grid.addWidget(edit, row, 2)
            grid.addWidget(diff, row, 3)
            self.method_edits[method] = edit
            self.method_diffs[method] = diff
        return grid

    def _show_diff(self, label: QLabel, text: str, expected: Money) -> None:
        try:
            counted = Money.parse(text, field="amount") if text.strip() else None
        except Invalid:
            counted = None
        diff = None if counted is None else counted - expected
        label.setText("" if diff is None else diff.format())
        label.setProperty("role", "warn" if diff else "")
        label.style().polish(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            # the keypad types into the field tapped last; a terminal's total may be below
            # zero (more cards paid back by it than it took), the cash kept may not
            negative = watched in self.method_edits.values()
            self.pad.set_target(watched, negative=negative)
        return super().eventFilter(watched, event)

    def counted_methods(self) -> dict[str, Money]:
        """The totals entered; a field left empty is not counted."""
        return {
            method: Money.parse(edit.text(), field=method)
            for method, edit in self.method_edits.items()
            if edit.text().strip()
        }

    def close_day(self) -> None:
        try:
            kept = Money.parse(self.kept.text() or "0", field="kept_float")
            methods = self.counted_methods()
        except Invalid as exc:
            self.message.setText(error_text(exc))
            return
        till = self.ctx.service(TillService)
        z = self.ctx.guard(
            self,
            till.close_day,
            self.counts,
            kept_float=kept,
            note=self.note.text(),
            handover=self.handover.toPlainText(),
            methods=methods,
        )
        if z is not None:
            self.z = z
            wake_printer(self.ctx)  # the Z slip was queued with the report
            self.ctx.hub.notify("till", "sales")
            self.accept()
