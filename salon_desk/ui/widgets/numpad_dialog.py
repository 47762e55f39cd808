"""Ask for an amount, a count or a PIN with the on-screen keypad.

``NumPadDialog.ask(parent, title, mode="money")`` returns a ``Money``, an ``int`` or a
PIN string, or ``None`` when cancelled. Wrong input shows its message in the dialog and
keeps it open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.money import Money
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad

N_AMOUNT_LOW = N_("The amount must be at least {minimum}.")
N_AMOUNT_HIGH = N_("The amount must be at most {maximum}.")
N_WHOLE = N_("Enter a whole number.")
N_NUMBER_LOW = N_("The number must be at least {minimum}.")
N_NUMBER_HIGH = N_("The number must be at most {maximum}.")
N_PIN = N_("A PIN is 4 to 6 digits.")


class NumPadDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        *,
        mode: str = "money",
        prompt: str = "",
        initial: str = "",
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.mode = mode
        self.minimum = minimum
        self.maximum = maximum
        self.value: Money | int | str | None = None
        layout = QVBoxLayout(self)
        if prompt:
            label = QLabel(prompt, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.display = QLineEdit(initial, self)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = self.display.font()
        font.setPointSize(24)
        self.display.setFont(font)
        if mode == "pin":
            self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.returnPressed.connect(self.accept_value)
        layout.addWidget(self.display)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.pad = NumPad(self.display, self, mode=mode, max_length=6 if mode == "pin" else 10)
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        ok = BigButton(_("OK"), self, role="primary")
        ok.clicked.connect(self.accept_value)
        row.addWidget(cancel)
        row.addWidget(ok)
        layout.addLayout(row)
        self.ok_button = ok
        self.display.setFocus()

    def parse(self) -> Money | int | str:
        text = self.display.text().strip()
        if self.mode == "money":
            money = Money.parse(text)
            if self.minimum is not None and money.fen < self.minimum:
                raise Invalid(N_AMOUNT_LOW, minimum=Money(self.minimum))
            if self.maximum is not None and money.fen > self.maximum:
                raise Invalid(N_AMOUNT_HIGH, maximum=Money(self.maximum))
            return money
        if self.mode == "int":
            if not text.isdigit():
                raise Invalid(N_WHOLE)
            number = int(text)
            if self.minimum is not None and number < self.minimum:
                raise Invalid(N_NUMBER_LOW, minimum=self.minimum)
            if self.maximum is not None and number > self.maximum:
                raise Invalid(N_NUMBER_HIGH, maximum=self.maximum)
            return number
        if not text.isdigit() or not 4 <= len(text) <= 6:
            raise Invalid(N_PIN)
        return text

    def accept_value(self) -> None:
        try:
            self.value = self.parse()
        except Invalid as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        *,
        mode: str = "money",
        prompt: str = "",
        initial: str = "",
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> Money | int | str | None:
        dialog = cls(
            parent,
            title,
            mode=mode,
            prompt=prompt,
            initial=initial,
            minimum=minimum,
            maximum=maximum,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.value
        return None
