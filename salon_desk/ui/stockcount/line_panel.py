"""The selected line of a count: its product, big − and + buttons, a keypad for the
counted quantity, and (once counting is finished) the book quantity, the difference and
the reason buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.stock.count_sheet import location_text
from salon_desk.stock.rows import CountLineRow
from salon_desk.stock.rules import VARIANCE_REASONS, parse_count
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad

STEP = 80  # px: the − and + buttons are the most tapped targets of the count


class LinePanel(QWidget):
    stepped = Signal(int)  # +1 / -1
    counted = Signal(int)  # a quantity typed on the keypad
    reason_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line: CountLineRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.name = QLabel("", self)
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.detail = QLabel("", self)
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        self.flag = QLabel(_("Sold below zero since the last count: count it carefully."), self)
        self.flag.setProperty("role", "warn")
        self.flag.setWordWrap(True)
        layout.addWidget(self.name)
        layout.addWidget(self.detail)
        layout.addWidget(self.flag)

        steps = QHBoxLayout()
        self.minus = BigButton("−", self, height=STEP)
        self.plus = BigButton("+", self, role="primary", height=STEP)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.edit.setMinimumHeight(STEP)
        self.edit.setMaxLength(6)
        font = self.edit.font()
        font.setPointSize(28)
        self.edit.setFont(font)
        for button in (self.minus, self.plus):
            button.setMinimumWidth(STEP + 16)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            f = button.font()
            f.setPointSize(28)
            button.setFont(f)
        steps.addWidget(self.minus)
        steps.addWidget(self.edit, 1)
        steps.addWidget(self.plus)
        layout.addLayout(steps)
        self.minus.clicked.connect(lambda: self.stepped.emit(-1))
        self.plus.clicked.connect(lambda: self.stepped.emit(1))

        self.pad = NumPad(self.edit, self, mode="int", with_enter=True, max_length=5)
        self.pad.enter.connect(self.submit)
        self.edit.returnPressed.connect(self.submit)
        layout.addWidget(self.pad)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.books = QLabel("", self)
        self.books.setProperty("role", "big")
        layout.addWidget(self.books)
        self.reasons = QWidget(self)
        grid = QGridLayout(self.reasons)
        grid.setContentsMargins(0, 0, 0, 0)
        self.reason_group = QButtonGroup(self)
        self.reason_group.setExclusive(True)
        self.reason_buttons: dict[str, BigButton] = {}
        for i, (code, label) in enumerate(VARIANCE_REASONS.items()):
            button = BigButton(_(label), self.reasons)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=code: self.reason_chosen.emit(k))
            self.reason_group.addButton(button)
            grid.addWidget(button, i // 3, i % 3)
            self.reason_buttons[code] = button
        layout.addWidget(self.reasons)
        layout.addStretch(1)
        self.show_line(None, review=False)

    def show_line(self, line: CountLineRow | None, *, review: bool) -> None:
        self.line = line
        self.message.clear()
        enabled = line is not None
        for w in (self.minus, self.plus, self.edit, self.pad):
            w.setEnabled(enabled)
        if line is None:
            self.name.setText(_("Tap a line or scan a barcode."))
            self.detail.clear()
            self.flag.hide()
            self.edit.clear()
            self.books.hide()
            self.reasons.hide()
            return
        self.name.setText(line.name_zh)
        parts = [line.brand, line.spec, location_text(line), line.barcode or ""]
        self.detail.setText("  ·  ".join(p for p in parts if p))
        self.flag.setVisible(line.flagged)
        self.edit.setText("" if line.counted is None else str(line.counted))
        self.minus.setEnabled(bool(line.counted))
        show_books = review and line.expected is not None
        self.books.setVisible(show_books)
        if show_books:
            diff = line.variance or 0
            self.books.setText(
                _("Books {expected} · difference {diff}", expected=line.expected, diff=f"{diff:+d}")
                if diff
                else _("Books {expected} · no difference", expected=line.expected)
            )
            self.books.setProperty("role", "big" if not diff else "warn")
            self.books.style().unpolish(self.books)
            self.books.style().polish(self.books)
        self.reasons.setVisible(show_books and bool(line.variance))
        self.reason_group.setExclusive(False)
        for code, button in self.reason_buttons.items():
            button.setChecked(code == line.reason)
        self.reason_group.setExclusive(True)

    def submit(self) -> None:
        if self.line is None:
            return
        try:
            value = parse_count(self.edit.text())
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.clear()
        self.counted.emit(value)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
