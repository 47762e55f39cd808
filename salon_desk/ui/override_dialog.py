"""The manager override: a manager types their PIN to allow one protected action.

``OverrideDialog.ask(parent, ctx, perm)`` returns the :class:`Grant` or ``None`` when
cancelled. The service that then runs with the grant records the manager in the audit log
(``authorised_by``); five wrong PINs lock the manager's account like at sign-in.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.auth import Grant, Perm, Role, StaffRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.signin.pin_entry import PinEntry
from salon_desk.ui.widgets.big_button import BigButton


class OverrideDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext, perm: Perm) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.perm = perm
        self.grant: Grant | None = None
        self.selected: StaffRow | None = None
        self.setWindowTitle(_("Manager's permission"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        title = QLabel(_("A manager must allow: {action}", action=ctx.tr_perm(perm)), self)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        layout.addWidget(title)
        managers = [
            r
            for r in ctx.core.auth.list_staff()
            if r.role in (Role.MANAGER, Role.OWNER) and r.id != ctx.actor.staff_id
        ]
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.tiles: dict[str, QPushButton] = {}
        for i, row in enumerate(managers):
            tile = QPushButton(f"{row.name}\n{_('No. {number}', number=row.number)}", self)
            tile.setCheckable(True)
            tile.setMinimumSize(140, 72)
            tile.clicked.connect(lambda _c=False, r=row: self.choose(r))
            self.group.addButton(tile)
            grid.addWidget(tile, i // 4, i % 4)
            self.tiles[row.number] = tile
        layout.addLayout(grid)
        self.message = QLabel("" if managers else _("There is no other manager."), self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.pin = PinEntry(self)
        self.pin.submitted.connect(self.submit)
        layout.addWidget(self.pin)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        if len(managers) == 1:
            self.choose(managers[0])

    def choose(self, row: StaffRow) -> None:
        self.selected = row
        self.tiles[row.number].setChecked(True)
        self.message.setText("")
        self.pin.clear()

    def choose_number(self, number: str) -> None:
        self.tiles[number].click()

    def submit(self, pin: str) -> None:
        if self.selected is None:
            self.message.setText(_("Tap the manager's name first."))
            return
        try:
            self.grant = self.ctx.core.auth.authorise(self.selected.number, pin, self.perm)
        except SalonError as exc:
            self.message.setText(error_text(exc))
            self.pin.clear()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: UiContext, perm: Perm) -> Grant | None:
        dialog = cls(parent, ctx, perm)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.grant
        return None
