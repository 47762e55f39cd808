"""The signed-in workspace: the top bar and one tab per finished feature the signed-in
staff member may use. A tab's widget is imported and built the first time it is shown."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from salon_desk.core.auth import Actor
from salon_desk.core.i18n import _
from salon_desk.ui.context import UiContext
from salon_desk.ui.shell.top_bar import TopBar
from salon_desk.ui.tabs import TabSpec, discover

log = logging.getLogger(__name__)


class Workspace(QWidget):
    lock_requested = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        quiet_for: Callable[[], float] = lambda: math.inf,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor = ctx.actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(ctx, self)
        self.top_bar.lock_requested.connect(self.lock_requested.emit)
        self.top_bar.language_chosen.connect(self.language_chosen.emit)
        layout.addWidget(self.top_bar)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        layout.addWidget(self.tabs, 1)
        self.specs: list[TabSpec] = [s for s in discover() if s.visible_to(self.actor)]
        self.built: dict[str, QWidget] = {}
        self.quiet_for = quiet_for
        self.shown_at = -math.inf  # when a tab was last shown (monotonic seconds)
        for spec in self.specs:
            holder = QWidget(self.tabs)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, _(spec.title))
        self.tabs.currentChanged.connect(self._build)
        if self.specs:
            self._build(0)
            from salon_desk.ui.shell.preload import TabPreloader

            # the other tabs' code is loaded while nobody touches the screen
            self.preloader = TabPreloader(self.specs[1:], self._quiet_for, self)
            self.preloader.start()
        else:
            self.tabs.addTab(QLabel(_("Nothing to show for your role.")), _("Welcome"))

    def _quiet_for(self) -> float:
        """Seconds since the screen was last touched or a tab was shown: a tab being
        shown is someone at work too, whether a finger or the program chose it."""
        return min(self.quiet_for(), time.monotonic() - self.shown_at)

    def tab_keys(self) -> list[str]:
        return [s.key for s in self.specs]

    def show_tab(self, key: str) -> QWidget:
        index = self.tab_keys().index(key)
        self.tabs.setCurrentIndex(index)
        self._build(index)
        return self.built[key]

    def _build(self, index: int) -> None:
        if index < 0 or index >= len(self.specs):
            return
        self.shown_at = time.monotonic()
        spec = self.specs[index]
        if spec.key in self.built:
            return
        holder = self.tabs.widget(index)
        box = holder.layout() if holder is not None else None
        if box is None:
            return
        try:
            widget = spec.load()(self.ctx)
        except Exception as exc:  # one broken tab must not take the counter down
            log.exception("tab %s failed to open", spec.key)
            widget = QLabel(_("This tab could not be opened: {detail}", detail=str(exc)))
            widget.setProperty("role", "error")
            widget.setWordWrap(True)
        box.addWidget(widget)
        self.built[spec.key] = widget
