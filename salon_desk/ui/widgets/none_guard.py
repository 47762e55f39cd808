"""Keep ``None`` alive while widgets paint (process-wide; applied once at import).

PySide6 6.12 on CPython 3.11 drops one reference to ``None`` for every call of a
``QPainter`` method that returns nothing (``fillRect``, ``drawLine``, ``setPen``,
``drawRoundedRect``, ...): measured, 1,000 ``fillRect`` calls take 1,000 references away,
and ``None`` starts with about 5,000. The day grid makes about a thousand such calls per
paint, so without this the process aborts ("deallocating None") after a few repaints.
The app imports this module before its first paint; widgets that paint a lot import it
too, so they are safe when built on their own (in tests).
CPython 3.12 made ``None`` immortal; on 3.11 we give it the same treatment by raising its
reference count far beyond what any number of paints can take away.
"""

from __future__ import annotations

import ctypes
import sys

_PLENTY = 1 << 40


def keep_none_alive() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if count.value < _PLENTY:
        count.value += _PLENTY


keep_none_alive()
