"""The database cannot be opened (a server down, a folder not writable): say why, offer to
try again. Nothing else can be done until it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton


class ProblemPage(QWidget):
    retry = Signal()
    quit = Signal()

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addStretch(1)
        title = QLabel(_("The database cannot be opened"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        hint = QLabel(
            _("Check the network cable or the server, then try again. Nothing has been changed."),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.retry_button = BigButton(_("Try again"), self, role="primary")
        self.retry_button.clicked.connect(self.retry.emit)
        self.quit_button = BigButton(_("Quit"), self)
        self.quit_button.clicked.connect(self.quit.emit)
        row.addWidget(self.retry_button)
        row.addWidget(self.quit_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
