"""The idle lock's clock: a timer that any touch, click, key or wheel restarts.

Every event of the application passes through :meth:`IdleLock.eventFilter` while the
lock counts, and only then: a Python filter on the whole application makes each event
cost a call into Python (and, the first time, building the Python classes of every kind
of object and event), which made the first paint late."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QInputEvent
from PySide6.QtWidgets import QApplication

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class IdleLock(QObject):
    """``timer`` times out after the idle minutes; the owner connects it to its lock."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self._watching = False
        self._last_activity = time.monotonic()

    def start(self, minutes: int) -> None:
        """Count ``minutes`` from now (0 or less: never lock)."""
        if minutes > 0:
            self.timer.start(minutes * 60_000)
            self._watch(True)
        else:
            self.stop()

    def stop(self) -> None:
        self.timer.stop()
        self._watch(False)

    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            self._last_activity = time.monotonic()
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def quiet_for(self) -> float:
        """Seconds since the last touch, click, key or wheel while the lock counted;
        without the lock nothing is watched, and the screen counts as quiet."""
        if not self._watching:
            return math.inf
        return time.monotonic() - self._last_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Each kind of ACTIVITY is an input event (mouse, key, touch, wheel). ``isinstance`` is
        # a C check; ``event.type()`` builds a Python enum member, so only input events pay it.
        if isinstance(event, QInputEvent) and event.type() in ACTIVITY:
            self._last_activity = time.monotonic()
            if self.timer.isActive():
                self.timer.start()  # restart with the same interval
        return False
