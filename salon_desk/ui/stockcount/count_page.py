"""A count in progress: the sheet line by line, a scanner field that is always ready,
the selected line's steppers and keypad, then the differences, reasons and posting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from salon_desk.core.errors import NotFound, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.money import Money
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.count_sheet import location_text
from salon_desk.stock.rows import CountLineRow, CountRow
from salon_desk.stock.rules import COUNT_STATUSES, SCOPES, VARIANCE_REASONS
from salon_desk.ui.context import UiContext
from salon_desk.ui.stockcount.line_panel import LinePanel
from salon_desk.ui.stockcount.sheet_print import write_sheet
from salon_desk.ui.style import DANGER, WARN
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

REVIEW_COLUMNS = (6, 7, 8, 9)


def _colour(line: CountLineRow) -> str | None:
    if line.variance:
        return DANGER
    return WARN if line.flagged else None


class CountPage(QWidget):
    closed = Signal()  # posted or cancelled: back to the start page

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts = ctx.service(StockCountService)
        self.count: CountRow | None = None
        self.open_files = True  # open written PDFs in the viewer (tests turn it off)
        self.model = RowsModel(
            [
                Column(N_("No."), lambda r: self.model.rows().index(r) + 1, align="right"),
                Column(N_("Brand"), lambda r: r.brand),
                Column(
                    N_("Product"), lambda r: ("⚠ " if r.flagged else "") + r.name_zh, colour=_colour
                ),
                Column(N_("Specification"), lambda r: r.spec),
                Column(N_("Location"), location_text),
                Column(N_("Counted"), lambda r: r.counted, align="right"),
                Column(N_("Books"), lambda r: r.expected, align="right"),
                Column(
                    N_("Difference"), lambda r: _signed(r.variance), align="right", colour=_colour
                ),
                Column(N_("Value"), lambda r: r.variance_value or None),
                Column(N_("Reason"), lambda r: _(VARIANCE_REASONS[r.reason]) if r.reason else ""),
            ]
        )
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        head = QHBoxLayout()
        self.title = QLabel("", self)
        self.title.setProperty("role", "title")
        self.progress = QLabel("", self)
        head.addWidget(self.title, 1)
        head.addWidget(self.progress)
        left.addLayout(head)
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setPlaceholderText(_("Scan a barcode (or type it and press Enter)"))
        self.scan_edit.returnPressed.connect(self._scanned)
        left.addWidget(self.scan_edit)
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self._tapped)
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.print_button = BigButton(_("Print count sheet"), self)
        self.cancel_button = BigButton(_("Cancel count"), self, role="danger")
        self.finish_button = BigButton(_("Finish counting"), self, role="primary")
        self.post_button = BigButton(_("Post the count"), self, role="primary")
        self.back_button = BigButton(_("Back to the list"), self, role="primary")
        buttons_all = (
            self.print_button,
            self.cancel_button,
            self.finish_button,
            self.post_button,
            self.back_button,
        )
        for b in buttons_all:
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.back_button)
        left.addLayout(buttons)
        outer.addLayout(left, 3)
        self.panel = LinePanel(self)
        outer.addWidget(self.panel, 2)
        self.panel.stepped.connect(self._step)
        self.panel.counted.connect(self._counted)
        self.panel.reason_chosen.connect(self._reason)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.cancel_button.clicked.connect(self.cancel)
        self.finish_button.clicked.connect(self.finish)
        self.post_button.clicked.connect(self.post)
        self.back_button.clicked.connect(self.closed.emit)

    # --- showing -----------------------------------------------------------------------
    @property
    def review(self) -> bool:
        return self.count is not None and self.count.status == "review"

    @property
    def readonly(self) -> bool:
        """A posted or cancelled count is looked up, not changed."""
        return self.count is not None and self.count.status in ("posted", "cancelled")

    def load(self, count: CountRow) -> None:
        self.count = count
        self.model.set_rows(self.counts.lines(count.id))
        self._refresh_head()
        status = count.status
        for col in REVIEW_COLUMNS:
            self.table.setColumnHidden(col, status == "counting")
        self.table.resizeColumnsToContents()
        self.finish_button.setVisible(status == "counting")
        self.post_button.setVisible(status == "review")
        self.cancel_button.setVisible(not self.readonly)
        self.back_button.setVisible(self.readonly)
        self.scan_edit.setEnabled(not self.readonly)
        self.panel.setEnabled(not self.readonly)
        first = next((i for i, r in enumerate(self.model.rows()) if r.variance), None)
        self.select(first if self.review else self._next_uncounted(-1))
        self.scan_edit.setFocus()

    def _refresh_head(self) -> None:
        if self.count is None:
            return
        c = self.count
        self.title.setText(
            _("Count {number}", number=c.number)
            + f" · {_(SCOPES[c.scope])} · {_(COUNT_STATUSES[c.status])}"
        )
        rows = self.model.rows()
        done = sum(1 for r in rows if r.counted is not None)
        text = _("Counted {done} of {total}", done=done, total=len(rows))
        if self.review:
            diffs = [r for r in rows if r.variance]
            total = sum((r.variance_value.fen for r in diffs if r.variance_value), 0)
            text += "  " + _("{n} differences, {value}", n=len(diffs), value=Money(total).format())
        self.progress.setText(text)

    def select(self, row: int | None) -> None:
        if row is None or not 0 <= row < self.model.rowCount():
            self.table.clearSelection()
            self.panel.show_line(None, review=self.review)
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.panel.show_line(self.model.row_at(row), review=self.review)

    def current_row(self) -> int | None:
        line = self.panel.line
        if line is None:
            return None
        for i, r in enumerate(self.model.rows()):
            if r.id == line.id:
                return i
        return None

    def _next_uncounted(self, after: int) -> int | None:
        rows = self.model.rows()
        for i in list(range(after + 1, len(rows))) + list(range(0, after + 1)):
            if rows[i].counted is None:
                return i
        return None

    def _tapped(self, index: QModelIndex) -> None:
        self.select(index.row())
        self.scan_edit.setFocus()

    def _put(self, line: CountLineRow) -> int:
        for i, r in enumerate(self.model.rows()):
            if r.id == line.id:
                self.model.replace_row(i, line)
                break
        else:
            self.model.set_rows([*self.model.rows(), line])
            i = self.model.rowCount() - 1
        self._refresh_head()
        return i

    # --- counting ----------------------------------------------------------------------
    def _step(self, delta: int) -> None:
        line = self.panel.line
        if line is None or self.count is None:
            return
        row = self.ctx.guard(self, self.counts.step, self.count.id, line.id, delta)
        if row is not None:
            self.select(self._put(row))
        self.scan_edit.setFocus()

    def _counted(self, qty: int) -> None:
        line = self.panel.line
        if line is None or self.count is None:
            return
        row = self.ctx.guard(self, self.counts.set_counted, self.count.id, line.id, qty)
        if row is not None:
            at = self._put(row)
            nxt = at if self.review else self._next_uncounted(at)
            self.select(at if nxt is None else nxt)
        self.scan_edit.setFocus()

    def _scanned(self) -> None:
        code = self.scan_edit.text().strip()
        self.scan_edit.clear()
        if code:
            self.scan(code)

    def scan(self, code: str) -> None:
        if self.count is None:
            return
        try:
            row = self.counts.scan(self.ctx.actor, self.count.id, code)
        except NotFound as exc:
            if exc.field == "barcode" and self.ctx.confirm(
                self, _("Unknown barcode {barcode}. Add it as a new product?", barcode=code)
            ):
                self.create_product(code)
            elif exc.field != "barcode":
                self.ctx.error(self, error_text(exc))
            return
        except SalonError as exc:
            self.ctx.error(self, error_text(exc))
            return
        self.select(self._put(row))
        self.scan_edit.setFocus()

    def create_product(self, barcode: str) -> None:
        from salon_desk.ui.display.product_dialog import ProductDialog

        if ProductDialog.ask(self, self.ctx, barcode=barcode) is not None:
            self.ctx.hub.notify("products")
            self.scan(barcode)

    def _reason(self, code: str) -> None:
        line = self.panel.line
        if line is None or self.count is None:
            return
        row = self.ctx.guard(self, self.counts.set_reason, self.count.id, line.id, code)
        if row is not None:
            at = self._put(row)
            rows = self.model.rows()
            nxt = next((i for i in range(len(rows)) if rows[i].variance and not rows[i].reason), at)
            self.select(nxt)

    # --- the whole count -----------------------------------------------------------------
    def finish(self) -> None:
        if self.count is None:
            return
        missing = sum(1 for r in self.model.rows() if r.counted is None)
        zero = False
        if missing:
            zero = self.ctx.confirm(
                self,
                _("{n} lines are not counted. Are they all empty (count them as 0)?", n=missing),
            )
            if not zero:
                return
        done = self.ctx.guard(self, self.counts.finish, self.count.id, uncounted_as_zero=zero)
        if done is not None:
            self.ctx.hub.notify("stock")
            self.load(done)

    def post(self) -> None:
        if self.count is None:
            return
        posted = self.ctx.guard(self, self.counts.post, self.count.id)
        if posted is None:
            self.load(self.counts.get(self.count.id))
            return
        self.ctx.hub.notify("stock")
        self.ctx.prompts.info(self, _("Count {number} is posted.", number=posted.number))
        self.count = posted
        self.closed.emit()

    def cancel(self) -> None:
        if self.count is None:
            return
        if not self.ctx.confirm(self, _("Cancel this count? What was counted is not posted.")):
            return
        if self.ctx.guard(self, self.counts.cancel, self.count.id) is not None:
            self.closed.emit()

    def print_sheet(self, path: Path | None = None) -> Path | None:
        if self.count is None:
            return None
        return write_sheet(self, self.ctx, self.count, path, open_file=self.open_files)


def _signed(n: int | None) -> str | None:
    if n is None:
        return None
    return f"{n:+d}" if n else "0"
