"""A small signal hub: a service call changed something; tabs that show it refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

#: Topics in use. A tab listens to the ones it shows.
TOPICS = (
    "members",
    "cards",
    "bookings",
    "roster",
    "catalogue",
    "sales",
    "till",
    "stock",
    "products",
    "frontdesk",
    "settings",
    "staff",
    "printing",
)


class Hub(QObject):
    changed = Signal(str)  # topic
    actor_changed = Signal(object)  # Actor | None (signed in / locked)
    language_changed = Signal(str)

    def notify(self, *topics: str) -> None:
        for topic in topics:
            self.changed.emit(topic)
