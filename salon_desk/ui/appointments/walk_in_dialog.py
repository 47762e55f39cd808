"""A walk-in joins the queue: the member found as the counter types (name, pinyin
initials or part of the phone) or a new caller's name and phone (which may stay empty),
and the treatment wanted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.rows import WalkInRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.appointments.caller_picker import CallerPicker
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class WalkInDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: WalkInRow | None = None
        self.setWindowTitle(_("Walk-in"))
        self.resize(1040, 620)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)
        self.caller = CallerPicker(ctx, self, walk_in=True)
        self.name = self.caller.name
        self.phone = self.caller.phone
        left.addWidget(self.caller, 1)
        form = QFormLayout()
        left.addLayout(form)
        self.service = QComboBox(self)
        for row in ctx.service(CatalogueService).list():
            self.service.addItem(f"{row.name_zh}  {row.duration_min}{_('min')}", row.id)
        form.addRow(_("Service"), self.service)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        save = BigButton(_("Add to the queue"), self, role="primary")
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        left.addLayout(buttons)
        self.pad = NumPad(self.phone, self, mode="int", max_length=13)
        outer.addWidget(self.pad, 2)

    def save(self) -> None:
        queue = self.ctx.service(QueueService)
        try:
            row = queue.add(
                self.ctx.actor,
                name=self.name.text(),
                phone=self.phone.text(),
                service_id=int(self.service.currentData() or 0),
            )
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        self.saved = row
        self.ctx.hub.notify("bookings")
        self.accept()
