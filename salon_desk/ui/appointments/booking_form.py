"""The booking form (电话预约记录表): caller, services, beautician by number or next in
turn, time, source, note. A double booking is refused with the nearest free times; a
manager may book anyway with a reason. After saving, the booking is shown in one sentence
to read back to the caller."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import SOURCE_LABELS, BookingRow
from salon_desk.core.clock import local_datetime
from salon_desk.core.errors import Conflict, Forbidden, SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.appointments.caller_picker import CallerPicker
from salon_desk.ui.appointments.texts import day_text, read_back
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad
from salon_desk.ui.widgets.touch import make_touch_scrollable

IN_TURN = 0  # the beautician box's "next in turn" entry


class BookingForm(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        day: date,
        start: datetime | None = None,
        staff_id: int | None = None,
        source: str = "phone",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = day
        self.service = ctx.service(BookingService)
        self.tz = ctx.core.settings.tz()
        self.saved: BookingRow | None = None
        self.setWindowTitle(_("New booking"))
        self.resize(1280, 700)
        page = QVBoxLayout(self)
        opens_at = local_datetime(day, ctx.core.settings.get("hours.open"), self.tz)
        title = QLabel(_("New booking — {day}", day=day_text(opens_at, self.tz)), self)
        title.setProperty("role", "title")
        page.addWidget(title)
        outer = QHBoxLayout()
        page.addLayout(outer, 1)
        who = QVBoxLayout()
        outer.addLayout(who, 4)
        who.addWidget(QLabel(_("Member or caller"), self))
        self.caller = CallerPicker(ctx, self)
        who.addWidget(self.caller, 1)
        self.name = self.caller.name
        self.phone = self.caller.phone
        left = QVBoxLayout()
        outer.addLayout(left, 4)
        form = QFormLayout()
        left.addLayout(form)
        self.staff = QComboBox(self)
        self.staff.addItem(_("Next in turn (轮钟)"), None)
        for shift in ctx.service(RosterService).on_duty(day):
            self.staff.addItem(f"{shift.number}号 {shift.name}", shift.staff_id)
        if staff_id is not None and self.staff.findData(staff_id) >= 0:
            self.staff.setCurrentIndex(self.staff.findData(staff_id))
        form.addRow(_("Beautician"), self.staff)
        self.time = QComboBox(self)
        opens = local_datetime(day, ctx.core.settings.get("hours.open"), self.tz)
        closes = local_datetime(day, ctx.core.settings.get("hours.close"), self.tz)
        slot = opens
        while slot < closes:
            self.time.addItem(slot.astimezone(self.tz).strftime("%H:%M"), slot)
            slot += timedelta(minutes=15)
        if start is not None:
            found = self.time.findText(start.astimezone(self.tz).strftime("%H:%M"))
            self.time.setCurrentIndex(max(0, found))
        form.addRow(_("Time"), self.time)
        sources = QHBoxLayout()
        self.sources = QButtonGroup(self)
        self.source_buttons: dict[str, BigButton] = {}
        for key, label in SOURCE_LABELS.items():
            button = BigButton(_(label), self)
            button.setCheckable(True)
            button.setChecked(key == source)
            self.sources.addButton(button)
            self.source_buttons[key] = button
            sources.addWidget(button)
        form.addRow(_("Source"), sources)
        self.note = QLineEdit(self)
        form.addRow(_("Note"), self.note)
        self.services = QListWidget(self)
        self.services.setStyleSheet(
            f"QListWidget::item {{ min-height: {TOUCH - 4}px; }}"
            "QListWidget::indicator { width: 28px; height: 28px; }"
        )
        make_touch_scrollable(self.services)
        for row in ctx.service(CatalogueService).list():
            text = f"{row.name_zh}  {row.duration_min}{_('min')}  {row.price.format()}"
            item = QListWidgetItem(text, self.services)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.services.itemClicked.connect(self._toggle)
        left.addWidget(QLabel(_("Services"), self))
        left.addWidget(self.services, 1)
        right = QVBoxLayout()
        outer.addLayout(right, 3)
        right.addWidget(QLabel(_("Phone keypad"), self))
        self.pad = NumPad(self.phone, self, mode="int", max_length=13)
        right.addWidget(self.pad)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        right.addWidget(self.message, 1)
        self.anyway = BigButton(_("Book anyway (manager)"), self, role="danger")
        self.anyway.setVisible(False)
        self.anyway.clicked.connect(self.book_anyway)
        right.addWidget(self.anyway)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(_("Save booking"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        self.name.setFocus()

    # --- reading the form ---------------------------------------------------------------
    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def check_service(self, service_id: int) -> None:
        for i in range(self.services.count()):
            item = self.services.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == service_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen_services(self) -> tuple[int, ...]:
        return tuple(
            int(self.services.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.services.count())
            if self.services.item(i).checkState() == Qt.CheckState.Checked
        )

    def draft(self, reason: str | None = None) -> BookingDraft:
        source = next(k for k, b in self.source_buttons.items() if b.isChecked())
        return BookingDraft(
            guest_name=self.name.text(),
            guest_phone=self.phone.text(),
            service_ids=self.chosen_services(),
            starts_at=self.time.currentData(),
            staff_id=self.staff.currentData(),
            source=source,
            note=self.note.text(),
            anyway_reason=reason,
            member_id=self.caller.member_id,
        )

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        self._book(self.draft())

    def book_anyway(self) -> None:
        reason = self.ctx.prompts.text(
            self, _("Book anyway"), _("Why must this beautician be double-booked?")
        )
        if reason is None:
            return
        self._book(self.draft(reason))

    def _book(self, draft: BookingDraft) -> None:
        self.message.setText("")
        self.anyway.setVisible(False)
        try:
            row: BookingRow | None = self.service.book(self.ctx.actor, draft)
        except Forbidden:
            row = self.ctx.guard(self, self.service.book, draft)
        except Conflict as exc:
            self.message.setText(error_text(exc))
            self.anyway.setVisible("slots" in exc.params)
            return
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        if row is None:
            return
        self.saved = row
        self.ctx.hub.notify("bookings")
        self.ctx.prompts.info(self, _("Booked: {text}", text=read_back(row, self.tz)))
        self.accept()
