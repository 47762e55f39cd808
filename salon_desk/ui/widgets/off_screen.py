"""Is a widget on a page the counter switched away from?

A tab (or a stacked page) that is not current is hidden on purpose by its tab widget. A tab
that shows data read from the database listens to the hub for changes; while it is put
away it only notes that it is stale and reads again when it is shown (``showEvent``), so
that a sale at the register does not also rebuild the appointments grid behind it.

A widget never shown at all (being built, or in a test) is not put away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def put_away(widget: QWidget) -> bool:
    """True when ``widget`` or one of its parents was hidden on purpose."""
    w: QWidget | None = widget
    while w is not None:
        if w.isHidden() and w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            return True
        w = w.parentWidget()
    return False
