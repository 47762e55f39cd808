"""Choose a role with one tap: a large button per role."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from salon_desk.core.auth import ROLE_LABELS, Role
from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton


class RoleDialog(QDialog):
    def __init__(self, parent: QWidget | None, name: str, current: Role, roles: list[Role]) -> None:
        super().__init__(parent)
        self.chosen: Role | None = None
        self.setWindowTitle(_("Role"))
        layout = QVBoxLayout(self)
        title = QLabel(_("New role for {name}", name=name), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.buttons: dict[Role, BigButton] = {}
        for role in roles:
            button = BigButton(
                _(ROLE_LABELS[role]), self, role="primary" if role == current else None
            )
            button.clicked.connect(lambda _c=False, r=role: self.choose(r))
            layout.addWidget(button)
            self.buttons[role] = button
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def choose(self, role: Role) -> None:
        self.chosen = role
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, name: str, current: Role, roles: list[Role]
    ) -> Role | None:
        dialog = cls(parent, name, current, roles)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen
        return None
