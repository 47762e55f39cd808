"""The duty roster (美容师值班表) of a day: who works, from–to, breaks, days off. Tap a
beautician to change her day; copy the day to the next one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import ShiftRow
from salon_desk.core.clock import local_day
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.ui.appointments.shift_dialog import ShiftDialog
from salon_desk.ui.appointments.texts import hm
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


@dataclass(frozen=True)
class RosterLine:
    staff_id: int
    number: str
    name: str
    shift: ShiftRow | None


class RosterView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.core.settings.tz()
        self.day = local_day(ctx.core.clock.now(), self.tz)
        self.dialog: ShiftDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        title = QLabel(_("Duty roster"), self)
        title.setProperty("role", "title")
        bar.addWidget(title)
        bar.addStretch(1)
        self.copy = BigButton(_("Copy this day to the next day"), self)
        self.copy.clicked.connect(self.copy_to_next)
        bar.addWidget(self.copy)
        self.model = RowsModel(
            [
                Column(N_("Beautician"), lambda r: f"{r.number}号 {r.name}"),
                Column(N_("Duty"), self._duty),
                Column(N_("Break"), self._break),
            ],
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self.tapped)
        layout.addWidget(self.table, 1)

    def _duty(self, line: RosterLine) -> str:
        s = line.shift
        if s is None:
            return _("Not set")
        if s.day_off or s.starts_at is None or s.ends_at is None:
            return _("Day off")
        return f"{hm(s.starts_at, self.tz)}–{hm(s.ends_at, self.tz)}"

    def _break(self, line: RosterLine) -> str:
        s = line.shift
        if s is None or s.break_from is None or s.break_until is None:
            return ""
        return f"{hm(s.break_from, self.tz)}–{hm(s.break_until, self.tz)}"

    def set_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def lines(self, day: date) -> list[RosterLine]:
        roster = self.ctx.service(RosterService)
        shifts = {r.staff_id: r for r in roster.roster(day)}
        return [
            RosterLine(staff_id, number, name, shifts.get(staff_id))
            for staff_id, number, name in roster.beauticians()
        ]

    def refresh(self) -> None:
        self.model.set_rows(self.lines(self.day))
        self.table.resizeColumnsToContents()

    def tapped(self, index: QModelIndex) -> None:
        line: RosterLine = self.model.row_at(index.row())
        title = f"{line.number}号 {line.name} · {self.day:%m-%d}"
        self.dialog = ShiftDialog(self, self.ctx, line.staff_id, title, self.day, line.shift)
        self.dialog.finished.connect(lambda _r: self.refresh())
        self.dialog.open()

    def copy_to_next(self) -> None:
        """Give every beautician the same duty on the next day (the counter checks it)."""
        roster = self.ctx.service(RosterService)
        nxt = self.day + timedelta(days=1)
        problems = []
        for line in self.lines(self.day):
            s = line.shift
            if s is None:
                continue
            try:
                if s.day_off or s.starts_at is None or s.ends_at is None:
                    roster.set_day_off(self.ctx.actor, line.staff_id, nxt)
                    continue
                roster.set_shift(
                    self.ctx.actor,
                    line.staff_id,
                    nxt,
                    s.starts_at.astimezone(self.tz).time(),
                    s.ends_at.astimezone(self.tz).time(),
                    s.break_from.astimezone(self.tz).time() if s.break_from else None,
                    s.break_until.astimezone(self.tz).time() if s.break_until else None,
                )
            except SalonError as exc:
                problems.append(f"{line.number}号 {line.name}: {error_text(exc)}")
        self.ctx.hub.notify("roster")
        if problems:
            self.ctx.error(self, "\n".join(problems))
        else:
            self.ctx.prompts.info(self, _("Copied to {day}.", day=nxt.strftime("%m-%d")))
