"""The member's personal data: export it to a folder (JSON and CSV) or erase the member.
Both need a manager (a counter worker is offered the manager's PIN) and ask first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.members.privacy_service import EraseResult, MemberPrivacyService
from salon_desk.members.rows import MemberRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton


def _pick_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, _("Choose a folder for the export"))
    return Path(folder) if folder else None


class PrivacyActions(QWidget):
    erased = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.privacy = ctx.service(MemberPrivacyService)
        self.member: MemberRow | None = None
        #: Asks where to write the export (tests replace it).
        self.choose_folder: Callable[[QWidget], Path | None] = _pick_folder
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.export_button = BigButton(_("Export data"), self)
        self.export_button.clicked.connect(self.export)
        self.erase_button = BigButton(_("Erase member"), self, role="danger")
        self.erase_button.clicked.connect(self.erase)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        self.set_member(None)

    def set_member(self, row: MemberRow | None) -> None:
        self.member = row
        usable = row is not None and not row.erased
        self.export_button.setEnabled(usable)
        self.erase_button.setEnabled(usable)

    def export(self) -> None:
        m = self.member
        if m is None:
            return
        folder = self.choose_folder(self)
        if folder is None:
            return
        paths = self.ctx.guard(self, self.privacy.export_to, m.id, folder)
        if paths:
            self.ctx.prompts.info(
                self,
                _(
                    "The data of {name} was saved:\n{files}",
                    name=m.name,
                    files="\n".join(str(p) for p in paths),
                ),
            )

    def erase(self) -> None:
        m = self.member
        if m is None:
            return
        if not self.ctx.prompts.confirm(
            self,
            _(
                "Erase member {name} (No. {number})? Name, phone, birthday, notes, signatures "
                "and treatment records are removed for good. Sales and card history stay "
                "without a name. This cannot be undone.",
                name=m.name,
                number=m.number,
            ),
            yes=_("Erase member"),
            no=_("Cancel"),
        ):
            return
        reason = self.ctx.prompts.text(self, _("Erase member"), _("Reason"))
        if reason is None:
            return
        result = self.ctx.guard(self, self.privacy.erase, m.id, reason)
        if isinstance(result, EraseResult):
            self.ctx.prompts.info(self, _("Member No. {number} was erased.", number=result.number))
            self.ctx.hub.notify("members")
            self.erased.emit(m.id)
