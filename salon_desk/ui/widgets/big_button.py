"""A push button sized for a finger, with an optional role ("primary", "danger")."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from salon_desk.ui.style import TOUCH


class BigButton(QPushButton):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        role: str | None = None,
        height: int = TOUCH,
    ) -> None:
        super().__init__(text, parent)
        self.setMinimumHeight(max(height, TOUCH))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if role:
            self.setProperty("role", role)
