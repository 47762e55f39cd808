"""The top bar: shop name, who is signed in, date and time, language, lock."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from salon_desk.core.auth import ROLE_LABELS
from salon_desk.core.i18n import LANGUAGES, N_, _, current_language
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


class TopBar(QWidget):
    lock_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("TopBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(16)
        self.shop = QLabel(self)
        self.shop.setProperty("role", "title")
        layout.addWidget(self.shop)
        layout.addStretch(1)
        actor = ctx.actor
        self.staff = QLabel(
            _("{name} (No. {number}) · {role}", name=actor.name, number=actor.number,
              role=_(ROLE_LABELS[actor.role])),
            self,
        )  # fmt: skip
        layout.addWidget(self.staff)
        self.clock = QLabel(self)
        self.clock.setMinimumWidth(220)
        layout.addWidget(self.clock)
        self.printer = self._printer_indicator()
        if self.printer is not None:
            layout.addWidget(self.printer)
        other = next(code for code in LANGUAGES if code != current_language())
        self.language_button = BigButton(LANGUAGES[other], self)
        self.language_button.clicked.connect(lambda: self.language_chosen.emit(other))
        layout.addWidget(self.language_button)
        self.lock_button = BigButton(_("Lock"), self, role="primary")
        self.lock_button.clicked.connect(self.lock_requested.emit)
        layout.addWidget(self.lock_button)
        self.refresh()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(10_000)
        ctx.hub.changed.connect(self._on_changed)

    def _printer_indicator(self) -> QWidget | None:
        """The receipt printer's state (tap for the print jobs), where printing is built."""
        try:
            from salon_desk.pos.printer_worker import PrintWorker
            from salon_desk.ui.widgets.print_status import PrintStatus
        except ModuleNotFoundError:
            return None
        indicator: QWidget = PrintStatus(self.ctx, self.ctx.service(PrintWorker), self)
        return indicator

    def _on_changed(self, topic: str) -> None:
        if topic == "settings":
            self.refresh()

    def refresh(self) -> None:
        self.shop.setText(str(self.ctx.core.settings.get("shop.name")))
        self.tick()

    def tick(self) -> None:
        core = self.ctx.core
        now = core.clock.now().astimezone(core.settings.tz())
        weekday = _(WEEKDAYS[now.weekday()])
        self.clock.setText(f"{now:%Y-%m-%d} {weekday} {now:%H:%M}")
