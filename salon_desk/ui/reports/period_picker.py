"""Choose the days of a report with a finger: Day / Week / Month / From–to, the previous
and next period, today, and a calendar for any day (a range asks for its first and last
day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QWidget

from salon_desk.core.i18n import _
from salon_desk.reports.periods import KINDS, span, step
from salon_desk.ui.reports.calendar_dialog import CalendarDialog
from salon_desk.ui.widgets.big_button import BigButton

AskDay = Callable[[QWidget | None, str, date], date | None]


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.kind = "day"
        self.start, self.end = today, today
        self.ask_day: AskDay = CalendarDialog.ask
        self.kind_buttons: dict[str, BigButton] = {}
        group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for key, label in KINDS.items():
            button = BigButton(_(label), self)
            button.setCheckable(True)
            button.setChecked(key == "day")
            button.clicked.connect(lambda _c=False, k=key: self.set_kind(k))
            group.addButton(button)
            self.kind_buttons[key] = button
            row.addWidget(button)
        row.addSpacing(12)
        self.previous = BigButton("◀", self)
        self.previous.clicked.connect(lambda: self.shift_period(-1))
        self.label = QLabel(self)
        self.label.setProperty("role", "title")
        self.label.setMinimumWidth(250)
        self.next = BigButton("▶", self)
        self.next.clicked.connect(lambda: self.shift_period(1))
        self.today_button = BigButton(_("Today"), self)
        self.today_button.clicked.connect(self.go_today)
        self.calendar_button = BigButton(_("Calendar…"), self)
        self.calendar_button.clicked.connect(self.pick)
        for w in (self.previous, self.label, self.next, self.today_button, self.calendar_button):
            row.addWidget(w)
        row.addStretch(1)
        self._show()

    # --- actions ----------------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        if kind == "range":
            self._show()
            self.pick()
            return
        self.start, self.end = span(kind, self.start)
        self._changed()

    def set_range(self, start: date, end: date) -> None:
        """Used by the calendar and by tests; the end may come before the start, and the
        report says so."""
        self.kind = "range" if (start, end) != span("day", start) else "day"
        self.kind_buttons[self.kind].setChecked(True)
        self.start, self.end = start, end
        self._changed()

    def shift_period(self, direction: int) -> None:
        self.start, self.end = step(self.kind, self.start, self.end, direction)
        self._changed()

    def go_today(self) -> None:
        kind = "day" if self.kind == "range" else self.kind
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        self.start, self.end = span(kind, self.today)
        self._changed()

    def pick(self) -> None:
        if self.kind != "range":
            chosen = self.ask_day(self, _("Choose a day"), self.start)
            if chosen is not None:
                self.start, self.end = span(self.kind, chosen)
                self._changed()
            return
        first = self.ask_day(self, _("First day"), self.start)
        if first is None:
            return
        last = self.ask_day(self, _("Last day"), max(first, self.end))
        if last is None:
            return
        self.start, self.end = first, last
        self._changed()

    # --- showing ----------------------------------------------------------------------
    def is_day(self) -> bool:
        return self.kind == "day"

    def text(self) -> str:
        if self.start == self.end and self.kind == "day":
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def _show(self) -> None:
        self.label.setText(self.text())

    def _changed(self) -> None:
        self._show()
        self.changed.emit()
