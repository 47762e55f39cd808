"""A PIN field with a big keypad under it, for sign-in and manager override."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from salon_desk.ui.widgets.numpad import NumPad


class PinEntry(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(6)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.field.font()
        font.setPointSize(26)
        self.field.setFont(font)
        self.field.setMinimumHeight(64)
        self.field.returnPressed.connect(self.submit)
        self.pad = NumPad(self.field, self, mode="pin", with_enter=True, max_length=6)
        self.pad.enter.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.pad, 1)

    def submit(self) -> None:
        self.submitted.emit(self.field.text())

    def clear(self) -> None:
        self.field.clear()

    def type_pin(self, pin: str) -> None:
        """Press the keys of ``pin`` on the pad (what a finger does)."""
        for digit in pin:
            self.pad.press(digit)
