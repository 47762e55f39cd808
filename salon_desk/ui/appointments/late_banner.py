"""The notice at the top of the appointments tab when bookings are cancelled for being
late: who, when, what, which beautician — and a button to give the freed time to the
walk-in queue."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton


class LateBanner(QFrame):
    offer_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("LateBanner { background: #fdecea; border: 2px solid #b3261e; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setProperty("role", "error")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.offer = BigButton(_("Offer the time to a walk-in"), self, role="primary")
        self.offer.clicked.connect(self.offer_requested.emit)
        layout.addWidget(self.offer)
        self.dismiss = BigButton(_("Noted"), self)
        self.dismiss.clicked.connect(self.clear)
        layout.addWidget(self.dismiss)
        self.notices: list[str] = []
        self.setVisible(False)

    def add(self, notices: list[str]) -> None:
        self.notices = (notices + self.notices)[:4]
        self.text.setText("\n".join(self.notices))
        self.setVisible(True)

    def clear(self) -> None:
        self.notices = []
        self.text.setText("")
        self.setVisible(False)
