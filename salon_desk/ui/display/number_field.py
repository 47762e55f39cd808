"""A line edit for an amount or a whole number with a button that opens the on-screen
keypad, so a finger never needs the system keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from salon_desk.core.money import Money
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog


class NumberField(QWidget):
    def __init__(self, title: str, *, mode: str = "money", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.mode = mode
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pad_button = BigButton("⌨", self)
        self.pad_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pad_button.clicked.connect(self.ask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pad_button)

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def ask(self) -> None:
        value = NumPadDialog.ask(self, self.title, mode=self.mode, initial=self.text())
        if isinstance(value, Money):
            self.edit.setText(value.plain())
        elif value is not None:
            self.edit.setText(str(value))
