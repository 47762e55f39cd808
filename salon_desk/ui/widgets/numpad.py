"""An on-screen numeric keypad: digits, 00, point, backspace, clear.

It types into a ``QLineEdit`` it is attached to (or its own display) so a finger never
needs the system keyboard. ``mode`` limits what can be typed: "money" (two decimals),
"int" (whole numbers) or "pin" (digits only, shown as dots). A "money" keypad made with
``signed=True`` has a ± key that puts a minus sign in front (or takes it away); it shows
only while the field typed into may go below zero (:meth:`NumPad.set_target`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QSizePolicy, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton

KEY = 64  # px, a comfortable keypad key

MODES = ("money", "int", "pin")


def accept_key(text: str, key: str, mode: str, max_length: int = 12) -> str:
    """The text after pressing ``key`` ("0".."9", "00", ".", "back", "clear", "sign")."""
    if key == "clear":
        return ""
    if key == "back":
        return text[:-1]
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    if key == "sign":
        return text if sign else "-" + text
    return sign + _accept_digit(text, key, mode, max_length)


def _accept_digit(text: str, key: str, mode: str, max_length: int) -> str:
    if key == "." and (mode != "money" or "." in text):
        return text
    candidate = text + key
    if key == "." and text == "":
        candidate = "0."
    if mode == "money" and "." in candidate and len(candidate.split(".")[1]) > 2:
        return text
    if (
        mode in ("money", "int")
        and candidate.startswith("0")
        and len(candidate) > 1
        and candidate[1] != "."
    ):
        candidate = candidate.lstrip("0") or "0"
    if len(candidate.replace(".", "")) > max_length:
        return text
    return candidate


class NumPad(QWidget):
    key_pressed = Signal(str)
    enter = Signal()

    def __init__(
        self,
        target: QLineEdit | None = None,
        parent: QWidget | None = None,
        *,
        mode: str = "money",
        with_enter: bool = False,
        max_length: int = 12,
        signed: bool = False,
    ) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.mode = mode
        self.max_length = max_length
        self.target = target
        self.negative = False  # the field typed into may go below zero (± shown)
        grid = QGridLayout(self)
        grid.setSpacing(6)
        keys = [
            ("7", 0, 0),
            ("8", 0, 1),
            ("9", 0, 2),
            ("4", 1, 0),
            ("5", 1, 1),
            ("6", 1, 2),
            ("1", 2, 0),
            ("2", 2, 1),
            ("3", 2, 2),
            ("0", 3, 1),
        ]
        keys.append(("." if mode == "money" else "00", 3, 0) if mode != "pin" else ("clear", 3, 0))
        keys.append(("back", 3, 2))
        if mode != "pin":
            keys.append(("clear", 0, 3))
        if signed and mode == "money":
            keys.append(("sign", 1, 3))
        labels = {"back": "⌫", "clear": _("Clear"), "sign": "±"}
        self.buttons: dict[str, BigButton] = {}
        for key, row, col in keys:
            button = BigButton(labels.get(key, key), self, height=KEY)
            button.setMinimumWidth(KEY)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            font = button.font()
            font.setPointSize(18)
            button.setFont(font)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, row, col)
            self.buttons[key] = button
        if "sign" in self.buttons:
            self.buttons["sign"].setVisible(False)
        if with_enter:
            ok = BigButton(_("OK"), self, role="primary", height=KEY)
            ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            ok.clicked.connect(self.enter.emit)
            at = 2 if "sign" in self.buttons else 1
            grid.addWidget(ok, at, 3, 4 - at, 1)
            self.buttons["enter"] = ok

    def set_target(self, target: QLineEdit | None, *, negative: bool = False) -> None:
        """Type into ``target`` from now on; the ± key shows only if it may go below zero."""
        self.target = target
        self.negative = negative and "sign" in self.buttons
        if "sign" in self.buttons:
            self.buttons["sign"].setVisible(self.negative)

    def press(self, key: str) -> None:
        if key == "sign" and not self.negative:
            return
        if self.target is not None:
            self.target.setText(accept_key(self.target.text(), key, self.mode, self.max_length))
        self.key_pressed.emit(key)
