"""Set one beautician's duty for a day (值班表): from–to and a break, or a day off."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import ShiftRow
from salon_desk.core.i18n import _
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton


class ShiftDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        staff_id: int,
        title: str,
        day: date,
        shift: ShiftRow | None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id = staff_id
        self.day = day
        self.saved: ShiftRow | None = None
        tz = ctx.core.settings.tz()
        self.setWindowTitle(_("Duty roster"))
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        form = QFormLayout()
        layout.addLayout(form)
        opens: time = ctx.core.settings.get("hours.open")
        closes: time = ctx.core.settings.get("hours.close")
        slots = [
            time(m // 60, m % 60)
            for m in range(opens.hour * 60 + opens.minute, closes.hour * 60 + closes.minute + 1, 15)
        ]

        def box(initial: time | None, empty: bool) -> QComboBox:
            combo = QComboBox(self)
            if empty:
                combo.addItem(_("No break"), None)
            for slot in slots:
                combo.addItem(slot.strftime("%H:%M"), slot)
            if initial is not None:
                combo.setCurrentIndex(max(0, combo.findText(initial.strftime("%H:%M"))))
            return combo

        def local(value: object) -> time | None:
            return value.astimezone(tz).time() if isinstance(value, datetime) else None

        working = shift is not None and not shift.day_off
        self.start = box(local(shift.starts_at) if working and shift else opens, False)
        self.end = box(local(shift.ends_at) if working and shift else closes, False)
        self.break_from = box(local(shift.break_from) if shift else None, True)
        self.break_until = box(local(shift.break_until) if shift else None, True)
        form.addRow(_("From"), self.start)
        form.addRow(_("Until"), self.end)
        form.addRow(_("Break from"), self.break_from)
        form.addRow(_("Break until"), self.break_until)
        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        off = BigButton(_("Day off"), self)
        off.clicked.connect(self.day_off)
        save = BigButton(_("Save"), self, role="primary")
        save.clicked.connect(self.save)
        for b in (cancel, off, save):
            buttons.addWidget(b)

    def save(self) -> None:
        roster = self.ctx.service(RosterService)
        row = self.ctx.guard(
            self,
            roster.set_shift,
            self.staff_id,
            self.day,
            self.start.currentData(),
            self.end.currentData(),
            self.break_from.currentData(),
            self.break_until.currentData(),
        )
        self._done(row)

    def day_off(self) -> None:
        roster = self.ctx.service(RosterService)
        self._done(self.ctx.guard(self, roster.set_day_off, self.staff_id, self.day))

    def _done(self, row: ShiftRow | None) -> None:
        if row is None:
            return
        self.saved = row
        self.ctx.hub.notify("roster")
        self.accept()
