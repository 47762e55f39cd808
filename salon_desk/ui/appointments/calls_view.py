"""Calls: tomorrow's reminder calls (提早一日提醒), printable as a call sheet, and today's
follow-up calls (电话追踪) with their outcomes. A line says whether now is a good time
to call (not early, not late, not at meal times)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.booking.calls_service import (
    FOLLOW_UP_OUTCOMES,
    ORIGINS,
    PURPOSES,
    REMINDER_OUTCOMES,
    CallsService,
)
from salon_desk.booking.rows import FollowUpRow, ReminderRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.pdf_font import PdfFont
from salon_desk.stock.exports import export_folder, safe_name
from salon_desk.ui.appointments.follow_up_dialog import FollowUpDialog
from salon_desk.ui.appointments.texts import hm
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


class CallsView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tz = ctx.core.settings.tz()
        self.calls = ctx.service(CallsService)
        self.dialog: FollowUpDialog | None = None
        #: The last call sheet written, and how it is opened (tests replace it).
        self.opened: Path | None = None
        self.open_file: Callable[[QUrl], object] = QDesktopServices.openUrl
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.window_label = QLabel(self)
        layout.addWidget(self.window_label)
        head = QHBoxLayout()
        layout.addLayout(head)
        self.reminder_title = QLabel(self)
        self.reminder_title.setProperty("role", "title")
        head.addWidget(self.reminder_title)
        head.addStretch(1)
        self.sheet = BigButton(_("Call sheet (PDF)"), self)
        self.sheet.clicked.connect(self.print_sheet)
        head.addWidget(self.sheet)
        self.reminder_model = RowsModel(
            [
                Column(N_("Time"), lambda r: hm(r.booking.starts_at, self.tz)),
                Column(N_("Name"), lambda r: r.booking.guest_name),
                Column(N_("Phone"), lambda r: r.booking.guest_phone),
                Column(N_("Services"), lambda r: r.booking.service_names),
                Column(
                    N_("Beautician"), lambda r: f"{r.booking.staff_number}号 {r.booking.staff_name}"
                ),
                Column(N_("Call"), lambda r: _(REMINDER_OUTCOMES[r.outcome]) if r.outcome else ""),
            ],
            parent=self,
        )
        self.reminders = TouchTable(self)
        self.reminders.setModel(self.reminder_model)
        layout.addWidget(self.reminders, 1)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.reminder_buttons: dict[str, BigButton] = {}
        for key, label in REMINDER_OUTCOMES.items():
            button = BigButton(_(label), self)
            button.clicked.connect(lambda _c=False, k=key: self.mark_reminder(k))
            row.addWidget(button)
            self.reminder_buttons[key] = button
        head = QHBoxLayout()
        layout.addLayout(head)
        title = QLabel(_("Follow-up calls today"), self)
        title.setProperty("role", "title")
        head.addWidget(title)
        head.addStretch(1)
        suggest = BigButton(_("Suggest calls"), self)
        suggest.clicked.connect(self.suggest)
        head.addWidget(suggest)
        self.follow_sheet = BigButton(_("Call sheet (PDF)"), self)
        self.follow_sheet.clicked.connect(self.print_follow_up_sheet)
        head.addWidget(self.follow_sheet)
        add = BigButton(_("Add a call"), self, role="primary")
        add.clicked.connect(self.add_call)
        head.addWidget(add)
        self.follow_model = RowsModel(
            [
                Column(N_("Name"), lambda f: f.name),
                Column(N_("Phone"), lambda f: f.contact),
                Column(N_("Purpose"), lambda f: _(PURPOSES.get(f.purpose, f.purpose))),
                Column(N_("Reason"), lambda f: _(ORIGINS.get(f.origin, f.origin))),
                Column(N_("Key points"), lambda f: f.key_points),
                Column(
                    N_("Outcome"), lambda f: _(FOLLOW_UP_OUTCOMES[f.outcome]) if f.outcome else ""
                ),
            ],
            parent=self,
        )
        self.follow = TouchTable(self)
        self.follow.setModel(self.follow_model)
        layout.addWidget(self.follow, 1)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.follow_buttons: dict[str, BigButton] = {}
        for key, label in FOLLOW_UP_OUTCOMES.items():
            button = BigButton(_(label), self)
            button.clicked.connect(lambda _c=False, k=key: self.record(k))
            row.addWidget(button)
            self.follow_buttons[key] = button

    def refresh(self) -> None:
        tomorrow = self.calls.today() + timedelta(days=1)
        self.reminder_title.setText(_("Reminder calls for {day}", day=tomorrow.strftime("%m-%d")))
        self.reminder_model.set_rows(self.calls.reminders())
        self.follow_model.set_rows(self.calls.follow_ups())
        self.reminders.resizeColumnsToContents()
        self.follow.resizeColumnsToContents()
        local = self.ctx.core.clock.now().astimezone(self.tz).time()
        window = self.calls.window()
        if window.allows(local):
            self.window_label.setText(_("A good time to call now."))
            self.window_label.setProperty("role", "muted")
        else:
            later = window.next_allowed(local)
            text = (
                _("Not a good time to call; calls from {time}.", time=later.strftime("%H:%M"))
                if later
                else _("Too late to call today.")
            )
            self.window_label.setText(text)
            self.window_label.setProperty("role", "warn")
        self.window_label.style().polish(self.window_label)

    # --- reminders --------------------------------------------------------------------------------
    def mark_reminder(self, outcome: str) -> None:
        index = self.reminders.currentIndex()
        if not index.isValid():
            self.ctx.error(self, _("Tap a line first."))
            return
        row: ReminderRow = self.reminder_model.row_at(index.row())
        if self.ctx.guard(self, self.calls.mark_reminder, row.booking.id, outcome):
            self.refresh()

    def print_sheet(self) -> None:
        tomorrow = self.calls.today() + timedelta(days=1)
        name = f"{safe_name(_('Reminder calls'))}-{tomorrow:%Y%m%d}.pdf"
        self._sheet(self.calls.reminder_sheet, name)

    def print_follow_up_sheet(self) -> None:
        name = f"{safe_name(_('Follow-up calls'))}-{self.calls.today():%Y%m%d}.pdf"
        self._sheet(self.calls.follow_up_sheet, name)

    def _sheet(self, write: Callable[[Path], PdfFont], name: str) -> None:
        try:
            target = export_folder() / name
            font = write(target)
        except SalonError as exc:
            self.ctx.error(self, error_text(exc))
            return
        if font.warning:
            self.ctx.error(self, _(font.warning, path=font.warning_path or ""))
        self.opened = target
        self.open_file(QUrl.fromLocalFile(str(target)))

    # --- follow-ups -------------------------------------------------------------------------------
    def record(self, outcome: str) -> None:
        index = self.follow.currentIndex()
        if not index.isValid():
            self.ctx.error(self, _("Tap a line first."))
            return
        row: FollowUpRow = self.follow_model.row_at(index.row())
        next_day = None
        if outcome == "call_back":
            next_day = self.calls.today() + timedelta(days=1)
        note = self.ctx.prompts.text(self, _("Outcome"), _("What was said?")) or ""
        if self.ctx.guard(self, self.calls.record_outcome, row.id, outcome, note, next_day):
            self.refresh()

    def suggest(self) -> None:
        added = self.ctx.guard(self, self.calls.suggest)
        if added is not None:
            self.ctx.prompts.info(self, _("{n} calls added to today's list.", n=len(added)))
            self.refresh()

    def add_call(self) -> None:
        self.dialog = FollowUpDialog(self, self.ctx, self.calls.today())
        self.dialog.finished.connect(lambda _r: self.refresh())
        self.dialog.open()
