"""Staff administration: add staff, deactivate or reactivate, reset a PIN."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.auth import ROLE_LABELS, Actor, Role, StaffRow
from salon_desk.core.i18n import N_, _
from salon_desk.ui.context import UiContext
from salon_desk.ui.settings.role_dialog import RoleDialog
from salon_desk.ui.settings.staff_dialog import StaffDialog
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def _status(row: StaffRow) -> str:
    if not row.active:
        return _("Inactive")
    return _("Locked for a minute") if row.locked else _("Active")


def _by_number(row: StaffRow) -> tuple[int, str]:
    return (int(row.number) if row.number.isdigit() else 10**16), row.number


class StaffPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        title = QLabel(_("Staff"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.model = RowsModel(
            [
                Column(N_("Staff number"), lambda r: r.number),
                Column(N_("Name"), lambda r: r.name),
                Column(N_("Role"), lambda r: _(ROLE_LABELS[r.role])),
                Column(N_("Phone"), lambda r: r.phone or ""),
                Column(N_("Status"), _status, colour=lambda r: None if r.active else "#9c98a0"),
            ]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = BigButton(_("Add staff"), self, role="primary")
        self.add_button.clicked.connect(self.add)
        self.active_button = BigButton(_("Deactivate"), self)
        self.active_button.clicked.connect(self.toggle_active)
        self.pin_button = BigButton(_("Reset PIN"), self)
        self.pin_button.clicked.connect(self.reset_pin)
        self.role_button = BigButton(_("Change role"), self)
        self.role_button.clicked.connect(self.change_role)
        for button in (self.add_button, self.active_button, self.pin_button, self.role_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        ctx.hub.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, topic: str) -> None:
        if topic == "staff":
            self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the chosen row chosen."""
        chosen = self.selected()
        self.model.set_rows(
            sorted(self.ctx.core.auth.list_staff(active_only=False), key=_by_number)
        )
        if chosen is not None:
            for i, row in enumerate(self.model.rows()):
                if row.id == chosen.id:
                    self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> StaffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_number(self, number: str) -> None:
        for i, row in enumerate(self.model.rows()):
            if row.number == number:
                self.table.selectRow(i)
                return
        raise KeyError(number)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.active_button.setEnabled(row is not None and row.id != self.ctx.actor.staff_id)
        self.pin_button.setEnabled(row is not None and row.active)
        self.role_button.setEnabled(row is not None and row.id != self.ctx.actor.staff_id)
        self.active_button.setText(_("Reactivate") if row and not row.active else _("Deactivate"))

    def add(self) -> None:
        created = StaffDialog.ask(self, self.ctx)
        if created is not None:
            self.ctx.hub.notify("staff")
            self.select_number(created.number)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not self.ctx.confirm(
            self, _("Deactivate {name}? They can no longer sign in.", name=row.name)
        ):
            return
        done = self.ctx.guard(self, self.ctx.core.auth.set_active, row.id, not row.active)
        if done is not None:
            self.ctx.hub.notify("staff")
            self.select_number(row.number)

    def reset_pin(self) -> None:
        row = self.selected()
        if row is None:
            return
        pin = NumPadDialog.ask(
            self, _("New PIN for {name}", name=row.name), mode="pin", prompt=_("4 to 6 digits")
        )
        if pin is None:
            return
        self.set_pin(row, str(pin))

    def _change_pin(self, actor: Actor, staff_id: int, pin: str) -> bool:
        self.ctx.core.auth.change_pin(actor, staff_id, pin)
        return True

    def set_pin(self, row: StaffRow, pin: str) -> bool:
        if not self.ctx.guard(self, self._change_pin, row.id, pin):
            return False
        self.ctx.prompts.info(self, _("The PIN of {name} has been changed.", name=row.name))
        self.ctx.hub.notify("staff")
        return True

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        roles = [Role.COUNTER, Role.BEAUTICIAN, Role.MANAGER, Role.OWNER]
        if self.ctx.actor.role != Role.OWNER:
            roles.remove(Role.OWNER)
        role = RoleDialog.ask(self, row.name, row.role, roles)
        if role is not None:
            self.set_role(row, role)

    def set_role(self, row: StaffRow, role: Role) -> bool:
        if self.ctx.guard(self, self.ctx.core.auth.set_role, row.id, role) is None:
            return False
        self.ctx.hub.notify("staff")
        return True
