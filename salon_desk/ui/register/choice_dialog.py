"""Choose one of a few things with a finger: a large button per choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton


class ChoiceDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, title: str, choices: Sequence[tuple[str, Any]]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.value: Any = None
        layout = QVBoxLayout(self)
        head = QLabel(title, self)
        head.setProperty("role", "title")
        layout.addWidget(head)
        grid = QGridLayout()
        self.buttons: list[BigButton] = []
        for i, (label, value) in enumerate(choices):
            b = BigButton(label, self, height=64)
            b.clicked.connect(lambda _c=False, v=value: self.choose(v))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons.append(b)
        layout.addLayout(grid)
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def choose(self, value: Any) -> None:
        self.value = value
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, choices: Sequence[tuple[str, Any]]) -> Any:
        dialog = cls(parent, title, choices)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.value
        return None
