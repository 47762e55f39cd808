"""The tabs' code loaded while the counter is quiet.

A tab's module is imported the first time the tab is shown (see :mod:`salon_desk.ui.tabs`),
and on a counter PC that import is most of the first tap on a tab: 100–250 ms for the
members, the register, the front desk and the settings, against 20–50 ms to show a tab
already built. After signing in, :class:`TabPreloader` imports the other tabs' modules one
at a time, each only when nobody has touched the screen for a moment, so that an import
never lands under a finger. While the screen stays quiet the next module follows after a
short gap, so that all are loaded a few seconds after signing in rather than one every
1.5 s; a touch (or a tab being shown) stops the loading until the screen has been quiet
for 1.5 s again, and it goes on then.
The widgets are not built: a tab still reads its data when it is first shown.
"""

from __future__ import annotations

import importlib
import logging
import math
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from salon_desk.ui.tabs import TabSpec

log = logging.getLogger(__name__)

#: how long the screen must have been left alone before a tab's code is loaded, and how
#: often that is looked at
QUIET_SECONDS = 1.5
STEP_MS = 1500
#: the pause between two loads while the screen stays quiet
GAP_MS = 100


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
        gap_ms: int = GAP_MS,
    ) -> None:
        super().__init__(parent)
        self.pending = [s.widget.partition(":")[0] for s in specs]
        self.quiet_for = quiet_for
        self.quiet_seconds = quiet_seconds
        self.step_ms = step_ms
        self.gap_ms = gap_ms
        self.timer = QTimer(self)
        self.timer.setInterval(step_ms)
        self.timer.timeout.connect(self.step)

    def start(self) -> None:
        if self.pending:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def step(self) -> None:
        """Import the next module not yet loaded, if the screen has been quiet; look again
        after the short gap if it was, else when it will have been quiet long enough."""
        quiet = self.quiet_for()
        if quiet < self.quiet_seconds:
            wait_ms = math.ceil((self.quiet_seconds - quiet) * 1000)
            self.timer.setInterval(max(self.gap_ms, min(self.step_ms, wait_ms)))
            return
        self.timer.setInterval(self.gap_ms)
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
