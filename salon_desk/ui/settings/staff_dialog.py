"""Add a staff member: name, 工号, role, PIN (with the keypad). Wrong input is said in the
dialog and it stays open; nothing is saved until everything is right."""

from __future__ import annotations

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

from salon_desk.core.auth import ROLE_LABELS, Actor, Role, StaffRow
from salon_desk.core.errors import Forbidden, SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class StaffDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: StaffRow | None = None
        self.setWindowTitle(_("Add staff"))
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.number = QLineEdit(self)
        self.role = QComboBox(self)
        roles = [Role.COUNTER, Role.BEAUTICIAN, Role.MANAGER]
        if ctx.actor.role == Role.OWNER:
            roles.append(Role.OWNER)
        for role in roles:
            self.role.addItem(_(ROLE_LABELS[role]), role.value)
        self.phone = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Staff number"), self.number)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("PIN (4 to 6 digits)"), self.pin)
        left.addLayout(form)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.ok_button = BigButton(_("Add"), self, role="primary")
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        left.addLayout(buttons)
        layout.addLayout(left, 3)
        layout.addWidget(NumPad(self.pin, self, mode="pin", max_length=6), 2)

    def _create(self, actor: Actor) -> StaffRow:
        return self.ctx.core.auth.create_staff(
            actor,
            name=self.name.text(),
            number=self.number.text(),
            pin=self.pin.text(),
            role=Role(self.role.currentData()),
            phone=self.phone.text().strip() or None,
        )

    def submit(self) -> None:
        try:
            created: StaffRow | None = self._create(self.ctx.actor)
        except Forbidden:
            created = self.ctx.guard(self, self._create)  # a manager may allow it
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        if created is None:
            return
        self.created = created
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: UiContext) -> StaffRow | None:
        dialog = cls(parent, ctx)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.created
        return None
