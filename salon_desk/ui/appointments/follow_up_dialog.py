"""Add a follow-up call by hand: who, phone, purpose, key points, which day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.calls_service import PURPOSES, CallsService
from salon_desk.booking.rows import FollowUpRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class FollowUpDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext, today: date) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: FollowUpRow | None = None
        self.setWindowTitle(_("Add a call"))
        self.resize(900, 460)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)
        form = QFormLayout()
        left.addLayout(form)
        self.name = QLineEdit(self)
        form.addRow(_("Name"), self.name)
        self.phone = QLineEdit(self)
        form.addRow(_("Phone"), self.phone)
        self.purpose = QComboBox(self)
        for key, label in PURPOSES.items():
            self.purpose.addItem(_(label), key)
        form.addRow(_("Purpose"), self.purpose)
        self.points = QLineEdit(self)
        form.addRow(_("Key points"), self.points)
        self.day = QComboBox(self)
        for offset in range(8):
            day = today + timedelta(days=offset)
            self.day.addItem(day.strftime("%m-%d"), day)
        form.addRow(_("Call on"), self.day)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        left.addStretch(1)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        save = BigButton(_("Save"), self, role="primary")
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        left.addLayout(buttons)
        outer.addWidget(NumPad(self.phone, self, mode="int", max_length=13), 2)

    def save(self) -> None:
        calls = self.ctx.service(CallsService)
        try:
            row = calls.plan(
                self.ctx.actor,
                due_day=self.day.currentData(),
                name=self.name.text(),
                phone=self.phone.text(),
                purpose=str(self.purpose.currentData()),
                key_points=self.points.text(),
            )
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        self.saved = row
        self.accept()
