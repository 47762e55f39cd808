"""The tabs' code loaded while the counter is quiet.

A tab's module is imported the first time the tab is shown (see :mod:`salon_desk.ui.tabs`),
and on a counter PC that import is most of the first tap on a tab: 100–250 ms for the
members, the register, the front desk and the settings, against 20–50 ms to show a tab
already built. After signing in, :class:`TabPreloader` imports the other tabs' modules one
at a time, each only when nobody has touched the screen for a moment, so that an import
never lands under a finger. The widgets are not built: a tab still reads its data when it
is first shown.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from salon_desk.ui.tabs import TabSpec

log = logging.getLogger(__name__)

#: how long the screen must have been left alone before a tab's code is loaded, and how
#: often that is looked at
QUIET_SECONDS = 1.5
STEP_MS = 1500


class TabPreloader(QObject):
    """Imports the modules of ``specs`` in order, one per quiet step; ``quiet_for``
    gives the seconds since the last touch, click or key."""

    def __init__(
        self,
        specs: Sequence[TabSpec],
        quiet_for: Callable[[], float],
        parent: QObject,
        *,
        step_ms: int = STEP_MS,
        quiet_seconds: float = QUIET_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.pending = [s.widget.partition(":")[0] for s in specs]
        self.quiet_for = quiet_for
        self.quiet_seconds = quiet_seconds
        self.timer = QTimer(self)
        self.timer.setInterval(step_ms)
        self.timer.timeout.connect(self.step)

    def start(self) -> None:
        if self.pending:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def step(self) -> None:
        """Import the next module not yet loaded, if the screen has been quiet."""
        if self.quiet_for() < self.quiet_seconds:
            return
        while self.pending:
            name = self.pending.pop(0)
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception:  # the tab shows its own message when it is opened
                log.exception("loading the code of %s ahead failed", name)
            break
        if not self.pending:
            self.timer.stop()
