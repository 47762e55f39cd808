"""Count the drawer by denomination on a keypad (the float in the morning, the blind count
at closing). Returns ``{denomination_fen: pieces}``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import _
from salon_desk.core.money import Money
from salon_desk.pos.rules import DENOMINATIONS
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad, accept_key


class CountDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, prompt: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.counts: dict[int, int] | None = None
        layout = QVBoxLayout(self)
        head = QLabel(prompt or title, self)
        head.setProperty("role", "title")
        head.setWordWrap(True)
        layout.addWidget(head)
        body = QHBoxLayout()
        grid = QGridLayout()
        self.edits: dict[int, QLineEdit] = {}
        for row, denom in enumerate(DENOMINATIONS):
            label = QLabel(Money(denom).format(grouping=False), self)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit = QLineEdit(self)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0")
            edit.setMaximumWidth(120)
            edit.textChanged.connect(self._update)
            edit.returnPressed.connect(self.focusNextChild)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.edits[denom] = edit
        body.addLayout(grid)
        self.pad = NumPad(None, self, mode="int", max_length=4)
        self.pad.key_pressed.connect(self._key)
        body.addWidget(self.pad, 1)
        layout.addLayout(body)
        self.total = QLabel("", self)
        self.total.setProperty("role", "big")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.total)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.ok = BigButton(_("OK"), self, role="primary")
        self.ok.clicked.connect(self.accept_counts)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.current = self.edits[DENOMINATIONS[0]]
        for edit in self.edits.values():
            edit.installEventFilter(self)
        self.current.setFocus()
        self._update()

    def eventFilter(self, watched: object, event: object) -> bool:
        if isinstance(watched, QLineEdit) and getattr(event, "type", lambda: None)() == (
            QEvent.Type.FocusIn
        ):
            self.current = watched
        return False

    def _key(self, key: str) -> None:
        self.current.setText(accept_key(self.current.text(), key, "int", 4))

    def set_counts(self, counts: dict[int, int]) -> None:
        for denom, edit in self.edits.items():
            edit.setText(str(counts[denom]) if counts.get(denom) else "")

    def read(self) -> dict[int, int]:
        out = {}
        for denom, edit in self.edits.items():
            text = edit.text().strip()
            out[denom] = int(text) if text.isdigit() else 0
        return out

    def value(self) -> Money:
        return Money(sum(d * n for d, n in self.read().items()))

    def _update(self) -> None:
        self.total.setText(_("Counted: {amount}", amount=self.value().format()))

    def accept_counts(self) -> None:
        for edit in self.edits.values():
            text = edit.text().strip()
            if text and not text.isdigit():
                edit.setFocus()
                return
        self.counts = {d: n for d, n in self.read().items() if n}
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str = "") -> dict[int, int] | None:
        dialog = cls(parent, title, prompt)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.counts
        return None
